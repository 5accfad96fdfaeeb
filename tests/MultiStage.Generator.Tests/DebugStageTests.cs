using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>The debug stage (MultiStageDebugStage): its image, its tools, and that the final stage does not change.</summary>
public class DebugStageTests
{
    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra", "mcr.microsoft.com/dotnet/aspnet:10.0-noble")]
    [InlineData("mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled", "mcr.microsoft.com/dotnet/runtime:10.0-noble")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled-extra", "mcr.microsoft.com/dotnet/aspnet:8.0-jammy")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:11.0-preview-resolute-chiseled", "mcr.microsoft.com/dotnet/aspnet:11.0-preview-resolute")]
    [InlineData("mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless-extra", "mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0")]
    [InlineData("mirror.example:5000/dotnet/aspnet:10.0.1-noble-chiseled-extra-amd64", "mirror.example:5000/dotnet/aspnet:10.0.1-noble-amd64")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled@sha256:0000000000000000000000000000000000000000000000000000000000000000", "mcr.microsoft.com/dotnet/aspnet:10.0-noble")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:9.0-bookworm-slim", "mcr.microsoft.com/dotnet/aspnet:9.0-bookworm-slim")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-alpine-extra", "mcr.microsoft.com/dotnet/aspnet:10.0-alpine-extra")]
    [InlineData("registry.example/team/runtime:custom", "registry.example/team/runtime:custom")]
    public void The_debug_image_is_the_runtime_image_with_a_shell(string baseImage, string expected)
    {
        Assert.Equal(expected, ImageSelector.DebugImage(baseImage));
    }

    [Fact]
    public void Every_shell_less_aspnet_and_runtime_tag_of_the_table_has_its_shell_variant()
    {
        foreach (var channel in ImageTable.Channels)
        {
            foreach (var (tag, repositories) in channel.Tags)
            {
                foreach (var repository in new[] { Repositories.AspNet, Repositories.Runtime }.Where(r => (repositories & r) == r))
                {
                    var image = $"mcr.microsoft.com/dotnet/{ImageSelector.RepositoryName(repository)}:{channel.TagPrefix}-{tag}";
                    var shellTag = ImageTable.TagOf(ImageSelector.DebugImage(image));
                    Assert.True(channel.Exists(shellTag.Substring(channel.TagPrefix.Length + 1), repository), $"{image}: no {shellTag}");
                }
            }
        }
    }

    [Theory]
    [InlineData(false, false, "mcr.microsoft.com/dotnet/aspnet:10.0-noble")]
    [InlineData(true, false, "mcr.microsoft.com/dotnet/aspnet:10.0-noble")]
    [InlineData(false, true, "mcr.microsoft.com/dotnet/aspnet:10.0-noble")]
    public void Web_apps_of_every_shape_debug_on_aspnet_with_a_shell(bool selfContained, bool aot, string expected)
    {
        var plan = Generate.Plan(On(Projects.Web("net10.0")) with { SelfContained = selfContained, PublishAot = aot });

        Assert.Equal(expected, plan.Debug!.Image);
        Assert.Contains(expected, plan.BaseImages);
    }

    [Fact]
    public void Console_apps_debug_on_runtime_with_a_shell()
    {
        Assert.Equal("mcr.microsoft.com/dotnet/runtime:10.0-noble", Generate.Plan(On(Projects.Console("net10.0"))).Debug!.Image);
        Assert.Equal("mcr.microsoft.com/dotnet/runtime:8.0-bookworm-slim", Generate.Plan(On(Projects.Console("net8.0"))).Debug!.Image);
    }

    [Fact]
    public void Apps_older_than_the_tools_runtime_and_projects_that_switch_it_off_get_no_debug_stage()
    {
        Assert.Null(Generate.Plan(On(Projects.Web("net7.0"))).Debug);
        Assert.Null(Generate.Plan(On(Projects.Web("net10.0")) with { DebugStage = false }).Debug);
        Assert.DoesNotContain(" AS debug", Generate.Text(On(Projects.Web("net10.0")) with { DebugStage = false }));
    }

    [Fact]
    public void Pinning_every_base_image_asks_no_digest_of_the_debug_image_and_uses_one_it_is_given()
    {
        const string digest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
        var facts = On(Projects.Web("net10.0")) with
        {
            PinDigests = true,
            ImageDigests = new Dictionary<string, string>
            {
                ["mcr.microsoft.com/dotnet/sdk:10.0-noble"] = digest,
                ["mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra"] = digest,
            },
        };

        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble", Generate.Plan(facts).Debug!.Image);
        var pinned = facts with { ImageDigests = new Dictionary<string, string>(facts.ImageDigests) { ["mcr.microsoft.com/dotnet/aspnet:10.0-noble"] = digest } };
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble@" + digest, Generate.Plan(pinned).Debug!.Image);
    }

    [Fact]
    public void The_final_stage_is_the_last_and_does_not_change()
    {
        var facts = On(Projects.Web("net10.0")) with { HealthChecks = new[] { new HealthCheckItem("/healthz", "", "", "", "") } };
        var with = Generate.Text(facts);
        var without = Generate.Text(facts with { DebugStage = false, DevStage = false });
        Assert.Contains(" AS dev\n", with);

        Assert.Equal(FinalStage(without), FinalStage(with));
        Assert.True(with.IndexOf(" AS debug\n", StringComparison.Ordinal) < with.IndexOf(" AS final\n", StringComparison.Ordinal));
        Assert.Equal(with.LastIndexOf("\nFROM ", StringComparison.Ordinal), with.IndexOf("\nFROM base AS final\n", StringComparison.Ordinal));
    }

    [Fact]
    public void The_debug_stage_runs_the_final_stages_app_as_its_user_with_the_tools_in_a_layer_of_their_own()
    {
        var text = Generate.Text(On(Projects.Web("net10.0")) with { ContainerUser = "1000", AppCommandArgs = new[] { "--serve" } });
        var debug = Stage(text, "debug");
        var final = FinalStage(text);

        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS debug\n", debug);
        Assert.Contains($"COPY --from=debug-tools {DebugStagePlan.ToolsFolder}/ {DebugStagePlan.ToolsFolder}/\n", debug);
        Assert.Contains($"ENV PATH=\"${{PATH}}:{DebugStagePlan.ToolsFolder}\"\n", debug);
        Assert.Contains("USER 1000\n", debug);
        foreach (var line in final.Split('\n').Where(l => l.StartsWith("COPY --from=build ", StringComparison.Ordinal) || l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal) || l.StartsWith("EXPOSE ", StringComparison.Ordinal)))
        {
            Assert.Contains(line + "\n", debug);
        }

        var tools = Stage(text, "debug-tools");
        Assert.StartsWith("FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble AS debug-tools\n", tools);
        foreach (var tool in new[] { "dotnet-counters", "dotnet-dump", "dotnet-gcdump", "dotnet-trace" })
        {
            Assert.Contains(tool, tools);
        }

        Assert.Contains($"--tool-path {DebugStagePlan.ToolsFolder} \"$tool\" --version {DebugStagePlan.ToolsVersion}", tools);
    }

    /// <summary>A project that sets MultiStageDebugStage and MultiStageDevStage.</summary>
    internal static ProjectFacts On(ProjectFacts facts) => facts with { DebugStage = true, DevStage = true };

    /// <summary>The text of one stage, from its FROM line to the next stage's.</summary>
    internal static string Stage(string dockerfile, string name)
    {
        var lines = dockerfile.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("FROM ", StringComparison.Ordinal) && l.EndsWith(" AS " + name, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no stage {name}:\n{dockerfile}");
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("FROM ", StringComparison.Ordinal));
        return string.Join("\n", lines.Skip(start).Take((end < 0 ? lines.Length : end) - start)).TrimEnd('\n', ' ', '#') + "\n";
    }

    private static string FinalStage(string dockerfile) => dockerfile.Substring(dockerfile.IndexOf("FROM base AS final", StringComparison.Ordinal));
}
