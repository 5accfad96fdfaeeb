namespace MultiStage.Harness;

/// <summary>
/// buildah as the real builds run it: chroot isolation (containers without cgroups), the storage driver from
/// MULTISTAGE_BUILDAH_STORAGE_DRIVER (else buildah's own choice), temporary files and RUN cache mounts in a folder of
/// the caller's.
/// </summary>
public sealed class BuildahCli
{
    /// <summary>The buildah executable; a path that does not exist makes buildah count as missing.</summary>
    public const string ExecutableVariable = "MULTISTAGE_BUILDAH";

    public const string StorageDriverVariable = "MULTISTAGE_BUILDAH_STORAGE_DRIVER";

    public BuildahCli(string temporaryFolder) => TemporaryFolder = temporaryFolder;

    public static string Executable { get; } = ResolveExecutable();

    /// <summary>Where buildah keeps temporary files and RUN cache mounts (TMPDIR).</summary>
    public string TemporaryFolder { get; }

    public static IEnumerable<string> GlobalArguments() =>
        System.Environment.GetEnvironmentVariable(StorageDriverVariable) is { Length: > 0 } driver
            ? new[] { "--storage-driver", driver }
            : Array.Empty<string>();

    public IDictionary<string, string?> Environment()
    {
        Directory.CreateDirectory(TemporaryFolder);
        return new Dictionary<string, string?>
        {
            ["BUILDAH_ISOLATION"] = System.Environment.GetEnvironmentVariable("BUILDAH_ISOLATION") is { Length: > 0 } isolation ? isolation : "chroot",
            ["TMPDIR"] = TemporaryFolder,
        };
    }

    public ProcessResult Run(string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        ProcessRunner.Run(Executable, GlobalArguments().Concat(arguments), workingDirectory, Environment(), timeout);

    /// <summary>Runs buildah and returns its trimmed standard output; throws with all its output when it fails.</summary>
    public string Check(params string[] arguments)
    {
        var result = Run(TemporaryFolder, TimeSpan.FromMinutes(15), arguments);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"buildah {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result.StandardOutput.Trim();
    }

    /// <summary>An image's fields (Go templates of buildah inspect), or empty values when the image does not exist.</summary>
    public IReadOnlyList<string> ImageFields(string image, params string[] templates)
    {
        var result = Run(TemporaryFolder, TimeSpan.FromMinutes(2), "inspect", "--type", "image", "--format", string.Join("\n", templates), image);
        var lines = result.Succeeded ? result.StandardOutput.TrimEnd('\n').Split('\n') : Array.Empty<string>();
        return templates.Select((_, i) => i < lines.Length ? lines[i] : string.Empty).ToList();
    }

    public static string Label(string name) => $"{{{{index .OCIv1.Config.Labels \"{name}\"}}}}";

    private static string ResolveExecutable()
    {
        if (System.Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        return ExecutableSearch.Find("buildah") ?? "buildah";
    }
}
