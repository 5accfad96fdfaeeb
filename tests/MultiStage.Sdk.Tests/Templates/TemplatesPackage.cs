using MultiStage.Sdk.Tests.Infrastructure;

namespace MultiStage.Sdk.Tests.Templates;

/// <summary>
/// The templates package, packed from this repository once per test run like <see cref="SdkPackage"/>, and
/// installed into a template hive of the run's own, so the machine's templates are untouched.
/// </summary>
public static class TemplatesPackage
{
    public static readonly string[] Names = { "multistage-web", "multistage-console", "multistage-worker", "multistage-sln" };

    private static readonly Lazy<(string Nupkg, string Version)> Installed = new(PackAndInstall, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Project => Path.Combine(Repository.Root, "src", "MultiStage.Templates", "MultiStage.Templates.csproj");

    public static string NupkgPath => Installed.Value.Nupkg;

    public static string Version => Installed.Value.Version;

    /// <summary>The run's template hive (<c>dotnet new --debug:custom-hive</c>).</summary>
    public static string Hive { get; } = Path.Combine(Repository.RunFolder, "template-hive");

    /// <summary>Runs <c>dotnet new</c> with the run's hive, e.g. <c>New(folder, "multistage-web", "--help")</c>.</summary>
    public static ProcessResult New(string workingDirectory, params string[] arguments)
    {
        _ = Installed.Value;
        return ProcessRunner.Run(
            "dotnet",
            new[] { "new" }.Concat(arguments).Concat(new[] { "--debug:custom-hive", Hive }),
            workingDirectory,
            DotnetCli.Environment(),
            TimeSpan.FromMinutes(2));
    }

    private static (string, string) PackAndInstall()
    {
        var (_, package, version) = PackedProject.Pack(Project, "MultiStage.Templates", "templates-feed");

        var install = ProcessRunner.Run(
            "dotnet",
            new[] { "new", "install", package, "--debug:custom-hive", Hive },
            Repository.RunFolder,
            DotnetCli.Environment(),
            TimeSpan.FromMinutes(2));
        if (!install.Succeeded)
        {
            throw new InvalidOperationException($"Installing {package} into {Hive} failed:\n{install.Output}");
        }

        return (package, version);
    }
}
