using MultiStage.Harness;

namespace MultiStage.Bench;

/// <summary>
/// The run's builders: buildah, with a temporary folder (its RUN cache mounts) per solution and Dockerfile shape;
/// and the run's own Docker Engine (eng/real-builds/docker-engine.sh with a data root and run folder of its own), whose
/// build cache is the run's alone, so a cold build can start from an empty one without touching the tests' engine.
/// </summary>
internal sealed class BenchEngines(BenchOptions options, string artifacts)
{
    public const string DockerCli = "/usr/bin/docker";
    public const string BuildahRepository = "localhost/multistage-bench";
    public const string DockerRepository = "multistage-bench";

    public string BuildahTemporary { get; } = Path.Combine(artifacts, "buildah-tmp");

    public string DockerHost => "unix://" + Path.Combine(options.DockerRun, "docker.sock");

    public bool StartedEngine { get; private set; }

    /// <summary>buildah with the temporary folder of one solution and shape (or the run's own).</summary>
    public BuildahCli Buildah(string? folder = null) => new(folder is null ? BuildahTemporary : Path.Combine(BuildahTemporary, folder));

    public ProcessResult Docker(string folder, params string[] arguments) =>
        ProcessRunner.Run(DockerCli, arguments, folder, new Dictionary<string, string?> { ["DOCKER_HOST"] = DockerHost, ["DOCKER_BUILDKIT"] = "1" }, TimeSpan.FromMinutes(30));

    public string DockerCheck(params string[] arguments)
    {
        var result = Docker(artifacts, arguments);
        BenchOptions.Require(result.Succeeded, $"docker {string.Join(' ', arguments)} failed:\n{BenchLog.Tail(result.Output, 20)}");
        return result.StandardOutput.Trim();
    }

    public ProcessResult EngineScript(params string[] arguments) => ProcessRunner.Run("bash", new[] { Path.Combine(BenchPaths.Root, "eng", "real-builds", "docker-engine.sh") }.Concat(arguments),
        BenchPaths.Root, new Dictionary<string, string?>
        {
            ["MULTISTAGE_DOCKER_DATA"] = options.DockerData, ["MULTISTAGE_DOCKER_RUN"] = options.DockerRun, ["MULTISTAGE_DOCKER"] = DockerCli,
            ["MULTISTAGE_BUILDAH"] = BuildahCli.Executable, ["DOCKER_HOST"] = DockerHost,
        }, TimeSpan.FromMinutes(30));

    public void StartEngine(BenchLog log, IReadOnlyList<string> images)
    {
        log.Say($"The run's Docker Engine (BuildKit): {DockerHost}, data {options.DockerData}");
        if (EngineScript("status").Succeeded)
        {
            log.Note("already running");
        }
        else
        {
            var start = EngineScript("start");
            BenchOptions.Require(start.Succeeded, "docker-engine.sh start failed:\n" + start.Output);
            StartedEngine = true;
        }

        var load = EngineScript(new[] { "load" }.Concat(images).ToArray());
        Console.Write(load.Output);
        BenchOptions.Require(load.Succeeded, "docker-engine.sh load failed");
    }

    public void StopEngine()
    {
        if (StartedEngine)
        {
            EngineScript("stop");
            StartedEngine = false;
        }
    }
}
