using System.Text.RegularExpressions;

namespace MultiStage.Sdk.Tests.Infrastructure;

public sealed record BuildResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public IReadOnlyList<string> ErrorCodes => Codes("error");

    public IReadOnlyList<string> WarningCodes => Codes("warning");

    private IReadOnlyList<string> Codes(string kind) =>
        Regex.Matches(Output, $@"\b{kind} (MULTISTAGE\d{{4}})\b").Select(m => m.Groups[1].Value).Distinct().OrderBy(c => c).ToList();
}

/// <summary>
/// A throwaway repository for one test: its own folder with a global.json that names the freshly packed SDK,
/// a NuGet.config whose only local source is a copy of that package inside the folder (so the generated
/// Dockerfile can restore it too), and whatever projects the test writes. Builds run the real dotnet CLI.
/// </summary>
public sealed class TestRepository
{
    public const string LocalFeedFolder = LocalFeed.Folder;
    private static int counter;

    private TestRepository(string root) => Root = root;

    public string Root { get; }

    /// <summary>A new repository. With <paramref name="markAsRepositoryRoot"/> it holds a .git folder, so it is the default build context.</summary>
    public static TestRepository Create(string name, bool markAsRepositoryRoot = true) =>
        CreateAt(Path.Combine(Repository.RunFolder, "cases", $"{name}-{Interlocked.Increment(ref counter)}"), markAsRepositoryRoot);

    /// <summary>A new repository in <paramref name="root"/>, which must not exist yet.</summary>
    public static TestRepository CreateAt(string root, bool markAsRepositoryRoot = true)
    {
        if (Directory.Exists(root))
        {
            throw new InvalidOperationException($"{root} already exists; each test repository needs a folder of its own.");
        }

        Directory.CreateDirectory(root);
        var repository = new TestRepository(root);
        if (markAsRepositoryRoot)
        {
            Directory.CreateDirectory(Path.Combine(root, ".git"));
        }

        LocalFeed.AddTo(root, SdkPackage.NupkgPath, SdkPackage.Version);
        return repository;
    }

    public static string GlobalJson(string? sdkPin = null) => LocalFeed.GlobalJson(SdkPackage.Version, sdkPin);

    public static string NuGetConfig(string localFeed) => LocalFeed.NuGetConfig(localFeed);

    public TestRepository WriteFile(string relativePath, string content)
    {
        var path = PathOf(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    /// <summary>Writes a project file and a Program.cs beside it.</summary>
    public TestRepository WriteProject(string relativePath, string projectXml, string? program = null)
    {
        WriteFile(relativePath, projectXml);
        if (program is not null)
        {
            WriteFile(Path.Combine(Path.GetDirectoryName(relativePath)!, "Program.cs"), program);
        }

        return this;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public string ReadFile(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public bool FileExists(string relativePath) => File.Exists(PathOf(relativePath));

    /// <summary>Runs <c>dotnet build</c> (or another command) in the repository root, or in <paramref name="folder"/>.</summary>
    public BuildResult Build(string? target = null, params string[] arguments) => Dotnet("build", target, arguments);

    public BuildResult Dotnet(string command, string? target, params string[] arguments) => Dotnet(command, target, null, arguments);

    /// <summary>Runs a dotnet command with some environment variables changed (null removes one).</summary>
    public BuildResult Dotnet(string command, string? target, IDictionary<string, string?>? environment, params string[] arguments)
    {
        var all = new List<string> { command };
        if (target is not null)
        {
            all.Add(target);
        }

        all.AddRange(arguments);
        all.Add("-nologo");
        var variables = DotnetCli.Environment();
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        var result = ProcessRunner.Run("dotnet", all, Root, variables);
        return new BuildResult(result.ExitCode, result.Output);
    }
}
