using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Facts;
using Xunit;

namespace MultiStage.Generator.Tests;

public class SmokeTests
{
    [Fact]
    public void A_net10_web_app_builds_on_the_noble_sdk_and_runs_on_chiseled_extra_aspnet()
    {
        var result = DockerfileWriter.Write(new ProjectFacts
        {
            ProjectPath = "src/Api/Api.csproj",
            DockerfilePath = "src/Api/Dockerfile",
            AssemblyName = "Api",
            TargetFramework = "net10.0",
            IsWebApp = true,
            UsesAspNetCore = true,
        });

        Assert.False(result.HasErrors);
        Assert.Contains("FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build\n", result.Text);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra AS final\n", result.Text);
    }
}
