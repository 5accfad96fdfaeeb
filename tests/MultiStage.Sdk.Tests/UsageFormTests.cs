using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>The SDK works as the project SDK and added to another SDK; a web app is a web app however it is declared.</summary>
public class UsageFormTests
{
    [Fact]
    public void As_the_project_sdk_it_wraps_Microsoft_NET_Sdk_and_a_FrameworkReference_makes_a_web_app()
    {
        var repository = TestRepository.Create("project-sdk-web")
            .WriteProject(
                "Api/Api.csproj",
                Projects.Console(items: "<FrameworkReference Include=\"Microsoft.AspNetCore.App\" />"),
                "using Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\n" + Projects.WebProgram());

        var result = repository.Build("Api/Api.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.DoesNotContain("MSB4011", result.Output); // no SDK file imported twice
        var dockerfile = repository.ReadFile("Api/Dockerfile");
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra", GeneratedDockerfile.FinalImage(dockerfile));
        Assert.Contains("EXPOSE 8080\n", dockerfile);
    }

    [Theory]
    [InlineData("Microsoft.NET.Sdk.Web")]
    [InlineData("Microsoft.NET.Sdk.Worker")]
    public void Added_to_another_sdk_it_imports_Microsoft_NET_Sdk_once(string baseSdk)
    {
        var project = baseSdk == "Microsoft.NET.Sdk.Web" ? Projects.Web() : Projects.Worker();
        var program = baseSdk == "Microsoft.NET.Sdk.Web" ? Projects.WebProgram() : Projects.WorkerProgram();
        var repository = TestRepository.Create("additive").WriteProject("App/App.csproj", project, program);

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.DoesNotContain("MSB4011", result.Output);
        Assert.True(repository.FileExists("App/Dockerfile"));
    }

    [Fact]
    public void The_version_can_be_named_in_the_Sdk_attribute()
    {
        var repository = TestRepository.Create("versioned-sdk");
        repository.WriteFile("global.json", "{}\n");
        repository.WriteProject(
            "App/App.csproj",
            Projects.Console().Replace("Sdk=\"MultiStage.Sdk\"", $"Sdk=\"MultiStage.Sdk/{SdkPackage.Version}\""),
            Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.True(repository.FileExists("App/Dockerfile"));
    }
}
