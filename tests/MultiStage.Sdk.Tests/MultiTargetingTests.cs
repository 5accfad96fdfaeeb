using System.Text.RegularExpressions;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>A multi-targeted project gets one Dockerfile, for one framework, written once per build.</summary>
public class MultiTargetingTests
{
    private static string MultiTargeted(string properties = "") =>
        Projects.Console(properties: properties).Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks>");

    // The three projects in one dotnet build, each in a repository of its own; -v:n shows the generation summaries.
    private static readonly Lazy<BatchResult> Built = new(() =>
    {
        var batch = CaseBatch.Create("multi-target");
        batch.Add("newest").WriteProject("App/App.csproj", MultiTargeted(), Projects.ConsoleProgram());
        batch.Add("chosen").WriteProject("App/App.csproj", MultiTargeted("<MultiStageTargetFramework>net8.0</MultiStageTargetFramework>"), Projects.ConsoleProgram());
        batch.Add("netstandard").WriteProject(
            "App/App.csproj",
            Projects.Console(properties: "<LangVersion>latest</LangVersion>").Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>netstandard2.0;net10.0</TargetFrameworks>")
                .Replace("<OutputType>Exe</OutputType>", "<OutputType Condition=\"'$(TargetFramework)' != 'netstandard2.0'\">Exe</OutputType><OutputType Condition=\"'$(TargetFramework)' == 'netstandard2.0'\">Library</OutputType>"),
            "#if NET\nSystem.Console.WriteLine(\"hi\");\n#endif\n");
        return batch.Build("-v:n");
    });

    private static CaseResult Case(string name)
    {
        var result = Built.Value.For(name);
        Assert.False(result.Failed, result.Describe());
        return result;
    }

    [Fact]
    public void The_newest_framework_goes_into_the_image_and_both_commands_name_it()
    {
        var result = Case("newest");

        var dockerfile = result.Repository.ReadFile("App/Dockerfile");
        Assert.Equal("mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra", GeneratedDockerfile.FinalImage(dockerfile));
        Assert.Contains("-f \"net10.0\"", dockerfile);
        // Generated in the outer build only: one summary line, not one per framework. The line names the case's folder.
        var caseFolder = result.Repository.Root + Path.DirectorySeparatorChar;
        Assert.Single(Regex.Matches(result.BatchOutput, @"MultiStage\.Sdk: .*Dockerfile \((written|unchanged)\).*"), m => m.Value.Contains(caseFolder, StringComparison.Ordinal));
    }

    [Fact]
    public void MultiStageTargetFramework_chooses_another_framework()
    {
        var dockerfile = Case("chosen").Repository.ReadFile("App/Dockerfile");

        Assert.Contains("FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim AS build\n", dockerfile);
        Assert.Contains("-f \"net8.0\"", dockerfile);
    }

    [Fact]
    public void A_framework_without_images_next_to_a_modern_one_is_ignored()
    {
        Assert.Contains("-f \"net10.0\"", Case("netstandard").Repository.ReadFile("App/Dockerfile"));
    }
}
