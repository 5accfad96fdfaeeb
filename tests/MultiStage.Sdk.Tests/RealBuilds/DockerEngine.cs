using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// Docker Engine's built-in BuildKit (<c>DOCKER_BUILDKIT=1 docker build --network host --progress=plain</c>) on
/// the private engine of eng/real-builds/docker-engine.sh, which can reach no registry: the stand-ins are made
/// with buildah and loaded into it, and nothing else can be pulled. Images are inspected with docker inspect,
/// their files read from <c>docker export</c>, and they run with <c>docker run --network host</c>.
/// </summary>
public sealed partial class DockerEngine : ContainerEngine
{
    // "#12 [build 5/8] RUN ..." (a step of a stage), "#12 CACHED", "#12 ERROR: ...", "#2 transferring context: 2.34kB done".
    private static readonly Regex StepHeader = BuildLog.BuildKitStep;
    private static readonly Regex Error = new(@"^#(?<vertex>\d+) ERROR\b");
    private static readonly Regex ContextHeader = new(@"^#(?<vertex>\d+) \[internal\] load build context$");
    private static readonly Regex Transferred = new(@"^#(?<vertex>\d+) transferring context: (?<size>[0-9.]+)(?<unit>[kMG]?B)\b.* done$");

    private readonly ConcurrentQueue<string> tags = new();
    private readonly ConcurrentDictionary<string, byte> containers = new();

    public override string Name => Engines.BuildKit;

    public override string BuildCommand => "docker build (BuildKit)";

    public override string? UnavailableReason => Docker.UnavailableReason ?? RealBuilds.Buildah.UnavailableReason;

    public override void EnsureStandIns(IEnumerable<string> images, ITestOutputHelper output) => StandIns.EnsureInDocker(images, output);

    protected override (ProcessResult Result, TimeSpan Took) BuildRaw(string dockerfilePath, string contextFolder, string tag, BuildOptions options, ITestOutputHelper output)
    {
        // The network of the host: there is no bridge, and restore and npm ci reach their registries from RUN steps.
        var arguments = new List<string> { "build", "--progress=plain", "--network", "host", "-f", dockerfilePath };
        arguments.AddRange(options.LocalOutput is null ? new[] { "-t", tag } : new[] { "--output", "type=local,dest=" + options.LocalOutput });
        if (options.Platform is not null)
        {
            arguments.AddRange(new[] { "--platform", options.Platform });
        }

        if (options.Target is not null)
        {
            arguments.AddRange(new[] { "--target", options.Target });
        }

        foreach (var (id, file) in options.Secrets)
        {
            arguments.AddRange(new[] { "--secret", $"id={id},src={file}" });
        }

        arguments.Add(contextFolder);
        var stopwatch = Stopwatch.StartNew();
        var result = Docker.Run(contextFolder, TimeSpan.FromMinutes(20), arguments.ToArray());
        return (result, stopwatch.Elapsed);
    }

    public override ImageConfig Inspect(string image)
    {
        using var document = JsonDocument.Parse(Docker.Check("image", "inspect", image));
        var root = document.RootElement[0];
        var config = root.TryGetProperty("Config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        return ImageConfig.FromJson(root.TryGetProperty("Architecture", out var architecture) ? architecture.GetString() ?? string.Empty : string.Empty, config);
    }

    public override IReadOnlyList<string> History(string image) =>
        Docker.Check("history", "--no-trunc", "--format", "{{json .CreatedBy}}", image)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<string>(line.Trim()) ?? string.Empty)
            .Reverse()
            .ToList();

    public override T WithFileSystem<T>(string image, Func<string, T> read)
    {
        var folder = Path.Combine(Repository.RunFolder, "docker-export", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            Export(image, archive => Shell($"tar -x -C {Quote(folder)} -f {Quote(archive)}", "Extracting the files of " + image));
            return read(folder);
        }
        finally
        {
            ProcessRunner.Run("rm", new[] { "-rf", "--", folder }, Repository.RunFolder, timeout: TimeSpan.FromMinutes(5));
        }
    }

    /// <summary>docker cp of the one folder out of a created container: megabytes, where an export is the whole image.</summary>
    public override T WithFolder<T>(string image, string folder, Func<string, T> read)
    {
        var copy = Path.Combine(Repository.RunFolder, "docker-export", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        try
        {
            WithContainer(image, name => Piped($"{Quote(Docker.Executable)} cp {Quote(name + ":" + folder.TrimEnd('/') + "/.")} - | tar -x -C {Quote(copy)}", "Copying " + folder + " out of " + image));
            return read(copy);
        }
        finally
        {
            ProcessRunner.Run("rm", new[] { "-rf", "--", copy }, Repository.RunFolder, timeout: TimeSpan.FromMinutes(5));
        }
    }

    public override IReadOnlyList<string> ListFiles(string image)
    {
        // The export streams into tar's listing: no copy of the image on disk.
        var listing = string.Empty;
        WithContainer(image, name => listing = Piped($"{Quote(Docker.Executable)} export {Quote(name)} | tar -t", "Listing the files of " + image));
        return listing.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => "/" + l.TrimEnd('\r').TrimStart('.', '/').TrimEnd('/'))
            .Where(p => p != "/")
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();
    }

