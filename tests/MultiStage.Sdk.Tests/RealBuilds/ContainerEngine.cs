using System.Text.RegularExpressions;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>The trait that says which builder a real-build test uses: <c>dotnet test --filter Engine=BuildKit</c>.</summary>
public static class Engines
{
    public const string Trait = "Engine";

    /// <summary>Docker Engine's built-in BuildKit (the engine users run), on the private registry-less engine of eng/real-builds/docker-engine.sh.</summary>
    public const string BuildKit = "BuildKit";

    /// <summary>buildah (podman's builder), with chroot isolation.</summary>
    public const string Buildah = "Buildah";
}

/// <summary>Extra arguments for one image build.</summary>
public sealed record BuildOptions
{
    /// <summary>--platform, e.g. linux/arm64.</summary>
    public string? Platform { get; init; }

    /// <summary>--target: build up to this stage.</summary>
    public string? Target { get; init; }

    /// <summary>--output type=local,dest=: the target stage's files go to this folder instead of an image (BuildKit only).</summary>
    public string? LocalOutput { get; init; }

    /// <summary>Build secrets: id and the file that holds the value (outside the context).</summary>
    public IReadOnlyList<(string Id, string File)> Secrets { get; init; } = Array.Empty<(string, string)>();
}

/// <summary>An image written out as its layers (plain tar files) and its configuration (history included).</summary>
public sealed record ExportedImage(string Folder, string ConfigPath, IReadOnlyList<string> LayerPaths);

/// <summary>
/// A builder the real-build tests run generated Dockerfiles on: it builds them against the stand-in base images,
/// inspects and lists the files of the results, and runs them. <see cref="BuildKit"/> is Docker Engine's own
/// builder on the private registry-less engine; <see cref="Buildah"/> is podman's. The same test code works on both.
/// </summary>
public abstract class ContainerEngine
{
    private static int counter;

    public static ContainerEngine BuildKit { get; } = new DockerEngine();

    public static ContainerEngine Buildah { get; } = new BuildahEngine();

    /// <summary>The trait value (<see cref="Engines"/>).</summary>
    public abstract string Name { get; }

    /// <summary>How build logs and failure messages name the builder ("docker build (BuildKit)", "buildah bud").</summary>
    public abstract string BuildCommand { get; }

    /// <summary>Why this engine cannot build here (stand-ins included), or null when it can.</summary>
    public abstract string? UnavailableReason { get; }

    /// <summary>Skips the calling test when the engine cannot build here, or fails it when real builds are required.</summary>
    public void RequireOrSkip() => RealBuilds.Buildah.SkipUnlessRequired(UnavailableReason);

    /// <summary>Ensures the stand-ins the Dockerfile's FROM lines name, then builds it with the layer cache.</summary>
    public ImageBuild Build(string dockerfilePath, string name, ITestOutputHelper output, BuildOptions? options = null) =>
        Build(DockerfileText.Read(dockerfilePath), name, output, options);

    public ImageBuild Build(DockerfileText dockerfile, string name, ITestOutputHelper output, BuildOptions? options = null)
    {
        RealBuildSession.Enter();
        EnsureStandIns(StandIns.BaseImages(dockerfile), output);
        var tag = NewTag(name);
        var (result, took) = BuildRaw(dockerfile.Path, dockerfile.ContextFolder, tag, options ?? new BuildOptions(), output);
        var build = new ImageBuild(this, tag, dockerfile, options?.Platform, result.ExitCode, result.Output, took);
        var steps = build.Steps;
        output.WriteLine($"{BuildCommand} {Describe(options)}{Path.GetRelativePath(dockerfile.ContextFolder, dockerfile.Path)} -> {tag}: "
            + $"exit code {result.ExitCode} in {took.TotalSeconds:0} s, {steps.Count(s => s.UsedCache)}/{steps.Count} steps from the layer cache"
            + (build.ContextBytes is { } bytes ? $", context {bytes:N0} bytes" : string.Empty));
        return build;
    }

    /// <summary>Builds a Dockerfile that needs no stand-in (FROM scratch) into a new tag: the tag and the builder's result.</summary>
    public (string Tag, ProcessResult Result) BuildWithoutStandIns(string dockerfilePath, string contextFolder, string name, ITestOutputHelper output)
    {
        RealBuildSession.Enter();
        var tag = NewTag(name);
        var (result, took) = BuildRaw(dockerfilePath, contextFolder, tag, new BuildOptions(), output);
        output.WriteLine($"{BuildCommand} -f {dockerfilePath} {contextFolder} -> {tag}: exit code {result.ExitCode} in {took.TotalSeconds:0} s");
        return (tag, result);
    }

