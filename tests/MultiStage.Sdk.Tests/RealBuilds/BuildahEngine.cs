using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// buildah (<c>buildah bud --pull=never --layers</c>, chroot isolation) against the stand-ins in its own storage:
/// what podman users build with. Images are inspected with buildah inspect, their files read from a mounted
/// working container, and they run with <c>buildah run --network host</c>.
/// </summary>
public sealed class BuildahEngine : ContainerEngine
{
    private static readonly string[] TransientFaults = { "sealing memfd copy" };
    private readonly ConcurrentQueue<string> tags = new();
    private readonly ConcurrentDictionary<string, byte> containers = new();

    public override string Name => Engines.Buildah;

    public override string BuildCommand => "buildah bud";

    public override string? UnavailableReason => RealBuilds.Buildah.UnavailableReason;

    public override void EnsureStandIns(IEnumerable<string> images, ITestOutputHelper output) => StandIns.Ensure(images, output);

    protected override (ProcessResult Result, TimeSpan Took) BuildRaw(string dockerfilePath, string contextFolder, string tag, BuildOptions options, ITestOutputHelper output)
    {
        var arguments = new List<string> { "bud", "--pull=never", "--layers", "--force-rm", "-f", dockerfilePath, "-t", tag };
        if (options.Platform is not null)
        {
            // BuildKit predefines BUILDPLATFORM; buildah 1.28 leaves it empty in FROM lines, so it is passed here.
            arguments.AddRange(new[] { "--platform", options.Platform, "--build-arg", $"BUILDPLATFORM=linux/{RealBuild.MachineArchitecture}" });
        }

        if (options.Target is not null)
        {
            arguments.AddRange(new[] { "--target", options.Target });
        }

        foreach (var (id, file) in options.Secrets)
        {
            // type=file: without it, buildah reads src= as the name of an environment variable whenever one named like the id exists in its own environment.
            arguments.AddRange(new[] { "--secret", $"id={id},src={file},type=file" });
        }

        arguments.Add(contextFolder);
        var stopwatch = Stopwatch.StartNew();
        var result = RealBuilds.Buildah.Run(contextFolder, TimeSpan.FromMinutes(20), arguments.ToArray());
        if (!result.Succeeded && TransientFaults.FirstOrDefault(result.Output.Contains) is { } fault)
        {
            // buildah's re-exec of itself for a RUN step can fail while other builds run alongside; the step itself is fine.
            output.WriteLine($"buildah hit a transient fault ({fault}); building again.");
            result = RealBuilds.Buildah.Run(contextFolder, TimeSpan.FromMinutes(20), arguments.ToArray());
        }

        return (result, stopwatch.Elapsed);
    }

    public override IReadOnlyList<BuildStep> ParseSteps(string log) => BuildLog.BuildahSteps(log);

    /// <summary>buildah runs the steps one after another and stops at the first that fails: the last one.</summary>
    public override BuildStep? FailedStep(string log) => ParseSteps(log).LastOrDefault();

    public override ImageConfig Inspect(string image)
    {
        using var document = JsonDocument.Parse(RealBuilds.Buildah.Check("inspect", "--type", "image", image));
        var oci = document.RootElement.GetProperty("OCIv1");
        var config = oci.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        return ImageConfig.FromJson(oci.TryGetProperty("architecture", out var architecture) ? architecture.GetString() ?? string.Empty : string.Empty, config);
    }

    public override IReadOnlyList<string> History(string image)
    {
        using var document = JsonDocument.Parse(RealBuilds.Buildah.Check("inspect", "--type", "image", image));
        return document.RootElement.GetProperty("History").EnumerateArray()
            .Select(h => h.TryGetProperty("created_by", out var c) ? c.GetString() ?? string.Empty : string.Empty)
            .ToList();
    }