    public override ExportedImage Export(string image, string folder)
    {
        Directory.CreateDirectory(folder);
        var archive = Path.Combine(folder, "image.tar");
        Docker.Check("save", "-o", archive, image);
        Shell($"tar -x -C {Quote(folder)} -f {Quote(archive)} && rm -f {Quote(archive)}", "Unpacking docker save of " + image);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        var entry = manifest.RootElement[0];
        return new ExportedImage(
            folder,
            Path.Combine(folder, entry.GetProperty("Config").GetString()!),
            entry.GetProperty("Layers").EnumerateArray().Select(l => Path.Combine(folder, l.GetString()!)).ToList());
    }

    public override RunningContainer StartWithFolder(string image, string hostFolder, string containerFolder, IReadOnlyList<string> command) =>
        Start(image, command, new[] { "--volume", $"{hostFolder}:{containerFolder}:ro", "--workdir", containerFolder });

    public override RunningContainer Start(string image, IReadOnlyList<string>? command = null) => Start(image, command, Array.Empty<string>());

    /// <summary>Starts the image's own command with more docker run arguments (volumes, as compose gives them).</summary>
    public RunningContainer StartWith(string image, IReadOnlyList<string> runArguments) => Start(image, null, runArguments);

    private RunningContainer Start(string image, IReadOnlyList<string>? command, IReadOnlyList<string> runArguments)
    {
        var config = Inspect(image);
        var runs = command ?? config.Command;
        if (runs.Count == 0)
        {
            throw new XunitException($"{image} has no entry point or command to run.");
        }

        var name = NewContainerName();
        containers.TryAdd(name, 0);
        // The image's own entry point and arguments unless a command is given; the user is the image's.
        var arguments = new List<string> { "run", "--network", "host", "--name", name };
        arguments.AddRange(runArguments);
        if (command is not null)
        {
            arguments.AddRange(new[] { "--entrypoint", command[0], image });
            arguments.AddRange(command.Skip(1));
        }
        else
        {
            arguments.Add(image);
        }

        return new RunningContainer(
            image,
            runs,
            $"docker run --network host {image} ({string.Join(' ', runs)})",
            Docker.Executable,
            arguments,
            Docker.Environment(),
            stop: _ => Docker.Run(TimeSpan.FromMinutes(2), "rm", "-f", name),
            remove: () =>
            {
                Docker.Run(TimeSpan.FromMinutes(2), "rm", "-f", name);
                containers.TryRemove(name, out _);
            })
        {
            ContainerName = name,
        };
    }

    public override void RemoveImages(IReadOnlyCollection<string> images)
    {
        if (images.Count > 0)
        {
            Docker.Run(TimeSpan.FromMinutes(5), new[] { "rmi", "-f" }.Concat(images).ToArray());
        }
    }

    public override void CleanUp(bool keep)
    {
        if (Docker.UnavailableReason is not null || keep)
        {
            return;
        }

        foreach (var container in containers.Keys.ToList())
        {
            Docker.Run(TimeSpan.FromMinutes(2), "rm", "-f", container);
            containers.TryRemove(container, out _);
        }

        RemoveImages(Drain(tags));
    }

    protected override void RememberTag(string tag) => tags.Enqueue(tag);

    /// <summary>docker create (with a command it never runs: images FROM scratch have none) and docker export to a tar file.</summary>
    private void Export(string image, Action<string> use)
    {
        var archive = Path.Combine(Repository.RunFolder, "docker-export", Guid.NewGuid().ToString("N") + ".tar");
        Directory.CreateDirectory(Path.GetDirectoryName(archive)!);
        try
        {
            WithContainer(image, name =>
            {
                Docker.Check("export", "-o", archive, name);
                use(archive);
            });
        }
        finally
        {
            File.Delete(archive);
        }
    }

    /// <summary>A container of the image, created and never started (with a command it never runs: images FROM scratch have none).</summary>
    private void WithContainer(string image, Action<string> use)
    {
        var name = NewContainerName();
        containers.TryAdd(name, 0);
        try
        {
            Docker.Check("create", "--name", name, image, "/no-such-command");
            use(name);
        }
        finally
        {
            Docker.Run(TimeSpan.FromMinutes(2), "rm", "-f", name);
            containers.TryRemove(name, out _);
        }
    }

    /// <summary>A docker command piped into another, with the engine's environment; fails when either part fails.</summary>
    private static string Piped(string script, string what)
    {
        var result = ProcessRunner.Run("bash", new[] { "-o", "pipefail", "-c", script }, Repository.RunFolder, Docker.Environment(), TimeSpan.FromMinutes(10));
        if (!result.Succeeded)
        {
            throw new XunitException($"{what} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result.Output;
    }

    private static void Shell(string script, string what)
    {
        var result = ProcessRunner.Run("bash", new[] { "-c", script }, Repository.RunFolder, timeout: TimeSpan.FromMinutes(10));
        if (!result.Succeeded)
        {
            throw new XunitException($"{what} failed ({result.ExitCode}):\n{result.Output}");
        }
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''") + "'";
}
