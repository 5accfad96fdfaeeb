using MultiStage.Sdk.Tests.Infrastructure;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The docker CLI and the Docker Engine the BuildKit tests use: by default Debian's docker CLI (/usr/bin/docker,
/// which builds with the engine's BuildKit when DOCKER_BUILDKIT=1) and the private engine that
/// eng/real-builds/docker-engine.sh starts; DOCKER_HOST and MULTISTAGE_DOCKER point elsewhere.
/// </summary>
public static class Docker
{
    /// <summary>The docker CLI; a path that does not exist makes Docker count as missing.</summary>
    public const string ExecutableVariable = "MULTISTAGE_DOCKER";

    /// <summary>Where docker-engine.sh puts the private engine's socket (MULTISTAGE_DOCKER_RUN moves it).</summary>
    public static string DefaultHost =>
        "unix://" + Path.Combine(System.Environment.GetEnvironmentVariable("MULTISTAGE_DOCKER_RUN") is { Length: > 0 } run ? run : "/run/multistage-docker", "docker.sock");

    private static readonly Lazy<string?> Problem = new(FindProblem, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Executable { get; } =
        System.Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured ? configured : "/usr/bin/docker";

    public static string Host { get; } =
        System.Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : DefaultHost;

    public static string EngineScript => Path.Combine(Repository.Root, "eng", "real-builds", "docker-engine.sh");

    /// <summary>Why BuildKit builds cannot run here, or null when they can.</summary>
    public static string? UnavailableReason => Problem.Value;

    /// <summary>The engine's version, once it answered.</summary>
    public static string ServerVersion { get; private set; } = "?";

    public static IDictionary<string, string?> Environment() => new Dictionary<string, string?>
    {
        ["DOCKER_HOST"] = Host,
        ["DOCKER_BUILDKIT"] = "1",
        // No CLI configuration of the machine's user (credential helpers, proxies for builds) applies.
        ["DOCKER_CONFIG"] = ConfigFolder,
    };

    public static ProcessResult Run(TimeSpan timeout, params string[] arguments) => Run(Repository.RunFolder, timeout, arguments);

    public static ProcessResult Run(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        ProcessRunner.Run(Executable, arguments, workingDirectory, Environment(), timeout);

    /// <summary>Runs docker and throws with its output when it fails.</summary>
    public static string Check(params string[] arguments)
    {
        var result = Run(TimeSpan.FromMinutes(5), arguments);
        if (!result.Succeeded)
        {
            throw new XunitException($"docker {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result.Output.Trim();
    }

    private static string ConfigFolder
    {
        get
        {
            var folder = Path.Combine(Repository.RunFolder, "docker-config");
            var file = Path.Combine(folder, "config.json");
            if (!File.Exists(file))
            {
                // An empty configuration (buildah, which the stand-in transfer runs, reads it too).
                Directory.CreateDirectory(folder);
                File.WriteAllText(file, "{}\n");
            }

            return folder;
        }
    }

    private static string? FindProblem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "BuildKit real builds run on Linux only (a private Docker Engine)";
        }

        if (!File.Exists(Executable))
        {
            return $"the docker CLI {Executable} does not exist; install Docker Engine (apt-get install -y docker.io) and start the test engine "
                + "(eng/real-builds/docker-engine.sh start; eval \"$(eng/real-builds/docker-engine.sh env)\")";
        }

        var version = ProcessRunner.Run(Executable, new[] { "version", "--format", "{{.Client.Version}} {{.Server.Version}}" }, Repository.RunFolder, Environment(), TimeSpan.FromMinutes(1));
        if (!version.Succeeded)
        {
            return $"no Docker Engine answers on {Host} ({version.Output.Trim().Split('\n')[^1]}); start the test engine with "
                + "eng/real-builds/docker-engine.sh start (and eval \"$(eng/real-builds/docker-engine.sh env)\" for another socket)";
        }

        var parts = version.Output.Trim().Split(' ');
        ServerVersion = parts.Length > 1 ? parts[1] : "?";
        // From docker 23 on, DOCKER_BUILDKIT=1 needs the buildx plugin; without it the CLI refuses to build.
        if (int.TryParse(parts[0].Split('.')[0], out var major) && major >= 23)
        {
            var buildx = ProcessRunner.Run(Executable, new[] { "buildx", "version" }, Repository.RunFolder, Environment(), TimeSpan.FromMinutes(1));
            if (!buildx.Succeeded)
            {
                return $"the docker CLI {Executable} ({parts[0]}) has no buildx plugin, so it cannot build with BuildKit; "
                    + "set MULTISTAGE_DOCKER=/usr/bin/docker (Debian's docker.io CLI)";
            }
        }

        return null;
    }
}
