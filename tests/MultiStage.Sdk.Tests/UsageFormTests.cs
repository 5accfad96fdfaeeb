using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>The SDK works as the project SDK and added to another SDK; a web app is a web app however it is declared.</summary>
public class UsageFormTests
{
    // The usage forms in one dotnet build, each in a repository of its own.
    private static readonly Lazy<BatchResult> FormsBuilt = new(() =>
    {
        var batch = CaseBatch.Create("usage-forms");
        batch.Add("project-sdk-web", "Api/Api.csproj").WriteProject(
            "Api/Api.csproj",
            Projects.Console(items: "<FrameworkReference Include=\"Microsoft.AspNetCore.App\" />"),
            "using Microsoft.AspNetCore.Builder;\nusing Microsoft.AspNetCore.Http;\n" + Projects.WebProgram());
        batch.Add("Microsoft.NET.Sdk.Web").WriteProject("App/App.csproj", Projects.Web(), Projects.WebProgram());
        batch.Add("Microsoft.NET.Sdk.Worker").WriteProject("App/App.csproj", Projects.Worker(), Projects.WorkerProgram());
        return batch.Build();
    });

    [Fact]
    public void As_the_project_sdk_it_wraps_Microsoft_NET_Sdk_and_a_FrameworkReference_makes_a_web_app()
    {
        var result = FormsBuilt.Value.For("project-sdk-web");

        Assert.False(result.Failed, result.Describe());
        Assert.DoesNotContain("MSB4011", FormsBuilt.Value.Build.Output); // no SDK file imported twice (in any case of the batch)
        var dockerfile = result.Repository.ReadFile("Api/Dockerfile");
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra", GeneratedDockerfile.FinalImage(dockerfile));
        Assert.Contains("EXPOSE 8080\n", dockerfile);
    }

    [Theory]
    [InlineData("Microsoft.NET.Sdk.Web")]
    [InlineData("Microsoft.NET.Sdk.Worker")]
    public void Added_to_another_sdk_it_imports_Microsoft_NET_Sdk_once(string baseSdk)
    {
        var result = FormsBuilt.Value.For(baseSdk);

        Assert.False(result.Failed, result.Describe());
        Assert.DoesNotContain("MSB4011", FormsBuilt.Value.Build.Output);
        Assert.True(result.Repository.FileExists("App/Dockerfile"));
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
