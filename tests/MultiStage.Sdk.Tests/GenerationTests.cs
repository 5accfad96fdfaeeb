using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>What every supported shape gets from a plain dotnet build.</summary>
public class GenerationTests
{
    public static TheoryData<string, string, string, string> Shapes => new()
    {
        // kind, TFM, build image, final image
        { "web", "net10.0", "mcr.microsoft.com/dotnet/sdk:10.0-noble", "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra" },
        { "web", "net9.0", "mcr.microsoft.com/dotnet/sdk:9.0-bookworm-slim", "mcr.microsoft.com/dotnet/aspnet:9.0-bookworm-slim" },
        { "web", "net8.0", "mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim", "mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim" },
        { "console", "net10.0", "mcr.microsoft.com/dotnet/sdk:10.0-noble", "mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra" },
        { "console", "net9.0", "mcr.microsoft.com/dotnet/sdk:9.0-bookworm-slim", "mcr.microsoft.com/dotnet/runtime:9.0-bookworm-slim" },
        { "console", "net8.0", "mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim", "mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim" },
        { "worker", "net10.0", "mcr.microsoft.com/dotnet/sdk:10.0-noble", "mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra" },
        { "worker", "net9.0", "mcr.microsoft.com/dotnet/sdk:9.0-bookworm-slim", "mcr.microsoft.com/dotnet/runtime:9.0-bookworm-slim" },
        { "worker", "net8.0", "mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim", "mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void A_framework_dependent_app_gets_the_matching_sdk_and_runtime_images(string kind, string targetFramework, string buildImage, string finalImage)
    {
        var repository = TestRepository.Create($"{kind}-{targetFramework}");
        var (project, program) = kind switch
        {
            "web" => (Projects.Web(targetFramework), Projects.WebProgram()),
            "console" => (Projects.Console(targetFramework), Projects.ConsoleProgram()),
            _ => (Projects.Worker(targetFramework), Projects.WorkerProgram()),
        };
        repository.WriteProject("src/App/App.csproj", project, program);

        var result = repository.Build("src/App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Empty(result.WarningCodes);
        var dockerfile = repository.ReadFile("src/App/Dockerfile");
        Assert.Contains($"FROM --platform=$BUILDPLATFORM {buildImage} AS build\n", dockerfile);
        Assert.Equal(finalImage, GeneratedDockerfile.FinalImage(dockerfile));
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"App.dll\"]\n", dockerfile);
        Assert.Contains("USER 1654\n", dockerfile);
        Assert.Contains("-p:UseAppHost=false", dockerfile);
        var exposed = dockerfile.Split('\n').Where(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal)).ToList();
        Assert.Equal(kind == "web" ? new[] { "EXPOSE 8080" } : Array.Empty<string>(), exposed);
        Assert.True(repository.FileExists(".dockerignore"));
        DockerfileLint.AssertClean(repository.PathOf("src/App/Dockerfile"));
    }
}
