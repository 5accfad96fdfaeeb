using System.Diagnostics;
using System.Text.Json;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The Docker Engine every BuildKit real build runs on (eng/real-builds/docker-engine.sh) reaches no registry at all:
/// a pull fails at once, a <c># syntax=</c> line fails at the frontend resolution, a FROM image it does not hold fails,
/// and it holds nothing but the loaded stand-ins and the images the tests built on them. So every BuildKit build of the
/// suite (every generated shape, every sample, the spa-api sample's Node.js client stage, the templates) pulled
/// nothing but the stand-ins: a generated Dockerfile that needed anything else from a registry would fail there.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public class OfflineBuildKitTests
{
    private const string StandInLabel = "io.github.multistage-sdk.standin.recipe";
    private readonly ITestOutputHelper output;

    public OfflineBuildKitTests(ITestOutputHelper output) => this.output = output;

    private static ContainerEngine Engine => ContainerEngine.BuildKit;

    [SkippableTheory]
    [InlineData("docker.io/library/busybox:latest")]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra")]
    public void A_pull_from_any_registry_fails_at_once(string image)
    {
        Engine.RequireOrSkip();
        var stopwatch = Stopwatch.StartNew();

        var pull = Docker.Run(TimeSpan.FromMinutes(2), "pull", image);

        stopwatch.Stop();
        output.WriteLine($"docker pull {image} on {Docker.Host} (engine {Docker.ServerVersion}): exit code {pull.ExitCode} in {stopwatch.Elapsed.TotalSeconds:0.0} s\n{pull.Output.Trim()}");
        Assert.False(pull.Succeeded, $"docker pull {image} succeeded: the test engine reaches a registry.\n{pull.Output}");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"docker pull took {stopwatch.Elapsed.TotalSeconds:0} s to fail: the engine tries to reach a registry instead of being refused at once.");
    }

    [SkippableFact]
    public void A_syntax_line_fails_at_the_frontend_resolution()
    {
        Engine.RequireOrSkip();
        var folder = NewFolder("syntax-line");
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), "# syntax=docker/dockerfile:1\nFROM scratch\nCOPY hello.txt /\n");
        File.WriteAllText(Path.Combine(folder, "hello.txt"), "hello\n");

        var (_, result) = Engine.BuildWithoutStandIns(Path.Combine(folder, "Dockerfile"), folder, "offline-syntax", output);

        output.WriteLine(result.Output.Trim());
        Assert.False(result.Succeeded, "A Dockerfile with a # syntax= line built: BuildKit fetched its frontend from a registry.\n" + result.Output);
        Assert.Contains("docker/dockerfile", result.Output);
        Assert.Contains("frontend", result.Output);

        // Without the line, the engine's built-in frontend builds the same file: the failure above is the registry's.
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
        var (_, plain) = Engine.BuildWithoutStandIns(Path.Combine(folder, "Dockerfile"), folder, "offline-no-syntax", output);
        Assert.True(plain.Succeeded, "The same Dockerfile without the # syntax= line failed:\n" + plain.Output);
    }

    [SkippableFact]
    public void A_FROM_image_the_engine_does_not_hold_fails_the_build()
    {
        Engine.RequireOrSkip();
        var folder = NewFolder("unknown-base");
        // A real image (Alpine is never stood in), so only a registry could serve it.
        File.WriteAllText(Path.Combine(folder, "Dockerfile"), "FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-alpine\nCMD [\"true\"]\n");

        var (_, result) = Engine.BuildWithoutStandIns(Path.Combine(folder, "Dockerfile"), folder, "offline-unknown-base", output);

        output.WriteLine(result.Output.Trim());
        Assert.False(result.Succeeded, "A FROM image the engine does not hold was found: the engine pulled it.\n" + result.Output);
        Assert.Contains("mcr.microsoft.com/dotnet/runtime-deps:10.0-alpine", result.Output);
    }

    [SkippableFact]
    public void The_engine_holds_only_stand_ins_and_the_images_built_on_them()
    {
        Engine.RequireOrSkip();
        // At least the stand-ins every web app needs, so the check below has something to see.
        Engine.EnsureStandIns(new[] { "mcr.microsoft.com/dotnet/sdk:10.0-noble", "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra" }, output);

        var ids = Docker.Check("images", "--quiet", "--no-trunc").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(i => i.Trim()).Distinct().ToList();
        var foreign = new List<string>();
        foreach (var id in ids)
        {
            using var document = JsonDocument.Parse(Docker.Check("image", "inspect", id));
            var image = document.RootElement[0];
            var names = image.GetProperty("RepoTags").ValueKind == JsonValueKind.Array
                ? string.Join(", ", image.GetProperty("RepoTags").EnumerateArray().Select(t => t.GetString()))
                : string.Empty;
            var config = image.GetProperty("Config");
            var standIn = config.TryGetProperty("Labels", out var labels) && labels.ValueKind == JsonValueKind.Object && labels.TryGetProperty(StandInLabel, out _);
            // Images the tests build FROM scratch (context copies) carry no label; they have no base image to pull.
            var builtFromScratch = names.Split(", ").All(n => n.StartsWith("localhost/multistage-realbuild/", StringComparison.Ordinal))
                && image.GetProperty("RootFS").TryGetProperty("Layers", out var layers) && layers.GetArrayLength() <= 1;
            output.WriteLine($"{id[..19]} {(standIn ? "stand-in or built on one" : builtFromScratch ? "built FROM scratch" : "FOREIGN")}: {names}");
            if (!standIn && !builtFromScratch)
            {
                foreign.Add($"{id} ({names})");
            }
        }

        Assert.True(foreign.Count == 0, "The test engine holds images that are neither stand-ins nor built on them:\n" + string.Join("\n", foreign));
    }

    private static string NewFolder(string name)
    {
        var folder = Path.Combine(Repository.RunFolder, "cases", "offline-buildkit-" + name);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