    /// <summary>Makes sure the engine holds a stand-in under each name.</summary>
    public abstract void EnsureStandIns(IEnumerable<string> images, ITestOutputHelper output);

    /// <summary>Runs the builder on the Dockerfile and tags the result.</summary>
    protected abstract (ProcessResult Result, TimeSpan Took) BuildRaw(string dockerfilePath, string contextFolder, string tag, BuildOptions options, ITestOutputHelper output);

    /// <summary>The steps of a build log: instruction and whether the layer cache served it.</summary>
    public abstract IReadOnlyList<BuildStep> ParseSteps(string log);

    /// <summary>The bytes of the build context the builder received, when its log says.</summary>
    public virtual long? ContextBytes(string log) => null;

    public abstract ImageConfig Inspect(string image);

    /// <summary>The image's history, oldest first: what created each layer.</summary>
    public abstract IReadOnlyList<string> History(string image);

    /// <summary>Hands the image's root file system (a folder) to <paramref name="read"/>.</summary>
    public abstract T WithFileSystem<T>(string image, Func<string, T> read);

    /// <summary>
    /// Hands one folder of the image (a copy of it, or the folder in its mounted root) to <paramref name="read"/>: for
    /// checks that need a folder, not the whole file system, which on Docker is a full export of the image.
    /// </summary>
    public virtual T WithFolder<T>(string image, string folder, Func<string, T> read) =>
        WithFileSystem(image, root => read(Path.Combine(root, folder.TrimStart('/'))));

    /// <summary>Every path in the image ("/app/App.dll"), links included but not followed.</summary>
    public abstract IReadOnlyList<string> ListFiles(string image);

    /// <summary>Writes the image's layers (plain tar) and configuration into <paramref name="folder"/>.</summary>
    public abstract ExportedImage Export(string image, string folder);

    /// <summary>Starts the image's own command (entry point and default arguments), or <paramref name="command"/>.</summary>
    public abstract RunningContainer Start(string image, IReadOnlyList<string>? command = null);

    /// <summary>Runs a command in a container of the image with a host folder mounted (read-only) and made the working directory.</summary>
    public virtual RunningContainer StartWithFolder(string image, string hostFolder, string containerFolder, IReadOnlyList<string> command) =>
        throw new NotSupportedException($"{Name} runs no container with a host folder here.");

    public abstract void RemoveImages(IReadOnlyCollection<string> images);

    /// <summary>Removes the containers and images this run created; stand-ins and the layer cache stay.</summary>
    public abstract void CleanUp(bool keep);

    protected string NewTag(string name)
    {
        var tag = $"{StandIns.TestImagePrefix}{Sanitize(name)}-{Interlocked.Increment(ref counter)}:{Sanitize(Path.GetFileName(Repository.RunFolder))}";
        RememberTag(tag);
        return tag;
    }

    protected abstract void RememberTag(string tag);

    /// <summary>Takes every tag out of the queue: a later clean-up (a collection that starts after another ended) removes only what came after.</summary>
    protected static string[] Drain(System.Collections.Concurrent.ConcurrentQueue<string> tags)
    {
        var taken = new List<string>();
        while (tags.TryDequeue(out var tag))
        {
            taken.Add(tag);
        }

        return taken.ToArray();
    }

    protected static string NewContainerName() => $"multistage-realbuild-{Environment.ProcessId}-{Interlocked.Increment(ref counter)}";

    protected static string Sanitize(string name) =>
        Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9_.-]+", "-").Trim('-', '.');

    private static string Describe(BuildOptions? options)
    {
        if (options is null)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (options.Platform is not null)
        {
            parts.Add("--platform " + options.Platform);
        }

        if (options.Target is not null)
        {
            parts.Add("--target " + options.Target);
        }

        parts.AddRange(options.Secrets.Select(s => "--secret id=" + s.Id));
        return parts.Count == 0 ? string.Empty : string.Join(' ', parts) + " ";
    }

    /// <summary>The steps of a build that stopped: the one that failed, by the builder's log.</summary>
    public abstract BuildStep? FailedStep(string log);

    /// <summary>Runs a command and throws with its output when it fails.</summary>
    protected static string Check(string executable, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var list = arguments.ToList();
        var result = ProcessRunner.Run(executable, list, Repository.RunFolder, environment, timeout ?? TimeSpan.FromMinutes(5));
        if (!result.Succeeded)
        {
            throw new XunitException($"{executable} {string.Join(' ', list)} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result.Output;
    }
}
