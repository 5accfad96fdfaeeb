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
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>Node.js versions as .nvmrc, .node-version, MultiStageNodeVersion and engines.node write them.</summary>
public class NodeVersionTests
{
    public static TheoryData<string, int?> Versions => new()
    {
        // text, major (null: the default line stands for an alias of the newest)
        { "20", 20 },
        { "v22.11.0", 22 },
        { "22.11", 22 },
        { "22.x", 22 },
        { "V18", 18 },
        { "24.0.0-rc.1", 24 },
        { "  20\n", 20 },
        { "# the team's Node.js\n22\n", 22 },
        { "20 # LTS", 20 },
        { "\ufeff22", 22 },
        { "lts/iron", 20 },
        { "lts/Jod", 22 },
        { "lts/krypton", 24 },
        { "lts/lithium", 26 },
        { "lts/*", null },
        { "node", null },
        { "latest", null },
        { "stable", null },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void A_version_or_alias_gives_its_major(string text, int? major)
    {
        Assert.True(ClientNodeVersion.TryParseVersion(text, out var parsed));
        Assert.Equal(major, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("lts/unknown")]
    [InlineData("twenty")]
    [InlineData(">=20")]
    [InlineData("20.1.2.3")]
    [InlineData("system")]
    public void Text_that_is_no_version_is_not_read(string text)
    {
        Assert.False(ClientNodeVersion.TryParseVersion(text, out _));
    }

    public static TheoryData<string, int?> Ranges => new()
    {
        // range, major under a preferred (default) line of 26
        { ">=20", 26 },
        { ">= 20.0.0", 26 },
        { ">=18 <23", 22 },
        { "^22", 22 },
        { "^22.12.0", 22 },
        { "~20.11", 20 },
        { "22.x", 22 },
        { "20", 20 },
        { "^20.19.0 || >=22.12.0", 26 },
        { "^18 || ^20 || ^22", 22 },
        { ">=27", 27 },
        { ">26", 27 },
        { ">26.0.0", 26 },
        { "<26", 25 },
        { "<26.1", 26 },
        { "<=24", 24 },
        { "20 - 22", 22 },
        { "*", 26 },
        { "x", 26 },
        { ">=20.x", 26 },
        { ">22.x", 26 },
        { "v20", 20 },
        { ">=23 <22", null },
        { "latest", null },
        { "", null },
        { ">=abc", null },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void A_range_gives_the_preferred_line_when_it_allows_it_else_the_nearest_it_allows(string range, int? major)
    {
        Assert.Equal(major, ClientNodeVersion.FromRange(range, preferred: 26));
    }

    [Fact]
    public void The_default_line_is_the_newest_LTS_line_nvm_names()
    {
        // nvm's newest "lts/<codename>" alias: moving the default without naming its line (or the other way) fails here.
        Assert.True(ClientNodeVersion.TryParseVersion("lts/lithium", out var newestNamed));
        Assert.Equal(ClientNodeVersion.DefaultMajor, newestNamed);
        Assert.True(ClientNodeVersion.TryParseVersion("lts/*", out var latest));
        Assert.Null(latest);
    }
}
