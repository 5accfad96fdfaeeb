using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>An image's configuration as buildah reports it.</summary>
public sealed record ImageConfig(
    string Architecture,
    string User,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    IReadOnlyList<string> ExposedPorts,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDir)
{
    /// <summary>What a container started from the image runs: entry point, then default arguments.</summary>
    public IReadOnlyList<string> Command => Entrypoint.Concat(Cmd).ToList();
}

/// <summary>
/// Builds generated Dockerfiles with buildah against stand-in base images, and looks into and runs the results.
/// The images and containers a run creates are removed at its end (see <see cref="CleanUp"/>).
/// </summary>
public static class RealBuild
{
    private static readonly ConcurrentQueue<string> Tags = new();
    private static readonly ConcurrentDictionary<string, byte> Containers = new();
    private static int counter;

    public static string MachineArchitecture => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>Ensures the stand-ins the Dockerfile's FROM lines name, then runs <c>buildah bud --layers</c> on it.</summary>
    public static ImageBuild Build(string dockerfilePath, string name, ITestOutputHelper output, string? platform = null)
    {
        RealBuildSession.Enter();
        var dockerfile = DockerfileText.Read(dockerfilePath);
        StandIns.Ensure(StandIns.BaseImages(dockerfile), output);

        var tag = $"localhost/multistage-realbuild/{Sanitize(name)}-{Interlocked.Increment(ref counter)}:{Sanitize(Path.GetFileName(Repository.RunFolder))}";
        Tags.Enqueue(tag);
        var arguments = new List<string> { "bud", "--pull=never", "--layers", "--force-rm", "-f", dockerfile.Path, "-t", tag };
        if (platform is not null)
        {
            // BuildKit predefines BUILDPLATFORM; buildah 1.28 leaves it empty in FROM lines, so it is passed here.
            arguments.AddRange(new[] { "--platform", platform, "--build-arg", $"BUILDPLATFORM=linux/{MachineArchitecture}" });
        }

        arguments.Add(dockerfile.ContextFolder);
        var stopwatch = Stopwatch.StartNew();
        var result = Buildah.Run(dockerfile.ContextFolder, TimeSpan.FromMinutes(20), arguments.ToArray());
        if (!result.Succeeded && IsTransientBuilderFault(result.Output))
        {
            // buildah's re-exec of itself for a RUN step can fail while other builds run alongside; the step itself is fine.
            output.WriteLine("buildah hit a transient fault (" + TransientFaults.First(result.Output.Contains) + "); building again.");
            result = Buildah.Run(dockerfile.ContextFolder, TimeSpan.FromMinutes(20), arguments.ToArray());
        }
        stopwatch.Stop();

        var build = new ImageBuild(tag, dockerfile, platform, result.ExitCode, result.Output, stopwatch.Elapsed);
        var steps = build.Steps;
        output.WriteLine($"buildah bud {Path.GetRelativePath(dockerfile.ContextFolder, dockerfile.Path)} -> {tag}: "
            + $"exit code {result.ExitCode} in {stopwatch.Elapsed.TotalSeconds:0} s, {steps.Count(s => s.UsedCache)}/{steps.Count} steps from the layer cache");
        return build;
    }

    private static readonly string[] TransientFaults = { "sealing memfd copy" };

    private static bool IsTransientBuilderFault(string log) => TransientFaults.Any(log.Contains);

