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

public class TargetFrameworkMonikerTests
{
    [Theory]
    [InlineData("net5.0", 5, 0)]
    [InlineData("net8.0", 8, 0)]
    [InlineData("net10.0", 10, 0)]
    [InlineData("net11.0", 11, 0)]
    [InlineData("NET9.0", 9, 0)]
    [InlineData(" net10.0 ", 10, 0)]
    public void Net_with_a_dotted_version_of_5_or_more_is_NetCoreApp(string moniker, int major, int minor)
    {
        var tfm = TargetFrameworkMoniker.Parse(moniker);

        Assert.Equal((FrameworkKind.NetCoreApp, new Version(major, minor), false), (tfm.Kind, tfm.Version, tfm.IsOsSpecific));
    }

    [Theory]
    [InlineData("netcoreapp3.1", 3, 1)]
    [InlineData("netcoreapp2.1", 2, 1)]
    public void Netcoreapp_is_NetCoreApp_with_its_own_version(string moniker, int major, int minor)
    {
        var tfm = TargetFrameworkMoniker.Parse(moniker);

        Assert.Equal((FrameworkKind.NetCoreApp, new Version(major, minor)), (tfm.Kind, tfm.Version));
    }

    [Theory]
    [InlineData("net48", 4, 8)]
    [InlineData("net472", 4, 7)]
    [InlineData("net4.8", 4, 8)]
    [InlineData("net35", 3, 5)]
    public void Net_without_dots_or_below_5_is_NetFramework(string moniker, int major, int minor)
    {
        var tfm = TargetFrameworkMoniker.Parse(moniker);

        Assert.Equal((FrameworkKind.NetFramework, new Version(major, minor)), (tfm.Kind, tfm.Version));
    }

    [Theory]
    [InlineData("netstandard2.0", 2, 0)]
    [InlineData("netstandard2.1", 2, 1)]
    public void Netstandard_is_NetStandard(string moniker, int major, int minor)
    {
        var tfm = TargetFrameworkMoniker.Parse(moniker);

        Assert.Equal((FrameworkKind.NetStandard, new Version(major, minor)), (tfm.Kind, tfm.Version));
    }

    [Theory]
    [InlineData("net8.0-windows", "windows")]
    [InlineData("net8.0-windows10.0.19041.0", "windows")]
    [InlineData("net10.0-android36.0", "android")]
    [InlineData("net9.0-iOS", "ios")]
    public void A_platform_suffix_makes_the_framework_OS_specific(string moniker, string platform)
    {
        var tfm = TargetFrameworkMoniker.Parse(moniker);

        Assert.Equal((FrameworkKind.NetCoreApp, platform, true), (tfm.Kind, tfm.Platform, tfm.IsOsSpecific));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("mono")]
    [InlineData("uap10.0")]
    [InlineData("net")]
    [InlineData("net8.0;net9.0")]
    public void Anything_else_is_Unknown(string moniker)
    {
        Assert.Equal(FrameworkKind.Unknown, TargetFrameworkMoniker.Parse(moniker).Kind);
    }

    [Theory]
    [InlineData("net8.0", "8.0")]
    [InlineData("net10.0", "10.0")]
    [InlineData("netcoreapp3.1", "3.1")]
    public void Channel_is_the_M_m_of_image_tags(string moniker, string channel)
    {
        Assert.Equal(channel, TargetFrameworkMoniker.Parse(moniker).Channel);
    }

    [Fact]
    public void The_moniker_keeps_the_projects_spelling()
    {
        Assert.Equal("NET10.0", TargetFrameworkMoniker.Parse("NET10.0").ToString());
    }
}
