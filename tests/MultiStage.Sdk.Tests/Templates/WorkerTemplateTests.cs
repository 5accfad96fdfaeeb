using Xunit;

namespace MultiStage.Sdk.Tests.Templates;

/// <summary>dotnet new multistage-worker, then dotnet build against the freshly packed SDK: the worker service gets its Dockerfile.</summary>
public class WorkerTemplateTests
{
    private const string Sdk = "mcr.microsoft.com/dotnet/sdk";

    public static TheoryData<string, string, string> Instances => new()
    {
        // options, build image, final image
        { "", $"{Sdk}:10.0-noble", "mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra" },
        { "--framework net8.0 --family azurelinux3.0", $"{Sdk}:8.0-azurelinux3.0", "mcr.microsoft.com/dotnet/runtime:8.0-azurelinux3.0" },
        { "--framework net9.0 --aot --family noble-chiseled", $"{Sdk}:9.0-noble", "mcr.microsoft.com/dotnet/runtime-deps:9.0-noble-chiseled" },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void The_worker_template_builds_without_warnings_and_gets_a_Dockerfile_for_its_options(string options, string buildImage, string finalImage)
    {
        var chosen = new TemplateOptions(options);
        var instance = TemplateInstance.Create("multistage-worker", "App", chosen.Arguments);
        GeneratedFiles.AssertPinsTheFreshSdk(instance);
        GeneratedFiles.AssertProject(instance, "App.csproj", "App.csproj", chosen, hasPortOption: false);
        GeneratedFiles.AssertContainerLaunchProfile(instance, string.Empty, httpPort: null);
        // The Microsoft.Extensions.Hosting version follows the framework (8.0.x for net8.0, ...).
        Assert.Contains($"<PackageReference Include=\"Microsoft.Extensions.Hosting\" Version=\"{chosen.Framework[3..]}.", instance.Repository.ReadFile("App.csproj"));

        instance.BuildWithoutWarnings();

        Assert.Equal(new[] { "Dockerfile" }, instance.Dockerfiles());
        Assert.True(instance.Repository.FileExists(".dockerignore"));
        GeneratedFiles.AssertDockerfile(instance, "Dockerfile", "App", chosen, isWeb: false, buildImage, finalImage);
    }
}