    public override T WithFileSystem<T>(string image, Func<string, T> read)
    {
        var container = NewContainer(image);
        try
        {
            var root = RealBuilds.Buildah.Check("mount", container);
            try
            {
                return read(root);
            }
            finally
            {
                RealBuilds.Buildah.Run(TimeSpan.FromMinutes(1), "umount", container);
            }
        }
        finally
        {
            RemoveContainer(container);
        }
    }

    public override IReadOnlyList<string> ListFiles(string image) => WithFileSystem(image, root =>
    {
        var listing = ProcessRunner.Run("find", new[] { root, "-mindepth", "1", "-printf", "/%P\\n" }, Repository.RunFolder);
        if (!listing.Succeeded)
        {
            throw new XunitException("Listing the image's files failed:\n" + listing.Output);
        }

        return (IReadOnlyList<string>)listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).OrderBy(p => p, StringComparer.Ordinal).ToList();
    });

    public override ExportedImage Export(string image, string folder)
    {
        Directory.CreateDirectory(folder);
        // dir: with -D writes every layer as the plain tar it is (whiteouts included) beside the manifest and the config.
        RealBuilds.Buildah.Check("push", "-D", "--quiet", image, "dir:" + folder);
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
        var manifest = document.RootElement;
        return new ExportedImage(
            folder,
            Path.Combine(folder, manifest.GetProperty("config").GetProperty("digest").GetString()!.Split(':')[1]),
            manifest.GetProperty("layers").EnumerateArray().Select(l => Path.Combine(folder, l.GetProperty("digest").GetString()!.Split(':')[1])).ToList());
    }

    public override RunningContainer Start(string image, IReadOnlyList<string>? command = null)
    {
        var runs = command ?? Inspect(image).Command;
        if (runs.Count == 0)
        {
            throw new XunitException($"{image} has no entry point or command to run.");
        }

        var container = NewContainer(image);
        // setsid makes buildah the leader of its own process group: stopping the group stops it and the app.
        var arguments = new[] { RealBuilds.Buildah.Executable }.Concat(RealBuilds.Buildah.GlobalArguments())
            .Concat(new[] { "run", "--network", "host", container, "--" }).Concat(runs).ToList();
        return new RunningContainer(
            image,
            runs,
            $"buildah run {image} -- {string.Join(' ', runs)}",
            "setsid",
            arguments,
            RealBuilds.Buildah.Environment(),
            stop: process =>
            {
                Signal(process, "TERM");
                if (!process.WaitForExit(10_000))
                {
                    Signal(process, "KILL");
                }
            },
            remove: () => RemoveContainer(container));
    }

    public override void RemoveImages(IReadOnlyCollection<string> images)
    {
        if (images.Count > 0)
        {
            RealBuilds.Buildah.Run(TimeSpan.FromMinutes(5), new[] { "rmi", "-f" }.Concat(images).ToArray());
        }
    }

    public override void CleanUp(bool keep)
    {
        if (RealBuilds.Buildah.UnavailableReason is not null || keep)
        {
            return;
        }

        foreach (var container in containers.Keys.ToList())
        {
            RemoveContainer(container);
        }

        var all = Drain(tags);
        if (all.Length > 0)
        {
            RealBuilds.Buildah.Run(TimeSpan.FromMinutes(5), new[] { "rmi" }.Concat(all).ToArray());
        }
    }

    protected override void RememberTag(string tag) => tags.Enqueue(tag);

    public string NewContainer(string image)
    {
        var name = NewContainerName();
        containers.TryAdd(name, 0);
        RealBuilds.Buildah.Check("from", "--pull=never", "--name", name, image);
        return name;
    }

    public void RemoveContainer(string container)
    {
        RealBuilds.Buildah.Run(TimeSpan.FromMinutes(2), "rm", container);
        containers.TryRemove(container, out _);
    }

    // The negative id reaches the whole process group.
    private static void Signal(Process process, string signal) =>
        ProcessRunner.Run("kill", new[] { "-" + signal, "--", "-" + process.Id }, Repository.RunFolder, timeout: TimeSpan.FromSeconds(30));
}
