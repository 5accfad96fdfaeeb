using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests.RealBuilds;

// MultiStageContainerCacheTo/From on docker 20.10's built-in BuildKit: the inline cache, pushed with the image to a
// loopback registry, makes an emptied engine (the next CI runner's) take restore and publish from the cache. One
// engine of its own, emptied between the runs: the shared test engine and its cache are not touched.
public partial class DockerImageTargetRealBuildTests
{
    [SkippableFact]
    public void An_empty_engine_takes_restore_and_publish_from_the_inline_cache_pushed_to_a_registry()
    {
        Engine.RequireOrSkip();
        LoopbackRegistryRequirement.RequireOrSkip();
        const string greeting = "Hello from the registry cache";
        var repository = TestRepository.Create("docker-build-cache")
            .WriteProject("src/App/App.csproj", Projects.Console(), Projects.ConsoleProgram(greeting));
        var generation = repository.Build("src/App/App.csproj");
        Assert.True(generation.Succeeded, generation.Output);
        var folder = Path.Combine(Repository.RunFolder, "build-cache-" + Guid.NewGuid().ToString("N")[..8]);
        using var registry = LoopbackRegistry.Start(Path.Combine(folder, "registry"));
        using var empty = EmptyDockerEngine.Start(folder);
        empty.LoadStandIns(StandIns.BaseImages(DockerfileText.Read(repository.PathOf("src/App/Dockerfile"))), output);
        var tag = Tag();
        var image = $"app:{tag}";
        var pushed = $"{registry.Address}/cache/app:{tag}";

        // The first runner: an empty engine runs restore (the control), writes the inline cache into the image and pushes it.
        var exported = BuildOn(empty, repository, "src/App/App.csproj", $"-p:ContainerImageTag={tag}", "-p:MultiStageContainerCacheTo=inline", $"-p:ContainerRegistry={registry.Address}", "-p:ContainerRepository=cache/app");

        Assert.True(exported.Succeeded, exported.Output);
        Assert.Contains("--build-arg BUILDKIT_INLINE_CACHE=1", exported.Output);
        Assert.False(Step(Steps(exported.Output), "dotnet restore").UsedCache, "restore was cached on an empty engine.\n" + exported.Output);
        Assert.Equal(new[] { tag }, registry.Tags("cache/app"));

        // The next runner: the same engine emptied of the image and the whole build cache, reading the cache from the registry.
        empty.Empty(pushed);
        var imported = BuildOn(empty, repository, "src/App/App.csproj", $"-p:ContainerImageTag={tag}", $"-p:MultiStageContainerCacheFrom={pushed}");

        Assert.True(imported.Succeeded, imported.Output);
        Assert.Contains($"--cache-from {pushed}", imported.Output);
        Assert.Contains($"importing cache manifest from {pushed}", imported.Output);
        var steps = Steps(imported.Output);
        Assert.True(Step(steps, "dotnet restore").UsedCache, "restore ran again although the registry had its cache.\n" + imported.Output);
        Assert.True(Step(steps, "dotnet publish").UsedCache, "publish ran again although the inputs are unchanged.\n" + imported.Output);
        var run = empty.RunDocker(TimeSpan.FromMinutes(2), "run", "--rm", "--network", "host", image);
        Assert.True(run.Succeeded && run.Output.Trim() == greeting, $"{image} printed \"{run.Output.Trim()}\" ({run.ExitCode}).");
    }

    /// <summary>MultiStageContainerImage with Debian's docker CLI against <paramref name="engine"/>.</summary>
    private BuildResult BuildOn(EmptyDockerEngine engine, TestRepository repository, string target, params string[] arguments)
    {
        var result = repository.Dotnet(
            "build",
            target,
            engine.Environment(DockerEnvironment(DebianDocker)),
            new[] { "-t:MultiStageContainerImage", "-p:MultiStageContainerBuilder=docker", "-p:MultiStageContainerBuildArguments=--network=host" }.Concat(arguments).ToArray());
        output.WriteLine(result.Output);
        return result;
    }

    /// <summary>The build steps in a dotnet build's output, whose logger indents the builder's lines.</summary>
    private static IReadOnlyList<BuildStep> Steps(string buildOutput) =>
        Engine.ParseSteps(string.Join("\n", buildOutput.Split('\n').Select(line => line.TrimStart())));

    private static BuildStep Step(IReadOnlyList<BuildStep> steps, string text)
    {
        var matches = steps.Where(s => s.Instruction.Contains(text, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"Expected one build step containing \"{text}\", found {matches.Count}: {string.Join(" | ", steps.Select(s => s.Instruction))}");
        return matches[0];
    }
}
