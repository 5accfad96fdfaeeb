using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests.Templates;

/// <summary>
/// dotnet new multistage-sln, then dotnet build of the solution against the freshly packed SDK: exactly one
/// Dockerfile (the API's), the .dockerignore at the solution root, and tests that pass. MultiStage.Sdk is imported
/// for the whole solution (Directory.Build.props/targets), so the library and the tests have its targets too.
/// </summary>
public class SolutionTemplateTests
{
    private const string Sdk = "mcr.microsoft.com/dotnet/sdk";

    public static TheoryData<string, string, string, string> Instances => new()
    {
        // name, options, build image, final image
        { "Shop", "", $"{Sdk}:10.0-noble", "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra" },
        { "Contoso.Shop", "--framework net8.0 --port 5000 --family alpine", $"{Sdk}:8.0-alpine", "mcr.microsoft.com/dotnet/aspnet:8.0-alpine-extra" },
        // A name that is no C# identifier: paths keep it, namespaces get its safe form (my_shop).
        { "my-shop", "--framework net9.0 --family noble-chiseled", $"{Sdk}:9.0-noble", "mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled-extra" },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void The_solution_template_builds_one_Dockerfile_for_its_API_and_its_tests_pass(string name, string options, string buildImage, string finalImage)
    {
        var chosen = new TemplateOptions(options);
        var instance = TemplateInstance.Create("multistage-sln", name, chosen.Arguments);
        GeneratedFiles.AssertPinsTheFreshSdk(instance);
        foreach (var file in new[] { $"{name}.sln", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "NuGet.config", ".gitignore" })
        {
            Assert.True(instance.Repository.FileExists(file), $"{file} is missing; the instance holds:\n{string.Join("\n", Directory.EnumerateFiles(instance.Root, "*", SearchOption.AllDirectories))}");
        }

        var api = $"src/{name}.Api/{name}.Api.csproj";
        GeneratedFiles.AssertProject(instance, api, "Directory.Build.props", chosen, hasPortOption: true);
        Assert.Contains("<Import Project=\"Sdk.props\" Sdk=\"MultiStage.Sdk\" />", instance.Repository.ReadFile("Directory.Build.props"));
        Assert.Contains("<Import Project=\"Sdk.targets\" Sdk=\"MultiStage.Sdk\" />", instance.Repository.ReadFile("Directory.Build.targets"));
        Assert.Contains($"<ProjectReference Include=\"../{name}.Core/{name}.Core.csproj\" />", instance.Repository.ReadFile(api));
        GeneratedFiles.AssertContainerLaunchProfile(instance, $"src/{name}.Api", chosen.Port);

        instance.BuildWithoutWarnings();

        Assert.Equal(new[] { $"src/{name}.Api/Dockerfile" }, instance.Dockerfiles());
        Assert.Equal(new[] { ".dockerignore" }, Directory.EnumerateFiles(instance.Root, ".dockerignore", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(instance.Root, p)));
        GeneratedFiles.AssertDockerfile(instance, $"src/{name}.Api/Dockerfile", $"{name}.Api", chosen, isWeb: true, buildImage, finalImage);
        var dockerfile = instance.Repository.ReadFile($"src/{name}.Api/Dockerfile");
        Assert.Contains($"# Build from the context folder (../..): docker build -f src/{name}.Api/Dockerfile -t {name.ToLowerInvariant()}.api .\n", dockerfile);
        Assert.Contains("COPY [\"Directory.Build.props\", \"Directory.Build.targets\", \"Directory.Packages.props\", \"NuGet.config\", \"global.json\", \"./\"]\n", dockerfile);
        Assert.Contains($"COPY [\"src/{name}.Core/{name}.Core.csproj\", \"src/{name}.Core/\"]\n", dockerfile);

        // The template's test project is restored with the app and run by the test stages; the final stage holds no test.
        var testProject = $"tests/{name}.Core.Tests/{name}.Core.Tests.csproj";
        Assert.Contains($"COPY [\"{testProject}\", \"tests/{name}.Core.Tests/\"]\n", dockerfile);
        Assert.Contains($"dotnet test \"{testProject}\"", dockerfile);
        var finalStage = dockerfile[dockerfile.IndexOf(" AS final\n", StringComparison.Ordinal)..];
        Assert.DoesNotContain("tests/", finalStage);
        Assert.DoesNotContain("test-run", finalStage);

        // The test project targets the chosen framework; this machine may have only a newer runtime to run it on.
        var tests = instance.Repository.Dotnet("test", null, new Dictionary<string, string?> { ["DOTNET_ROLL_FORWARD"] = "Major" }, "--no-build");
        Assert.True(tests.Succeeded, tests.Output);
        Assert.Contains("Passed!", tests.Output);
    }
}
