using MultiStage.Harness.StandIns;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>What a stand-in's tag means (from the generator's image table), and what the builder refuses to stand in.</summary>
public class StandInRecipeTests
{
    private static readonly MachineToolchain Machine = new("amd64", "/usr/share/dotnet", "10.0.12", "10.0.12", "10.0.401");

    private static StandInRecipe Plan(string image, string architecture = "amd64") =>
        StandInRecipe.Plan(image, architecture, Machine, () => new NodeInstall("/usr/bin/node", "/usr/lib/node_modules", "20.20.2"));

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", "aspnet", true, true, "localhost/multistage-standin-base/aspnet-shellless-noicu-amd64")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra", "aspnet", true, false, "localhost/multistage-standin-base/aspnet-shellless-amd64")]
    [InlineData("mcr.microsoft.com/dotnet/runtime:8.0-azurelinux3.0-distroless", "runtime", true, true, "localhost/multistage-standin-base/runtime-shellless-noicu-amd64")]
    [InlineData("mcr.microsoft.com/dotnet/sdk:10.0-noble", "sdk", false, false, "localhost/multistage-standin-base/sdk-amd64")]
    [InlineData("mcr.microsoft.com/dotnet/sdk:10.0-noble-aot", "sdk-aot", false, false, "localhost/multistage-standin-base/sdk-aot-amd64")]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble", "runtime-deps", false, false, "localhost/multistage-standin-base/runtime-deps-amd64")]
    [InlineData("docker.io/library/node:26-bookworm-slim", "node", false, false, "localhost/multistage-standin-base/node-amd64")]
    public void A_tag_names_the_kind_shell_and_ICU_of_its_stand_in(string image, string kind, bool shellless, bool dropsIcu, string baseImage)
    {
        var recipe = Plan(image);

        Assert.Equal(kind, recipe.Kind);
        Assert.Equal(shellless, recipe.Shellless);
        Assert.Equal(dropsIcu, recipe.Shellless && recipe.DropsIcu);
        Assert.Equal(baseImage, recipe.BaseImage);
        Assert.Contains($"io.github.multistage-sdk.standin.image={image}", recipe.ConfigArguments);
    }

    [Fact]
    public void A_plain_chiseled_stand_in_runs_as_the_app_user_and_is_invariant()
    {
        var arguments = string.Join(' ', Plan("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled").ConfigArguments);

        Assert.Contains("--user 1654", arguments);
        Assert.Contains("--env DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true", arguments);
        Assert.DoesNotContain("--env DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", string.Join(' ', Plan("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra").ConfigArguments));
    }

    [Fact]
    public void An_older_dotnet_rolls_forward_and_carries_this_machines_toolchain_as_its_content()
    {
        var recipe = Plan("mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim");

        Assert.Contains("--env DOTNET_ROLL_FORWARD=Major", string.Join(' ', recipe.ConfigArguments));
        Assert.StartsWith("roll-forward stand-in: .NET 8.0", recipe.Note);
        Assert.Equal("sdk 10.0.401, runtime 10.0.12, aspnetcore 10.0.12", recipe.Content);
    }

    [Fact]
    public void A_foreign_architecture_holds_no_dotnet()
    {
        var recipe = Plan("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", "arm64");

        Assert.False(recipe.Native);
        Assert.Equal("localhost/multistage-standin-base/aspnet-shellless-noicu-arm64", recipe.BaseImage);
        Assert.DoesNotContain("--env DOTNET_VERSION=10.0.12", string.Join(' ', recipe.ConfigArguments));
    }

    [Fact]
    public void Another_node_major_is_a_version_stand_in()
    {
        Assert.Equal("version stand-in: node:26 runs this machine's Node.js 20.20.2", Plan("docker.io/library/node:26-bookworm-slim").Note);
        Assert.Null(Plan("docker.io/library/node:20-bookworm-slim").Note);
    }

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-alpine", "musl")]
    [InlineData("docker.io/library/node:22-alpine", "musl")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-noble@sha256:0000000000000000000000000000000000000000000000000000000000000000", "digest")]
    [InlineData("mcr.microsoft.com/dotnet/sdk:10.0-noble-chiseled", "no shell-less SDK")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:11.0-preview-resolute", "newer than this machine")]
    [InlineData("docker.io/library/nginx:1.27", "no stand-in recipe for 'nginx'")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet", "name a tag")]
    public void What_cannot_be_stood_in_is_refused_with_the_reason(string image, string reason)
    {
        var refusal = Assert.Throws<StandInException>(() => Plan(image));

        Assert.Contains(reason, refusal.Message);
    }

    [Fact]
    public void The_debian_mirror_comes_from_the_stanza_of_the_release_itself()
    {
        var deb822 = new[]
        {
            "Types: deb", "URIs: http://deb.example/debian-security", "Suites: bookworm-security", "Components: main", "",
            "# the release", "Types: deb", "URIs: http://deb.example/debian", "Suites: bookworm bookworm-updates", "Components: main",
        };
        Assert.Equal("http://deb.example/debian", DebianRootFileSystem.FromDeb822(deb822, "bookworm"));
        Assert.Null(DebianRootFileSystem.FromDeb822(deb822, "trixie"));

        var oneLine = new[] { "deb http://deb.example/debian-security bookworm-security main", "deb [arch=amd64 signed-by=/k.gpg] http://deb.example/debian bookworm main" };
        Assert.Equal("http://deb.example/debian", DebianRootFileSystem.FromOneLine(oneLine, "bookworm"));
    }
}
