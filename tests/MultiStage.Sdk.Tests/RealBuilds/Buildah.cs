using System.Runtime.InteropServices;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// buildah on this machine: whether real image builds can run here, and running it the way eng/real-builds does
/// (chroot isolation; storage driver from MULTISTAGE_BUILDAH_STORAGE_DRIVER, else buildah's own choice).
/// </summary>
public static class Buildah
{
    /// <summary>Set to 1 (CI does) to make "real builds cannot run here" a failure instead of a skip.</summary>
    public const string RequireVariable = "MULTISTAGE_REQUIRE_REAL_BUILDS";

    /// <summary>The buildah executable; a path that does not exist makes buildah count as missing.</summary>
    public const string ExecutableVariable = BuildahCli.ExecutableVariable;

    private static readonly Lazy<string?> Problem = new(FindProblem, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Executable => BuildahCli.Executable;

    /// <summary>buildah with this run's temporary folder.</summary>
    public static BuildahCli Cli { get; } = new(Path.Combine(StandIns.CacheFolder, "tmp"));

    /// <summary>Why real image builds cannot run on this machine, or null when they can.</summary>
    public static string? UnavailableReason => Problem.Value;

    public static bool Required => System.Environment.GetEnvironmentVariable(RequireVariable) is "1" or "true" or "yes";

    /// <summary>Skips the calling test when buildah cannot build here, or fails it when real builds are required.</summary>
    public static void RequireOrSkip() => SkipUnlessRequired(UnavailableReason);

    /// <summary>Skips the calling test for <paramref name="reason"/> (nothing when null), or fails it when real builds are required.</summary>
    public static void SkipUnlessRequired(string? reason)
    {
        if (reason is null)
        {
            return;
        }

        if (Required)
        {
            throw new XunitException($"{reason}. {RequireVariable}=1 requires real image builds.");
        }

        Skip.If(true, reason);
    }

    /// <summary>Where buildah keeps temporary files and RUN cache mounts for these tests (the NuGet cache mount among them).</summary>
    public static string TemporaryFolder => Cli.TemporaryFolder;

    public static IDictionary<string, string?> Environment() => Cli.Environment();

    public static ProcessResult Run(TimeSpan timeout, params string[] arguments) => Run(Repository.RunFolder, timeout, arguments);

    public static ProcessResult Run(string workingDirectory, TimeSpan timeout, params string[] arguments) => Cli.Run(workingDirectory, timeout, arguments);

    /// <summary>Runs buildah and throws with its output when it fails.</summary>
    public static string Check(params string[] arguments)
    {
        var result = Run(TimeSpan.FromMinutes(5), arguments);
        if (!result.Succeeded)
        {
            throw new XunitException($"buildah {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result.Output.Trim();
    }

    public static IEnumerable<string> GlobalArguments() => BuildahCli.GlobalArguments();

    private static string? FindProblem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "real image builds run on Linux only (buildah)";
        }

        if (!Path.IsPathRooted(Executable) || !File.Exists(Executable))
        {
            return $"buildah is not installed ({(Path.IsPathRooted(Executable) ? Executable + " does not exist" : "not on PATH")}); "
                + "install buildah and debootstrap (apt-get install -y buildah debootstrap) to run real image builds";
        }

        if (geteuid() != 0)
        {
            return "real image builds need root (debootstrap and buildah's chroot isolation); run the tests as root";
        }

        var version = ProcessRunner.Run(Executable, new[] { "--version" }, Repository.RunFolder, Environment(), TimeSpan.FromMinutes(1));
        return version.Succeeded ? null : $"{Executable} --version failed: {version.Output.Trim()}";
    }

    [DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();
}
