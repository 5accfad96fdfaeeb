namespace MultiStage.Sdk.Tests.Infrastructure;

/// <summary>The real dotnet CLI, with an environment that isolates it from the test host's own MSBuild.</summary>
public static class DotnetCli
{
    public static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        ProcessRunner.Run("dotnet", arguments, workingDirectory, Environment());

    public static IDictionary<string, string?> Environment()
    {
        var environment = new Dictionary<string, string?>
        {
            // Each run restores into its own packages folder, so a freshly packed SDK is never served stale.
            ["NUGET_PACKAGES"] = SdkPackage.PackagesFolder,
            ["MSBUILDDISABLENODEREUSE"] = "1",
            // Hundreds of small builds: one warm compiler server (eng/test.sh stops it at the end) costs a fraction of
            // a cold csc process per project, whatever the machine's own default.
            ["UseSharedCompilation"] = "true",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };

        // The test host runs inside an MSBuild-launched process; its MSBuild variables must not reach the builds under test.
        foreach (var key in System.Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && key != "MSBUILDDISABLENODEREUSE"
                || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key is "DOTNET_HOST_PATH" or "MSBUILD_EXE_PATH")
            {
                environment[key] = null;
            }
        }

        return environment;
    }
}
