using System.Text;
using System.Text.RegularExpressions;

namespace MultiStage.Sdk.Tests.Infrastructure;

/// <summary>
/// Many test cases through one <c>dotnet build</c>, since each build process costs seconds of CPU. Each case is a
/// whole <see cref="TestRepository"/> in a folder of its own (its own .git, global.json, NuGet.config and feed),
/// so its context root, restore inputs and written files are its alone. A solution in a sibling folder, so that it
/// is no case's context root, lists one project per case; <c>dotnet build -m</c> builds them all and goes on past
/// the ones that fail. Errors and warnings are told apart by the project path MSBuild prints on each line.
/// </summary>
public sealed class CaseBatch
{
    private static int counter;
    private readonly string root;
    private readonly TestRepository solution;
    private readonly List<(string Name, TestRepository Repository, string Project)> cases = new();

    private CaseBatch(string root, TestRepository solution)
    {
        this.root = root;
        this.solution = solution;
    }

    /// <summary>A new batch; its solution folder has the global.json and NuGet.config that resolve the SDK.</summary>
    public static CaseBatch Create(string name)
    {
        var root = Path.Combine(Repository.RunFolder, "batches", $"{name}-{Interlocked.Increment(ref counter)}");
        return new CaseBatch(root, TestRepository.CreateAt(Path.Combine(root, "solution"), markAsRepositoryRoot: false));
    }

    /// <summary>A case's repository, whose <paramref name="project"/> the batch builds. Case names are folder names.</summary>
    public TestRepository Add(string name, string project = "App/App.csproj", bool markAsRepositoryRoot = true)
    {
        if (cases.Any(c => c.Name == name))
        {
            throw new ArgumentException($"Two cases are named {name}.", nameof(name));
        }

        var repository = TestRepository.CreateAt(Path.Combine(root, name), markAsRepositoryRoot);
        cases.Add((name, repository, project));
        return repository;
    }

    /// <summary>Builds every case's project in one process.</summary>
    public BatchResult Build(params string[] arguments) => Run("build", arguments);

    /// <summary>Runs a dotnet command (build, restore) on every case's project in one process.</summary>
    public BatchResult Run(string command, params string[] arguments)
    {
        var slnx = new StringBuilder("<Solution>\n");
        foreach (var (name, repository, project) in cases)
        {
            // A folder per case: the projects may share a name.
            var path = Path.GetRelativePath(solution.Root, repository.PathOf(project)).Replace('\\', '/');
            slnx.Append($"  <Folder Name=\"/{name}/\">\n    <Project Path=\"{path}\" />\n  </Folder>\n");
        }

        solution.WriteFile("All.slnx", slnx.Append("</Solution>\n").ToString());
        var build = solution.Dotnet(command, "All.slnx", new[] { "-m", "-tl:off" }.Concat(arguments).ToArray());
        return new BatchResult(build, cases.ToDictionary(c => c.Name, c => new CaseProject(c.Name, c.Repository, c.Repository.PathOf(c.Project))));
    }
}

/// <summary>A case of a batch: its repository and the project of it the batch built.</summary>
public sealed record CaseProject(string Name, TestRepository Repository, string ProjectPath);

/// <summary>One error or warning line of a build, and the project MSBuild printed it for.</summary>
public sealed record BuildDiagnostic(string Project, string Kind, string Code, string Message, string Line);

/// <summary>What a batch build printed, sorted by case.</summary>
public sealed class BatchResult
{
    // "[N>]file[(line,col)] : error CODE: message[ [project[::global properties]]]"; the project is omitted when it is the file.
    private static readonly Regex DiagnosticLine = new(
        @"^\s*(?:\d+>)?(?<file>\S.*?)(?:\([\d,\-]+\))?\s*:\s+(?<kind>error|warning)\s+(?<code>[A-Za-z]*\d+)\s*:\s*(?<message>.*?)(?:\s+\[(?<project>[^\[\]]+?\.(?:\w*proj|slnx?))(?:::[^\[\]]*)?\])?\s*$",
        RegexOptions.CultureInvariant);

    private readonly IReadOnlyDictionary<string, CaseProject> cases;
    private readonly IReadOnlyList<BuildDiagnostic> diagnostics;

    public BatchResult(BuildResult build, IReadOnlyDictionary<string, CaseProject> cases)
    {
        Build = build;
        this.cases = cases;
        diagnostics = build.Output.Split('\n')
            .Select(line => line.TrimEnd('\r'))
            .Distinct(StringComparer.Ordinal) // the summary repeats every line
            .Select(line => DiagnosticLine.Match(line))
            .Where(m => m.Success)
            .Select(m => new BuildDiagnostic(
                Path.GetFullPath(m.Groups["project"].Success ? m.Groups["project"].Value : m.Groups["file"].Value),
                m.Groups["kind"].Value,
                m.Groups["code"].Value,
                m.Groups["message"].Value,
                m.Value.Trim()))
            .ToList();
    }

    public BuildResult Build { get; }

    /// <summary>What the build printed for one case's project.</summary>
    public CaseResult For(string name)
    {
        if (!cases.TryGetValue(name, out var project))
        {
            throw new ArgumentException($"The batch has no case {name}.", nameof(name));
        }

        var path = Path.GetFullPath(project.ProjectPath);
        return new CaseResult(project, diagnostics.Where(d => string.Equals(d.Project, path, StringComparison.Ordinal)).ToList(), Build.Output);
    }
}

/// <summary>The errors and warnings a batch build printed for one case.</summary>
public sealed class CaseResult
{
    public CaseResult(CaseProject project, IReadOnlyList<BuildDiagnostic> diagnostics, string batchOutput)
    {
        Project = project;
        Diagnostics = diagnostics;
        BatchOutput = batchOutput;
    }

    public CaseProject Project { get; }

    public TestRepository Repository => Project.Repository;

    public IReadOnlyList<BuildDiagnostic> Diagnostics { get; }

    public string BatchOutput { get; }

    /// <summary>An error on any line means MSBuild failed the project.</summary>
    public bool Failed => Diagnostics.Any(d => d.Kind == "error");

    /// <summary>The MULTISTAGE error codes, as <see cref="BuildResult.ErrorCodes"/> reads them.</summary>
    public IReadOnlyList<string> ErrorCodes => Codes("error");

    public IReadOnlyList<string> WarningCodes => Codes("warning");

    /// <summary>The case's name and lines, or the whole output when it has none, for a failure message.</summary>
    public string Describe() =>
        $"Case {Project.Name} ({Project.ProjectPath}):\n"
        + (Diagnostics.Count > 0 ? string.Join("\n", Diagnostics.Select(d => d.Line)) : "no error or warning lines for it; the whole build printed:\n" + BatchOutput);

    /// <summary>Whether a line of this kind and code names <paramref name="text"/>.</summary>
    public bool Says(string kind, string code, string text) =>
        Diagnostics.Any(d => d.Kind == kind && d.Code == code && d.Message.Contains(text, StringComparison.Ordinal));

    private IReadOnlyList<string> Codes(string kind) =>
        Diagnostics.Where(d => d.Kind == kind && d.Code.StartsWith("MULTISTAGE", StringComparison.Ordinal)).Select(d => d.Code).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList();
}
