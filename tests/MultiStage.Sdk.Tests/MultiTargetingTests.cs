using System.Text.RegularExpressions;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>A multi-targeted project gets one Dockerfile, for one framework, written once per build.</summary>
public class MultiTargetingTests
{
    private static TestRepository MultiTargeted(string properties = "") =>
        TestRepository.Create("multi-target")
            .WriteProject(
                "App/App.csproj",
                Projects.Console(properties: properties).Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks>"),
                Projects.ConsoleProgram());

    [Fact]
    public void The_newest_framework_goes_into_the_image_and_both_commands_name_it()
    {
        var repository = MultiTargeted();

        var result = repository.Build("App/App.csproj", "-v:n");

        Assert.True(result.Succeeded, result.Output);
        var dockerfile = repository.ReadFile("App/Dockerfile");
        Assert.Equal("mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra", GeneratedDockerfile.FinalImage(dockerfile));
        Assert.Contains("-f \"net10.0\"", dockerfile);
        // Generated in the outer build only: one summary line, not one per framework.
        Assert.Single(Regex.Matches(result.Output, @"MultiStage\.Sdk: .*Dockerfile \((written|unchanged)\)"));
    }

    [Fact]
    public void MultiStageTargetFramework_chooses_another_framework()
    {
        var repository = MultiTargeted("<MultiStageTargetFramework>net8.0</MultiStageTargetFramework>");

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        var dockerfile = repository.ReadFile("App/Dockerfile");
        Assert.Contains("FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim AS build\n", dockerfile);
        Assert.Contains("-f \"net8.0\"", dockerfile);
    }

    [Fact]
    public void A_framework_without_images_next_to_a_modern_one_is_ignored()
    {
        var repository = TestRepository.Create("multi-target-netstandard")
            .WriteProject(
                "App/App.csproj",
                Projects.Console(properties: "<LangVersion>latest</LangVersion>").Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>netstandard2.0;net10.0</TargetFrameworks>")
                    .Replace("<OutputType>Exe</OutputType>", "<OutputType Condition=\"'$(TargetFramework)' != 'netstandard2.0'\">Exe</OutputType><OutputType Condition=\"'$(TargetFramework)' == 'netstandard2.0'\">Library</OutputType>"),
                "#if NET\nSystem.Console.WriteLine(\"hi\");\n#endif\n");

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("-f \"net10.0\"", repository.ReadFile("App/Dockerfile"));
    }
}
