using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>
/// What an image choice carries besides its two images (support status, the Native AOT toolchain, musl) and what
/// a refusal's message names.
/// </summary>
public class ImageChoiceTests
{
    [Theory]
    [InlineData("net5.0")]
    [InlineData("net6.0")]
    [InlineData("net7.0")]
    public void An_end_of_life_framework_gets_its_images_with_a_warning(string targetFramework)
    {
        var selection = ImageSelector.Select(Projects.Console(targetFramework));

        Assert.NotNull(selection.Choice);
        Assert.Equal(Support.EndOfLife, selection.Choice!.Support);
        Assert.Equal("MULTISTAGE1002", Assert.Single(selection.Diagnostics).Code);
    }

    [Fact]
    public void An_11_0_preview_is_marked_as_a_preview()
    {
        var selection = ImageSelector.Select(Projects.Console("net11.0"));

        Assert.Equal(Support.Preview, selection.Choice!.Support);
        Assert.Empty(selection.Diagnostics);
    }

    [Theory]
    [InlineData("net8.0", null, "Apt")]
    [InlineData("net9.0", "noble", "Apt")]
    [InlineData("net8.0", "alpine", "Apk")]
    [InlineData("net10.0", null, "None")]
    [InlineData("net10.0", "alpine", "None")]
    public void Native_AOT_installs_its_toolchain_only_where_no_aot_SDK_image_exists(string targetFramework, string? family, string expected)
    {
        // images.md: "Native AOT on 8.0/9.0 needs clang and zlib1g-dev installed in the build stage".
        var selection = ImageSelector.Select(Projects.Console(targetFramework) with { PublishAot = true, ContainerFamily = family });

        Assert.Equal(expected, selection.Choice!.AotToolchainInstall.ToString());
    }

    [Fact]
    public void A_framework_dependent_app_installs_no_toolchain()
    {
        var selection = ImageSelector.Select(Projects.Console("net8.0"));

        Assert.Equal(OsPackageManager.None, selection.Choice!.AotToolchainInstall);
        Assert.False(selection.Choice.IsSelfContained);
    }

    [Theory]
    [InlineData("linux-musl-x64", true)]
    [InlineData("linux-musl-arm64", true)]
    [InlineData("linux-x64", false)]
    [InlineData("linux-arm64", false)]
    public void A_musl_RID_makes_the_choice_musl(string rid, bool isMusl)
    {
        var selection = ImageSelector.Select(Projects.Console("net10.0") with { RuntimeIdentifiers = new[] { rid } });

        Assert.Equal(isMusl, selection.Choice!.IsMusl);
    }

    [Fact]
    public void A_contradiction_message_names_the_family_and_the_runtime_identifiers()
    {
        var selection = ImageSelector.Select(Projects.Console("net10.0") with { ContainerFamily = "alpine", RuntimeIdentifiers = new[] { "linux-arm64" } });

        var message = Assert.Single(selection.Diagnostics).Message;
        Assert.Contains("'alpine'", message);
        Assert.Contains("linux-arm64", message);
    }

    [Fact]
    public void A_missing_tag_message_names_the_image_that_does_not_exist()
    {
        var selection = ImageSelector.Select(Projects.Console("net10.0") with { ContainerFamily = "bookworm-slim" });

        Assert.Contains(selection.Diagnostics, d => d.Message.Contains("'mcr.microsoft.com/dotnet/runtime:10.0-bookworm-slim'"));
    }
}
