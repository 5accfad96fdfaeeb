using System.Diagnostics;
using MultiStage.Harness;

namespace MultiStage.Bench;

/// <summary>
/// (2) Container builds: each Dockerfile on each engine, and PublishContainer, each pushed to the run's registry;
/// a row of measurements per build.
/// </summary>
internal sealed class ContainerBuilds(
    BenchOptions options, BenchEngines engines, LoopbackRegistry registry, Workspace workspace, BenchLog log, Measurements measurements,
    IReadOnlyDictionary<(string Sample, string Variant, string Service), string> dockerfiles, string containerBase, string artifacts)
{
    /// <summary>One build of each engine, or one publish.</summary>
    public void Build(string variant, Solution s, string service, string phase, int round, IReadOnlyList<string> order)
    {
        if (variant == Builder.PublishContainer)
        {
            Publish(s, service, phase, round);
            return;
        }

        foreach (var engine in order)
        {
            ImageBuild(engine, s, variant, service, phase, round);
        }
    }

    public void ImageBuild(string engine, Solution s, string variant, string service, string phase, int round)
    {
        var key = $"{s.Name}-{variant}-{service}";
        var name = $"{engine}-{key}-{phase}-{round}";
        var context = workspace.Folder(s, variant);
        var dockerfile = dockerfiles[(s.Name, variant, service)];
        var stopwatch = Stopwatch.StartNew();
        string tag;
        ProcessResult result;
        if (engine == "buildah")
        {
            tag = $"{BenchEngines.BuildahRepository}/{key}:{phase}";
            result = engines.Buildah($"{s.Name}-{variant}").Run(context, TimeSpan.FromMinutes(30), "bud", "--pull=never", "--layers", "--force-rm", "-f", dockerfile, "-t", tag, context);
        }
        else
        {
            tag = $"{BenchEngines.DockerRepository}/{key}:{phase}";
            result = engines.Docker(context, "build", "--progress=plain", "--network", "host", "-f", dockerfile, "-t", tag, context);
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        File.WriteAllText(log.PathOf(name), result.Output);
        BenchOptions.Require(result.Succeeded, $"{engine} build failed for {key} ({phase} {round}): {log.PathOf(name)}\n{BenchLog.Tail(result.Output, 40)}");
        var steps = engine == "buildah" ? BuildLog.BuildahSteps(result.Output) : BuildLog.BuildKitSteps(result.Output);
        var contentHits = steps.Count(st => st.UsedCache && st.MakesContent);
        BenchOptions.Require(phase != "cold" || contentHits == 0, $"the cold build of {key} on {engine} took {contentHits} COPY/ADD/RUN steps from the layer cache: it was not cold ({log.PathOf(name)})");
        var restore = steps.LastOrDefault(st => st.Instruction.Contains("dotnet restore", StringComparison.Ordinal));

        // What pushing this image sends: its layers the registry does not hold yet (one repository per engine).
        var before = registry.Blobs();
        var reference = $"{registry.Address}/bench-{engine}:{key}-{phase}-{round}";
        double pushSeconds;
        if (engine == "buildah")
        {
            Built.Add((engine, tag));
            stopwatch.Restart();
            var push = engines.Buildah().Run(artifacts, TimeSpan.FromMinutes(10), "push", "--tls-verify=false", tag, "docker://" + reference);
            pushSeconds = stopwatch.Elapsed.TotalSeconds;
            File.WriteAllText(log.PathOf($"push-{name}"), push.Output);
            BenchOptions.Require(push.Succeeded, $"buildah push of {tag} failed:\n{BenchLog.Tail(push.Output, 20)}");
        }
        else
        {
            Built.Add((engine, tag));
            engines.DockerCheck("tag", tag, reference);
            stopwatch.Restart();
            var push = engines.Docker(artifacts, "push", reference);
            pushSeconds = stopwatch.Elapsed.TotalSeconds;
            File.WriteAllText(log.PathOf($"push-{name}"), push.Output);
            BenchOptions.Require(push.Succeeded, $"docker push of {tag} failed:\n{BenchLog.Tail(push.Output, 20)}");
            engines.DockerCheck("rmi", reference);
        }

        var (bytes, fresh, layers) = registry.NewLayers($"bench-{engine}", $"{key}-{phase}-{round}", before);
        Record(new BuildRow(engine, s.Name, variant, service, phase, round, seconds, steps.Count, steps.Count(st => st.UsedCache),
            restore is null ? "none" : restore.UsedCache ? "yes" : "no", Restores(result.Output), bytes, fresh, layers, Measurements.LoadAverage(), pushSeconds));
        log.Note($"{engine} {key} {phase} {round}: {seconds:F1} s, push {pushSeconds:F1} s, {steps.Count(st => st.UsedCache)}/{steps.Count} steps from the layer cache, "
            + $"restore step cached: {measurements.Builds[^1].RestoreStepCached}, new layers {fresh} of {layers} ({bytes} bytes)");
    }

    /// <summary>The images the run built, by engine, removed at the end unless BENCH_KEEP_IMAGES=1.</summary>
    public List<(string Engine, string Tag)> Built { get; } = new();

    /// <summary>dotnet publish -t:PublishContainer of the plain twin to the run's registry.</summary>
    public void Publish(Solution s, string service, string phase, int round)
    {
        var name = s.Services[service];
        var repository = $"bench-dotnet/{s.Name}-{service}";
        var before = registry.Blobs();
        var stopwatch = Stopwatch.StartNew();
        // Restore checks package signatures online, as it does in the container builds (this machine's environment
        // sets NUGET_CERT_REVOCATION_MODE=offline for the host, which the images do not have). Its own packages folder
        // and HTTP cache, empty before its cold publish as the container builds' are.
        var result = log.Dotnet($"dotnet-{s.Name}-publish-container-{service}-{phase}-{round}", workspace.Folder(s, Builder.PublishContainer),
            new[]
            {
                "publish", $"src/{name}/{name}.csproj", "-c", "Release", "-t:PublishContainer", "-nologo", "-tl:off",
                $"-p:ContainerRegistry={registry.Address}", $"-p:ContainerBaseImage={registry.Address}/{BasePath}",
                $"-p:ContainerRepository={repository}", $"-p:ContainerImageTag={phase}-{round}",
            },
            new Dictionary<string, string?>
            {
                ["NUGET_CERT_REVOCATION_MODE"] = null,
                ["NUGET_PACKAGES"] = Path.Combine(artifacts, "publish-container-packages", s.Name),
                ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(artifacts, "publish-container-http-cache", s.Name),
                ["DOTNET_CONTAINER_INSECURE_REGISTRIES"] = registry.Address,
            });
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var (bytes, fresh, layers) = registry.NewLayers(repository, $"{phase}-{round}", before);
        Record(new BuildRow(Builder.Dotnet, s.Name, Builder.PublishContainer, service, phase, round, seconds, null, null, "-", Restores(result.Output), bytes, fresh, layers, Measurements.LoadAverage()));
        log.Note($"PublishContainer {s.Name} {name} {phase} {round}: {seconds:F1} s, new layers {fresh} of {layers} ({bytes} bytes)");
    }

    /// <summary>The base image PublishContainer builds on, in the run's registry: the stand-in of the generated Dockerfiles' final base.</summary>
    public string BasePath => containerBase[(containerBase.IndexOf('/') + 1)..];

    /// <summary>Nothing of the sample's Dockerfiles in any engine's layer cache, every cache mount empty.</summary>
    public void ColdStart(Solution s)
    {
        foreach (var variant in Builder.Shapes)
        {
            var temporary = Path.Combine(engines.BuildahTemporary, $"{s.Name}-{variant}");
            if (Directory.Exists(temporary))
            {
                Directory.Delete(temporary, recursive: true);
            }

            foreach (var service in s.Services.Keys.Where(_ => options.Uses("buildah")))
            {
                var ids = engines.Buildah().Run(artifacts, TimeSpan.FromMinutes(2), "images", "-q", "--filter", $"reference={BenchEngines.BuildahRepository}/{s.Name}-{variant}-{service}");
                foreach (var id in ids.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct())
                {
                    engines.Buildah().Run(artifacts, TimeSpan.FromMinutes(2), "rmi", "-f", id.Trim());
                }
            }
        }

        // The run's own engine: its whole build cache (layers and cache mounts) goes; the stand-ins stay.
        if (options.Uses("buildkit"))
        {
            engines.DockerCheck("builder", "prune", "-af");
        }

        foreach (var folder in new[] { "publish-container-packages", "publish-container-http-cache" }.Select(f => Path.Combine(artifacts, f, s.Name)).Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One line changes: the edit's string literal names the edit.</summary>
    public void Edit(Solution s, string variant, string what, int edit)
    {
        var (file, text) = s.Edits[what];
        SampleTree.ReplaceLiteral(Path.Combine(workspace.Folder(s, variant), file), text, $"{text} (edit {edit})");
    }

    // Whether NuGet restored anything in a build, in any step ("Restored /src/....csproj"), or found all up to date.
    private static int Restores(string output) => output.Split('\n').Count(l => l.Contains("Restored /", StringComparison.Ordinal));

    private void Record(BuildRow row) => measurements.Builds.Add(row);
}
