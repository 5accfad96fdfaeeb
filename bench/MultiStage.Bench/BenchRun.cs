using System.Diagnostics;
using System.Runtime.InteropServices;
using MultiStage.Harness;
using MultiStage.Harness.StandIns;

namespace MultiStage.Bench;

/// <summary>
/// The whole run: the SDK packed from the tree, the build overhead, then every container build in its phases (cold,
/// one-line edits, the second service), the image contents, and results.json, results.md and chart.svg.
/// </summary>
internal sealed class BenchRun(BenchOptions options, string results)
{
    private readonly string artifacts = Path.Combine(BenchPaths.Bench, "artifacts");
    private readonly Measurements measurements = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public int Run()
    {
        BenchOptions.Require(Environment.UserName == "root", "run as root (buildah's chroot isolation, dockerd and the stand-in images need it)");
        BenchOptions.Require(!options.Uses("buildkit") || (File.Exists(BenchEngines.DockerCli) && File.Exists("/usr/sbin/dockerd")),
            "Debian's docker.io is not installed (apt-get install -y docker.io): BuildKit builds need /usr/bin/docker and dockerd");
        BenchOptions.Require(File.Exists(BuildahCli.Executable), "buildah is not installed (apt-get install -y buildah debootstrap)");
        if (Directory.Exists(artifacts))
        {
            Directory.Delete(artifacts, recursive: true);
        }

        var logs = Path.Combine(artifacts, "logs");
        Directory.CreateDirectory(logs);
        Directory.CreateDirectory(results);
        measurements.Machine["load_start"] = Measurements.LoadAverage();
        // Every dotnet command of the run: a fresh packages folder, and MSBuild in fresh processes that leave nothing
        // running (no node reuse, no MSBuild server, no compiler server), as this repository's tests run it.
        var log = new BenchLog(logs, new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = Path.Combine(artifacts, "packages"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1", ["MSBUILDDISABLENODEREUSE"] = "1", ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0", ["UseSharedCompilation"] = "false",
        });
        var runId = $"{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Environment.ProcessId}";
        var workspace = new Workspace(artifacts, runId, log);
        workspace.Pack();
        workspace.CopySolutions();
        workspace.FirstBuilds(results);
        new Overhead(workspace, log, options, measurements).Run();

        var dockerfiles = workspace.AnchorContexts();
        log.Say("Stand-in base images");
        var images = dockerfiles.Values.SelectMany(f => DockerfileText.ReadStages(f).ExternalImages).Distinct().Order(StringComparer.Ordinal).ToList();
        log.Note("base images: " + string.Join(' ', images));
        var cache = StandInBuilder.DefaultCache;
        new StandInBuilder(cache, new BuildahCli(Path.Combine(cache, "tmp")), null, Console.WriteLine).Ensure(images);

        // Builds of the test suite and of this run share buildah's layer store. Hold the real-build session's shared
        // lock while building, as the tests do, so no run drops the intermediate layers (the layer cache) meanwhile.
        var session = FileLock.Open(Path.Combine(cache, "session.lock"), FileShare.ReadWrite, TimeSpan.FromMinutes(10))
            ?? throw new BenchException($"could not join the real-build session ({cache}/session.lock)");
        var engines = new BenchEngines(options, artifacts);
        LoopbackRegistry? registry = null;
        ContainerBuilds? builds = null;
        // Stopped (Ctrl+C, SIGTERM): the registry and the run's engine go with it, as at the end of a run.
        using var interrupted = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => { registry?.Dispose(); engines.StopEngine(); });
        using var terminated = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => { registry?.Dispose(); engines.StopEngine(); });
        try
        {
            if (options.Uses("buildkit"))
            {
                engines.StartEngine(log, images);
            }

            registry = StartRegistry(log);
            var containerBase = DockerfileText.ReadStages(dockerfiles[("large", "multistage", "api")]).FinalImage;
            BenchOptions.Require(DockerfileText.ReadStages(dockerfiles[("small", "multistage", "api")]).FinalImage == containerBase,
                "the two solutions' generated Dockerfiles stand on different base images");
            builds = new ContainerBuilds(options, engines, registry, workspace, log, measurements, dockerfiles, containerBase, artifacts);
            // PublishContainer reads the base image from the registry, pushes the app's layer there and mounts the base's layers rather than sending them.
            var push = engines.Buildah().Run(artifacts, TimeSpan.FromMinutes(10), "push", "--tls-verify=false", containerBase, $"docker://{registry.Address}/{builds.BasePath}");
            BenchOptions.Require(push.Succeeded, $"could not push {containerBase} to {registry.Address}:\n{push.Output}");
            log.Note($"PublishContainer base image: {registry.Address}/{builds.BasePath} (the stand-in of {containerBase})");

            ContainerPhases.Run(options, builds, log, measurements);
            if (options.Uses("buildah"))
            {
                var contents = new ImageContents(engines, workspace, log, artifacts);
                measurements.Images.AddRange(contents.Measure(dockerfiles).ToList());
                builds.Built.AddRange(contents.ContextImages.Select(i => ("buildah", i)));
            }

            ContainerPhases.RunLarge(options, builds, log, measurements);
        }
        finally
        {
            registry?.Dispose();
            if (builds is not null && !options.KeepImages)
            {
                RemoveImages(engines, builds.Built);
            }

            engines.StopEngine();
            session.Dispose();
        }

        if (!options.KeepImages)
        {
            // With no other run building (the exclusive lock is free), drop the dangling layers, as the tests do.
            using var exclusive = FileLock.Open(Path.Combine(cache, "session.lock"), FileShare.None, TimeSpan.Zero);
            if (exclusive is not null)
            {
                engines.Buildah().Run(artifacts, TimeSpan.FromMinutes(10), "rmi", "--prune");
            }
        }

        log.Say("Results");
        MachineFacts.Collect(measurements.Machine, workspace.SdkVersion, engines, (long)clock.Elapsed.TotalSeconds);
        ResultFiles.Write(Summary.Build(measurements, options), results);
        log.Note($"wrote {results}/results.json, results.md, chart.svg in {clock.Elapsed.TotalSeconds:0} s");
        return 0;
    }

    /// <summary>The run's own registry (the test harness's): plain HTTP on the loopback port BENCH_REGISTRY_PORT, storage under bench/artifacts.</summary>
    private LoopbackRegistry StartRegistry(BenchLog log)
    {
        var port = options.RegistryPort;
        log.Say($"Registry on 127.0.0.1:{port}");
        BenchOptions.Require(File.Exists(LoopbackRegistry.Executable), $"{LoopbackRegistry.Executable} does not exist: install Debian's docker-registry (apt-get install -y docker-registry)");
        using (var probe = new System.Net.Sockets.TcpClient())
        {
            // Another server on the port would answer for the run's registry.
            var taken = probe.ConnectAsync(System.Net.IPAddress.Loopback, port).Wait(TimeSpan.FromSeconds(2)) && probe.Connected;
            BenchOptions.Require(!taken, $"something already listens on 127.0.0.1:{port}; set BENCH_REGISTRY_PORT to a free port");
        }

        try
        {
            var registry = LoopbackRegistry.Start(Path.Combine(artifacts, "registry"), port: port);
            log.Note($"{LoopbackRegistry.Version()}, storage {registry.Folder}/storage, log {registry.LogPath} (written when it stops)");
            return registry;
        }
        catch (InvalidOperationException e)
        {
            throw new BenchException($"the registry did not start on 127.0.0.1:{port}: {e.Message}");
        }
    }

    private void RemoveImages(BenchEngines engines, List<(string Engine, string Tag)> built)
    {
        var buildah = built.Where(b => b.Engine == "buildah").Select(b => b.Tag).Distinct().ToArray();
        if (buildah.Length > 0)
        {
            engines.Buildah().Run(artifacts, TimeSpan.FromMinutes(10), new[] { "rmi", "-f" }.Concat(buildah).ToArray());
        }

        if (options.Uses("buildkit") && engines.EngineScript("status").Succeeded)
        {
            var docker = built.Where(b => b.Engine == "buildkit").Select(b => b.Tag).Distinct().ToArray();
            if (docker.Length > 0)
            {
                engines.Docker(artifacts, new[] { "rmi", "-f" }.Concat(docker).ToArray());
            }

            engines.Docker(artifacts, "builder", "prune", "-af");
        }
    }
}
