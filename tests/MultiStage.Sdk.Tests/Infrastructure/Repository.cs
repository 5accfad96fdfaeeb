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
    /// ours leaks into the projects under test. MULTISTAGE_TEST_ROOT moves it.
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
        var folder = Path.Combine(parent, DateTime.UtcNow.ToString("yyyyMMdd-HHmmss") + "-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
