using Xunit;

namespace MultiStage.Sdk.Tests.Templates;

/// <summary>dotnet new multistage-web, then dotnet build against the freshly packed SDK: the minimal API gets its Dockerfile.</summary>
public class WebTemplateTests
{
    private const string Sdk = "mcr.microsoft.com/dotnet/sdk";

    public static TheoryData<string, string, string> Instances => new()
    {
        // options, build image, final image
        { "", $"{Sdk}:10.0-noble", "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra" },
        { "--framework net9.0 --port 5000", $"{Sdk}:9.0-bookworm-slim", "mcr.microsoft.com/dotnet/aspnet:9.0-bookworm-slim" },
        { "--framework net8.0 --family alpine", $"{Sdk}:8.0-alpine", "mcr.microsoft.com/dotnet/aspnet:8.0-alpine-extra" },
        { "--aot --port 8081", $"{Sdk}:10.0-noble-aot", "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled" },
        { "--framework net10.0 --family azurelinux3.0-distroless", $"{Sdk}:10.0-azurelinux3.0", "mcr.microsoft.com/dotnet/aspnet:10.0-azurelinux3.0-distroless-extra" },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void The_web_template_builds_without_warnings_and_gets_a_Dockerfile_for_its_options(string options, string buildImage, string finalImage)
    {
        var chosen = new TemplateOptions(options);
        var instance = TemplateInstance.Create("multistage-web", "App", chosen.Arguments);
        GeneratedFiles.AssertPinsTheFreshSdk(instance);
        GeneratedFiles.AssertProject(instance, "App.csproj", "App.csproj", chosen, hasPortOption: true);
        GeneratedFiles.AssertContainerLaunchProfile(instance, string.Empty, chosen.Port);
        Assert.Equal(chosen.Aot, instance.Repository.ReadFile("Program.cs").Contains("WebApplication.CreateSlimBuilder(args)"));

        instance.BuildWithoutWarnings();

        Assert.Equal(new[] { "Dockerfile" }, instance.Dockerfiles());
        Assert.True(instance.Repository.FileExists(".dockerignore"));
        GeneratedFiles.AssertDockerfile(instance, "Dockerfile", "App", chosen, isWeb: true, buildImage, finalImage);
    }
}
