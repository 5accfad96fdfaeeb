namespace MultiStage.Sdk.Tests.Infrastructure;

/// <summary>Paths in this repository and in the run's scratch folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SdkProject => Path.Combine(Root, "src", "MultiStage.Sdk", "MultiStage.Sdk.csproj");

    public static string Samples => Path.Combine(Root, "samples");

    public static string Tools => Path.Combine(Root, "tests", "tools");

    /// <summary>
    /// A scratch folder for this test run, outside the repository so no Directory.Build.props or global.json of
    /// ours leaks into the projects under test. MULTISTAGE_TEST_ROOT moves it. The folders of earlier runs whose
    /// process has ended are removed, but for the newest few, which stay for a look at a failure.
    /// </summary>
    public static string RunFolder { get; } = CreateRunFolder();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MultiStageSdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("MultiStageSdk.sln not found above " + AppContext.BaseDirectory);
    }

    private static string CreateRunFolder()
    {
        var parent = Environment.GetEnvironmentVariable("MULTISTAGE_TEST_ROOT") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "multistage-tests");
        RemoveEndedRuns(parent);
        var folder = Path.Combine(parent, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private const int EndedRunsKept = 3;

    // A run folder is named "yyyyMMdd-HHmmss-<pid>"; the tiers run side by side, so a folder whose process still
    // runs is another tier's and stays. Each run leaves gigabytes (copied samples, publish output, obj/ caches).
    private static void RemoveEndedRuns(string parent)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        var ended = new DirectoryInfo(parent).GetDirectories()
            .Where(run => ProcessIdOf(run.Name) is { } pid && !IsRunning(pid))
            .OrderByDescending(run => run.Name, StringComparer.Ordinal)
            .Skip(EndedRunsKept);
        foreach (var run in ended)
        {
            try
            {
                run.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Files an image build left owned by another user: the next run tries again.
            }
        }
    }

    private static int? ProcessIdOf(string runName)
    {
        var dash = runName.LastIndexOf('-');
        return dash > 0 && int.TryParse(runName[(dash + 1)..], out var pid) ? pid : null;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
