using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Frameworks;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using Xunit;

namespace MultiStage.Generator.Tests;

public class TargetFrameworkSelectorTests
{
    [Theory]
    [InlineData("net10.0", "net10.0")]
    [InlineData("net8.0;net10.0", "net10.0")]
    [InlineData("net10.0;net8.0;net9.0", "net10.0")]
    [InlineData("net48;net8.0", "net8.0")]
    [InlineData("netstandard2.0;net9.0", "net9.0")]
    [InlineData("net10.0-windows;net9.0", "net9.0")]
    [InlineData("netcoreapp3.1;net6.0", "net6.0")]
    [InlineData(" net8.0 ; ; net9.0 ", "net9.0")]
    [InlineData("net10.0;net11.0", "net11.0")]
    public void Without_a_request_the_newest_container_framework_is_chosen(string targetFrameworks, string expected)
    {
        var (targetFramework, diagnostic) = TargetFrameworkSelector.Select(targetFrameworks, null);

        Assert.Null(diagnostic);
        Assert.Equal(expected, targetFramework);
    }

    [Theory]
    [InlineData("net8.0;net10.0", "net8.0", "net8.0")]
    [InlineData("net8.0;net10.0", " NET8.0 ", "net8.0")]
    [InlineData("net48;net8.0", "net8.0", "net8.0")]
    public void MultiStageTargetFramework_chooses_one_of_the_projects_frameworks(string targetFrameworks, string requested, string expected)
    {
        var (targetFramework, diagnostic) = TargetFrameworkSelector.Select(targetFrameworks, requested);

        Assert.Null(diagnostic);
        Assert.Equal(expected, targetFramework);
    }

    [Fact]
    public void An_empty_MultiStageTargetFramework_is_no_request()
    {
        Assert.Equal("net10.0", TargetFrameworkSelector.Select("net8.0;net10.0", "  ").TargetFramework);
    }

    [Theory]
    [InlineData("net8.0;net10.0", "net9.0")]
    [InlineData("net8.0", "net8")]
    public void A_MultiStageTargetFramework_the_project_does_not_target_is_MULTISTAGE1003(string targetFrameworks, string requested)
    {
        var (targetFramework, diagnostic) = TargetFrameworkSelector.Select(targetFrameworks, requested);

        Assert.Null(targetFramework);
        Assert.Equal("MULTISTAGE1003", diagnostic!.Code);
        Assert.Contains(requested, diagnostic.Message);
    }

    [Theory]
    [InlineData("net48;netstandard2.0")]
    [InlineData("net8.0-windows;net9.0-android")]
    [InlineData("netcoreapp3.1")]
    [InlineData("")]
    public void A_project_with_no_container_framework_is_MULTISTAGE1004(string targetFrameworks)
    {
        var (targetFramework, diagnostic) = TargetFrameworkSelector.Select(targetFrameworks, null);

        Assert.Null(targetFramework);
        Assert.Equal("MULTISTAGE1004", diagnostic!.Code);
    }
}