    public static ImageConfig Inspect(string image)
    {
        using var document = JsonDocument.Parse(Buildah.Check("inspect", "--type", "image", image));
        var oci = document.RootElement.GetProperty("OCIv1");
        var config = oci.TryGetProperty("config", out var c) ? c : default;
        string Text(string property) =>
            config.ValueKind == JsonValueKind.Object && config.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        IReadOnlyList<string> Strings(string property) =>
            config.ValueKind == JsonValueKind.Object && config.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList()
                : Array.Empty<string>();

        var ports = config.ValueKind == JsonValueKind.Object && config.TryGetProperty("ExposedPorts", out var exposed) && exposed.ValueKind == JsonValueKind.Object
            ? exposed.EnumerateObject().Select(p => p.Name).OrderBy(p => p, StringComparer.Ordinal).ToList()
            : new List<string>();
        var environment = Strings("Env")
            .Select(e => e.Split('=', 2))
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.Last().Length > 1 ? g.Last()[1] : string.Empty, StringComparer.Ordinal);
        return new ImageConfig(
            oci.TryGetProperty("architecture", out var architecture) ? architecture.GetString() ?? string.Empty : string.Empty,
            Text("User"),
            Strings("Entrypoint"),
            Strings("Cmd"),
            ports,
            environment,
            Text("WorkingDir"));
    }

    /// <summary>Mounts a container of the image and hands its root folder to <paramref name="read"/>.</summary>
    public static T WithFileSystem<T>(string image, Func<string, T> read)
    {
        var container = NewContainer(image);
        try
        {
            var root = Buildah.Check("mount", container);
            try
            {
                return read(root);
            }
            finally
            {
                Buildah.Run(TimeSpan.FromMinutes(1), "umount", container);
            }
        }
        finally
        {
            RemoveContainer(container);
        }
    }

    /// <summary>Every path in the image ("/app/App.dll"), links included but not followed.</summary>
    public static IReadOnlyList<string> ListFiles(string image) => WithFileSystem(image, root =>
    {
        var listing = ProcessRunner.Run("find", new[] { root, "-mindepth", "1", "-printf", "/%P\\n" }, Repository.RunFolder);
        if (!listing.Succeeded)
        {
            throw new XunitException("Listing the image's files failed:\n" + listing.Output);
        }

        return (IReadOnlyList<string>)listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).OrderBy(p => p, StringComparer.Ordinal).ToList();
    });

    /// <summary>The ELF machine of a native file ("x86-64", "AArch64", ...), or null when it is not an ELF file.</summary>
    public static string? ElfMachine(string path)
    {
        var header = new byte[20];
        using (var stream = File.OpenRead(path))
        {
            if (stream.Read(header, 0, header.Length) < header.Length)
            {
                return null;
            }
        }

        if (header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
        {
            return null;
        }

        var machine = header[5] == 1 ? header[18] | (header[19] << 8) : (header[18] << 8) | header[19];
        return machine switch
        {
            0x3E => "x86-64",
            0xB7 => "AArch64",
            0x28 => "ARM",
            0x03 => "x86",
            _ => $"0x{machine:x}",
        };
    }

    public static string NewContainer(string image)
    {
        var name = $"multistage-realbuild-{Environment.ProcessId}-{Interlocked.Increment(ref counter)}";
        Containers.TryAdd(name, 0);
        Buildah.Check("from", "--pull=never", "--name", name, image);
        return name;
    }

    public static void RemoveContainer(string container)
    {
        Buildah.Run(TimeSpan.FromMinutes(2), "rm", container);
        Containers.TryRemove(container, out _);
    }

    /// <summary>
    /// Removes the containers and images this run created; the last run on the machine to finish also drops the
    /// intermediate layer images. Stand-ins stay for the next run. MULTISTAGE_KEEP_IMAGES=1 keeps everything.
    /// </summary>
    public static void CleanUp()
    {
        if (Buildah.UnavailableReason is not null)
        {
            return;
        }

        var keep = Environment.GetEnvironmentVariable("MULTISTAGE_KEEP_IMAGES") is "1";
        if (!keep)
        {
            foreach (var container in Containers.Keys.ToList())
            {
                RemoveContainer(container);
            }

            var tags = Tags.ToArray();
            if (tags.Length > 0)
            {
                Buildah.Run(TimeSpan.FromMinutes(5), new[] { "rmi" }.Concat(tags).ToArray());
            }
        }

        RealBuildSession.Leave(pruneLayers: !keep);
    }

    private static string Sanitize(string name) =>
        Regex.Replace(name.ToLowerInvariant(), "[^a-z0-9_.-]+", "-").Trim('-', '.');
}

