using System.Text.RegularExpressions;
using System.Xml.Linq;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// A no-change build skips the generator; anything the files are made from (MSBuild values, files read, files
/// that appear, the generated files themselves) brings it back.
/// </summary>
public class UpToDateCheckTests
{
    private const string Skipped = "is made from has changed; not generating it again";

    private static TestRepository ConsoleApp(string name) =>
        TestRepository.Create(name).WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram());

    private static BuildResult BuildApp(TestRepository repository, params string[] arguments) =>
        repository.Build("App/App.csproj", new[] { "-v:n" }.Concat(arguments).ToArray());

    [Fact]
    public void A_no_change_build_skips_the_generator_and_says_why()
    {
        var repository = ConsoleApp("up-to-date");
        var first = BuildApp(repository);
        var dockerfile = repository.ReadFile("App/Dockerfile");

        var second = BuildApp(repository);

        Assert.True(first.Succeeded, first.Output);
        Assert.True(second.Succeeded, second.Output);
        Assert.DoesNotContain(Skipped, first.Output);
        Assert.Contains("MultiStage.Sdk: nothing the Dockerfile of App " + Skipped, second.Output);
        Assert.DoesNotContain("(unchanged)", second.Output);
        Assert.Equal(dockerfile, repository.ReadFile("App/Dockerfile"));
    }

    [Fact]
    public void Clean_deletes_the_state_and_the_next_build_generates_again()
    {
        var repository = ConsoleApp("clean-state");
        Assert.True(BuildApp(repository).Succeeded);
        Assert.Contains(Skipped, BuildApp(repository).Output);
        var state = Directory.GetFiles(repository.PathOf("App/obj"), "App.multistage.*", SearchOption.AllDirectories);
        Assert.Equal(2, state.Length);

        var clean = repository.Dotnet("clean", "App/App.csproj");
        var stateAfterClean = state.Where(File.Exists).ToList();
        var build = BuildApp(repository);

        Assert.True(clean.Succeeded, clean.Output);
        Assert.Empty(stateAfterClean);
        Assert.True(build.Succeeded, build.Output);
        Assert.DoesNotContain(Skipped, build.Output);
        Assert.Contains("App/Dockerfile (unchanged)", build.Output);
        Assert.All(state, path => Assert.True(File.Exists(path), path + " was not written again"));
        Assert.Contains(Skipped, BuildApp(repository).Output);
    }

    public static TheoryData<string> Changes => new()
    {
        "a property on the command line",
        "an edited NuGet.config",
        "a Directory.Packages.props that appears",
        "a Directory.Build.props that appears beside the project",
        "a deleted Dockerfile",
        "an edited Dockerfile",
        "a deleted .dockerignore",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_to_what_the_files_are_made_from_runs_the_generator_again(string change)
    {
        var repository = ConsoleApp("change-" + Regex.Replace(change, "[^a-z]+", "-").Trim('-'));
        Assert.True(BuildApp(repository).Succeeded);
        Assert.Contains(Skipped, BuildApp(repository).Output);
        var arguments = Array.Empty<string>();
        Func<bool> shows;
        switch (change)
        {
            case "a property on the command line":
                arguments = new[] { "-p:ContainerUser=app" };
                shows = () => repository.ReadFile("App/Dockerfile").Contains("\nUSER app\n");
                break;
            case "an edited NuGet.config":
                Directory.CreateDirectory(repository.PathOf("more-packages"));
                repository.WriteFile("NuGet.config", TestRepository.NuGetConfig(TestRepository.LocalFeedFolder)
                    .Replace("<clear />", "<clear />\n    <add key=\"more\" value=\"more-packages\" />"));
                shows = () => repository.ReadFile("App/Dockerfile").Contains("COPY [\"more-packages/\", \"more-packages/\"]");
                break;
            case "a Directory.Packages.props that appears":
                repository.WriteFile("Directory.Packages.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
                shows = () => repository.ReadFile("App/Dockerfile").Contains("\"Directory.Packages.props\"");
                break;
            case "a Directory.Build.props that appears beside the project":
                repository.WriteFile("App/Directory.Build.props", "<Project>\n</Project>\n");
                shows = () => repository.ReadFile("App/Dockerfile").Contains("\"App/Directory.Build.props\"");
                break;
            case "a deleted Dockerfile":
                File.Delete(repository.PathOf("App/Dockerfile"));
                shows = () => repository.FileExists("App/Dockerfile");
                break;
            case "an edited Dockerfile":
                File.AppendAllText(repository.PathOf("App/Dockerfile"), "# edited\n");
                shows = () => !repository.ReadFile("App/Dockerfile").Contains("# edited");
                break;
            case "a deleted .dockerignore":
                File.Delete(repository.PathOf(".dockerignore"));
                shows = () => repository.FileExists(".dockerignore");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }

        Assert.False(shows(), "the change shows in the files before the build: the case proves nothing");

        var result = BuildApp(repository, arguments);

        Assert.True(result.Succeeded, result.Output);
        Assert.DoesNotContain(Skipped, result.Output);
        Assert.True(shows(), $"after {change}, the build did not bring the files up to date:\n{repository.ReadFile("App/Dockerfile")}");
    }

    [Fact]
    public void A_build_that_warned_warns_again_on_the_next_build()
    {
        var repository = ConsoleApp("warns-again").WriteFile(".dockerignore", "bin\nobj\n");

        var first = BuildApp(repository);
        var second = BuildApp(repository);

        Assert.Equal(new[] { "MULTISTAGE2002" }, first.WarningCodes);
        Assert.Equal(new[] { "MULTISTAGE2002" }, second.WarningCodes);
        Assert.DoesNotContain(Skipped, second.Output);
    }

    [Fact]
    public void A_multi_targeted_project_skips_the_generator_in_the_chosen_framework()
    {
        var repository = TestRepository.Create("up-to-date-multi-targeted")
            .WriteProject("App/App.csproj", Projects.Console().Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks>"), Projects.ConsoleProgram());
        Assert.True(BuildApp(repository).Succeeded);

        var second = BuildApp(repository);

        Assert.True(second.Succeeded, second.Output);
        Assert.Contains(Skipped, second.Output);
        Assert.Contains(" mcr.microsoft.com/dotnet/sdk:10.0-noble AS build\n", repository.ReadFile("App/Dockerfile"));
    }

    [Fact]
    public void The_image_target_gets_the_dockerfile_after_a_build_that_skipped_the_generator()
    {
        var repository = ConsoleApp("image-after-skip");
        Assert.True(BuildApp(repository).Succeeded);
        Assert.Contains(Skipped, BuildApp(repository).Output);

        // No builder on PATH: the target gets as far as looking for one only when it has the Dockerfile.
        var dotnetFolder = Path.GetDirectoryName(Environment.ProcessPath!)!;
        var result = repository.Dotnet("build", "App/App.csproj", new Dictionary<string, string?> { ["PATH"] = dotnetFolder }, "-t:MultiStageContainerImage");

        Assert.False(result.Succeeded);
        Assert.Equal(new[] { "MULTISTAGE4001" }, result.ErrorCodes);
    }

    /// <summary>A task parameter missing from the up-to-date hash would let a changed value keep a stale Dockerfile.</summary>
    [Fact]
    public void Every_value_the_task_is_given_is_in_the_up_to_date_hash()
    {
        var targets = XDocument.Load(Path.Combine(Repository.Root, "sdk", "MultiStage.Sdk.targets"));
        var task = targets.Descendants().Single(e => e.Name.LocalName == "GenerateMultiStageFiles");
        var hashed = targets.Descendants().Single(e => e.Name.LocalName == "_MultiStageGeneratorInputs").Value;
        var taskClass = File.ReadAllText(Path.Combine(Repository.Root, "src", "MultiStage.Sdk", "Tasks", "GenerateMultiStageFiles.cs"));

        var parameters = task.Attributes().Where(a => a.Name.LocalName != "Condition").ToList();
        Assert.True(parameters.Count > 40, "the task's parameters were not found");
        foreach (var parameter in parameters)
        {
            Assert.Contains(parameter.Name.LocalName + "=", hashed);
            foreach (Match reference in Regex.Matches(parameter.Value, @"[$@]\((?<name>[A-Za-z_]+)"))
            {
                Assert.Contains(reference.Value, hashed);
            }
        }

        // Item metadata the task reads must be in the hash with its item.
        foreach (Match metadata in Regex.Matches(taskClass, @"GetMetadata\(""(?<name>\w+)""\)"))
        {
            Assert.Contains("%(" + metadata.Groups["name"].Value + ")", hashed);
        }
    }
}
