using MultiStage.Sdk.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// A second private Docker Engine with a data root of its own, started empty: what a CI runner starts with. It is
/// docker-engine.sh's engine (same dockerd, same registry-less setup, reaching only loopback registries) with
/// MULTISTAGE_DOCKER_DATA and MULTISTAGE_DOCKER_RUN moved, so the shared test engine and its cache stay as they are.
/// It holds only the stand-ins loaded into it. <see cref="Dispose"/> stops it by its pid file and deletes its data.
/// </summary>
public sealed class EmptyDockerEngine : IDisposable
{
    private readonly Dictionary<string, string?> scriptEnvironment;

    private EmptyDockerEngine(string dataFolder, string runFolder)
    {
        DataFolder = dataFolder;
        RunFolder = runFolder;
        scriptEnvironment = new Dictionary<string, string?>
        {
            ["MULTISTAGE_DOCKER_DATA"] = dataFolder,
            ["MULTISTAGE_DOCKER_RUN"] = runFolder,
            [Docker.ExecutableVariable] = Docker.Executable,
            [Buildah.ExecutableVariable] = Buildah.Executable,
            ["DOCKER_HOST"] = Host,
        };
        foreach (var (key, value) in Buildah.Environment())
        {
            scriptEnvironment.TryAdd(key, value);
        }
    }

    public string DataFolder { get; }

    /// <summary>The socket's folder: short, as a unix socket path must be.</summary>
    public string RunFolder { get; }

    public string Host => "unix://" + Path.Combine(RunFolder, "docker.sock");

    /// <summary>Starts an engine with nothing in it; its data lives under <paramref name="folder"/>.</summary>
    public static EmptyDockerEngine Start(string folder)
    {
        var engine = new EmptyDockerEngine(Path.Combine(folder, "engine-data"), "/run/ms-" + Guid.NewGuid().ToString("N")[..10]);
        var started = engine.Script(TimeSpan.FromMinutes(2), "start");
        if (!started.Succeeded)
        {
            engine.Dispose();
            throw new XunitException($"The empty Docker Engine did not start ({started.ExitCode}):\n{started.Output}");
        }

        return engine;
    }

    /// <summary>The environment of a docker CLI (or a dotnet build that runs one) talking to this engine.</summary>
    public IDictionary<string, string?> Environment(IDictionary<string, string?> basis)
    {
        var environment = new Dictionary<string, string?>(basis) { ["DOCKER_HOST"] = Host };
        return environment;
    }

    /// <summary>Copies the stand-ins of these base images in, from buildah, as docker-engine.sh load does for the shared engine.</summary>
    public void LoadStandIns(IEnumerable<string> images, ITestOutputHelper output)
    {
        var all = images.Distinct(StringComparer.Ordinal).ToArray();
        StandIns.Ensure(all, output);
        var loaded = Script(TimeSpan.FromMinutes(15), new[] { "load" }.Concat(all).ToArray());
        output.WriteLine(loaded.Output.Trim());
        if (!loaded.Succeeded)
        {
            throw new XunitException($"docker-engine.sh load into the empty engine failed ({loaded.ExitCode}):\n{loaded.Output}");
        }
    }

    /// <summary>docker against this engine.</summary>
    public ProcessResult RunDocker(TimeSpan timeout, params string[] arguments) =>
        ProcessRunner.Run(Docker.Executable, arguments, Repository.RunFolder, Environment(Docker.Environment()), timeout);

    /// <summary>
    /// Empties the engine again but for its stand-ins, as a new runner starts: removes the images named and the whole
    /// build cache (its own data; the shared engine is not touched), and checks that no build cache is left.
    /// </summary>
    public void Empty(params string[] images)
    {
        foreach (var arguments in new[] { new[] { "image", "rm", "-f" }.Concat(images).ToArray(), new[] { "builder", "prune", "-af" } })
        {
            var result = RunDocker(TimeSpan.FromMinutes(5), arguments);
            if (!result.Succeeded)
            {
                throw new XunitException($"docker {string.Join(' ', arguments)} on the empty engine failed ({result.ExitCode}):\n{result.Output}");
            }
        }

        var usage = RunDocker(TimeSpan.FromMinutes(1), "system", "df", "--format", "{{.Type}}={{.TotalCount}}");
        if (!usage.Succeeded || !usage.Output.Split('\n').Any(line => line.Trim() == "Build Cache=0"))
        {
            throw new XunitException($"The engine still holds build cache after docker builder prune -af:\n{usage.Output}");
        }
    }

    public void Dispose()
    {
        Script(TimeSpan.FromMinutes(2), "stop");
        ProcessRunner.Run("rm", new[] { "-rf", "--one-file-system", DataFolder, RunFolder }, Repository.RunFolder, timeout: TimeSpan.FromMinutes(5));
    }

    private ProcessResult Script(TimeSpan timeout, params string[] arguments) =>
        ProcessRunner.Run("bash", new[] { Docker.EngineScript }.Concat(arguments).ToArray(), Repository.Root, scriptEnvironment, timeout);
}
