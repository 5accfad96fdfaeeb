using System.Collections.Concurrent;
using MultiStage.Harness.StandIns;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// Local stand-ins for the base images generated Dockerfiles name (<see cref="StandInBuilder"/>), prepared once per
/// image per test run. The Dockerfiles under test are never changed: the stand-ins carry the exact names.
/// </summary>
public static class StandIns
{
    private static readonly ConcurrentDictionary<string, Lazy<ProcessResult>> Prepared = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<ProcessResult>> Loaded = new(StringComparer.Ordinal);

    public static string CacheFolder => StandInBuilder.DefaultCache;

    /// <summary>Makes sure a stand-in exists for every image, writing what the builder says (roll-forward notes among it).</summary>
    public static void Ensure(IEnumerable<string> images, ITestOutputHelper output)
    {
        foreach (var image in images.Distinct(StringComparer.Ordinal))
        {
            // Once per image and run; the builder takes a machine-wide lock, so concurrent runs wait for each other.
            var lazy = Prepared.GetOrAdd(image, name => new Lazy<ProcessResult>(() => Prepare(name), LazyThreadSafetyMode.ExecutionAndPublication));
            var first = !lazy.IsValueCreated;
            var result = lazy.Value;
            output.WriteLine(first ? result.Output.Trim() : $"Stand-in {image}: prepared earlier in this run.");
            if (!result.Succeeded)
            {
                throw new XunitException($"No stand-in for {image}:\n{result.Output}");
            }
        }
    }

    /// <summary>
    /// Makes sure the Docker Engine holds a stand-in for every image, under the name the Dockerfile uses: made with
    /// buildah as for <see cref="Ensure"/>, then loaded by docker-engine.sh (which skips an image the engine holds already).
    /// </summary>
    public static void EnsureInDocker(IEnumerable<string> images, ITestOutputHelper output)
    {
        var all = images.Distinct(StringComparer.Ordinal).ToList();
        Ensure(all, output);
        foreach (var image in all)
        {
            var lazy = Loaded.GetOrAdd(image, name => new Lazy<ProcessResult>(() => Load(name), LazyThreadSafetyMode.ExecutionAndPublication));
            var first = !lazy.IsValueCreated;
            var result = lazy.Value;
            output.WriteLine(first ? result.Output.Trim() : $"Stand-in {image}: in the Docker Engine since earlier in this run.");
            if (!result.Succeeded)
            {
                throw new XunitException($"The Docker Engine holds no stand-in for {image}: docker-engine.sh load failed ({result.ExitCode}):\n{result.Output}");
            }
        }
    }

    /// <summary>Where the images the tests build themselves are named; they need no stand-in.</summary>
    public const string TestImagePrefix = "localhost/multistage-realbuild/";

    /// <summary>The images named by the FROM lines of a Dockerfile that are not earlier stages nor images the tests built.</summary>
    public static IReadOnlyList<string> BaseImages(DockerfileText dockerfile) =>
        dockerfile.ExternalImages.Where(image => !image.StartsWith(TestImagePrefix, StringComparison.Ordinal)).ToList();

    private static ProcessResult Load(string image)
    {
        var environment = Buildah.Environment();
        environment[Buildah.ExecutableVariable] = Buildah.Executable;
        foreach (var (key, value) in Docker.Environment())
        {
            environment[key] = value;
        }

        environment[Docker.ExecutableVariable] = Docker.Executable;
        var started = DateTime.UtcNow;
        var result = ProcessRunner.Run("bash", new[] { Docker.EngineScript, "load", image }, Repository.Root, environment, TimeSpan.FromMinutes(15));
        var took = $"(docker-engine.sh load {image}: {(DateTime.UtcNow - started).TotalSeconds:0} s)";
        return result with { Output = result.Output.TrimEnd() + "\n" + took };
    }

    private static ProcessResult Prepare(string image)
    {
        var output = new System.Text.StringBuilder();
        var started = DateTime.UtcNow;
        var exitCode = 0;
        try
        {
            new StandInBuilder(CacheFolder, new BuildahCli(Buildah.TemporaryFolder), null, line => output.AppendLine(line)).Ensure(new[] { image });
        }
        catch (Exception e) when (e is StandInException or InvalidOperationException or IOException)
        {
            output.AppendLine("stand-ins: error: " + e.Message);
            exitCode = 1;
        }

        return new ProcessResult(exitCode, output.ToString().TrimEnd() + $"\n(stand-in {image}: {(DateTime.UtcNow - started).TotalSeconds:0} s)");
    }
}
