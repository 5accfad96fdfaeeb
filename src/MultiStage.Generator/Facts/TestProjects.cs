using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Facts;

/// <summary>
/// The test projects the image build runs: the MultiStageTestProject items when the project has any, else the test
/// projects of the app's solution (the solutions in the nearest folder at or above the project, inside the context,
/// that holds one). Either way only those whose project references reach the app or one of its projects count.
/// </summary>
internal static class TestProjects
{
    /// <summary>The test projects' own packages and properties, as a project file or a Directory.Build.props writes them.</summary>
    private static readonly string[] TestPackages =
    {
        "Microsoft.NET.Test.Sdk", "Microsoft.Testing.Platform.MSBuild", "MSTest", "xunit.v3", "TUnit",
    };

    private static readonly Regex SolutionProject = new(
        "^Project\\(\"\\{[^}]*\\}\"\\)\\s*=\\s*\"[^\"]*\",\\s*\"(?<path>[^\"]+\\.(?:cs|fs|vb)proj)\"", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>The test projects (full paths, sorted) and the projects they build (their references, full paths).</summary>
    public sealed record Found(IReadOnlyList<string> Tests, IReadOnlyList<string> Built)
    {
        public static readonly Found None = new(Array.Empty<string>(), Array.Empty<string>());
    }

    /// <param name="appProjects">The app's project file and every project it references (full paths).</param>
    /// <param name="items">The MultiStageTestProject items, relative to the project folder.</param>
    public static Found Find(string contextRoot, string projectFile, IReadOnlyCollection<string> appProjects, IReadOnlyList<string> items, List<Diagnostic> diagnostics)
    {
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        var app = new HashSet<string>(appProjects, StringComparer.Ordinal);
        var candidates = items.Count > 0 ? FromItems(contextRoot, projectDirectory, items, diagnostics) : FromSolution(contextRoot, projectDirectory);
        var tests = new SortedSet<string>(StringComparer.Ordinal);
        var built = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var candidate in candidates.Where(c => !app.Contains(c)))
        {
            var closure = References(contextRoot, candidate);
            var isTest = items.Count > 0 || IsTestProject(contextRoot, candidate);
            if (isTest && closure.Any(app.Contains))
            {
                tests.Add(candidate);
                built.UnionWith(closure);
            }
            else if (items.Count > 0)
            {
                diagnostics.Add(DiagnosticDescriptors.TestProjectDoesNotTestApp.Create(BuildContext.Relative(contextRoot, candidate)));
            }
        }

        built.ExceptWith(tests);
        return tests.Count == 0 ? Found.None : new Found(tests.ToList(), built.ToList());
    }

    private static IEnumerable<string> FromItems(string contextRoot, string projectDirectory, IReadOnlyList<string> items, List<Diagnostic> diagnostics)
    {
        foreach (var item in items)
        {
            var full = BuildContext.Normalize(Path.Combine(projectDirectory, item.Trim().Replace('\\', Path.DirectorySeparatorChar)));
            if (!ProjectFiles.FileExists(full) || !BuildContext.Contains(contextRoot, full))
            {
                diagnostics.Add(DiagnosticDescriptors.TestProjectNotFound.Create(item, contextRoot));
                continue;
            }

            yield return full;
        }
    }

    /// <summary>The projects of the solutions in the nearest folder, from the project's up to the context root, that has any.</summary>
    private static IEnumerable<string> FromSolution(string contextRoot, string projectDirectory)
    {
        for (var folder = new DirectoryInfo(projectDirectory); folder is not null && BuildContext.Contains(contextRoot, folder.FullName); folder = folder.Parent)
        {
            var solutions = ProjectFiles.EnumerateFiles(folder, "*.sln").Concat(ProjectFiles.EnumerateFiles(folder, "*.slnx"))
                .Select(f => f.FullName).OrderBy(f => f, StringComparer.Ordinal).ToList();
            if (solutions.Count > 0)
            {
                return solutions.SelectMany(s => SolutionProjects(s)).Distinct(StringComparer.Ordinal)
                    .Where(p => BuildContext.Contains(contextRoot, p) && ProjectFiles.FileExists(p)).ToList();
            }
        }

        return Array.Empty<string>();
    }

    private static IEnumerable<string> SolutionProjects(string solution)
    {
        var folder = Path.GetDirectoryName(solution)!;
        IEnumerable<string> paths;
        if (solution.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase))
        {
            paths = Load(solution)?.Descendants().Where(e => e.Name.LocalName == "Project").Select(e => (string?)e.Attribute("Path")).OfType<string>()
                ?? Enumerable.Empty<string>();
        }
        else
        {
            paths = ProjectFiles.ReadLines(solution).Select(l => SolutionProject.Match(l.Trim())).Where(m => m.Success).Select(m => m.Groups["path"].Value).ToList();
        }

        return paths.Select(p => BuildContext.Normalize(Path.Combine(folder, p.Replace('\\', Path.DirectorySeparatorChar))));
    }

    /// <summary>A project and every project it references, directly or not, as their project files write them.</summary>
    private static IReadOnlyCollection<string> References(string contextRoot, string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(new[] { project });
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current) || Load(current) is not { } document)
            {
                continue;
            }

            var folder = Path.GetDirectoryName(current)!;
            foreach (var include in Elements(document, "ProjectReference").Select(e => (string?)e.Attribute("Include")).OfType<string>())
            {
                if (include.IndexOf("$(", StringComparison.Ordinal) < 0)
                {
                    var reference = BuildContext.Normalize(Path.Combine(folder, include.Trim().Replace('\\', Path.DirectorySeparatorChar)));
                    if (BuildContext.Contains(contextRoot, reference) && ProjectFiles.FileExists(reference))
                    {
                        pending.Push(reference);
                    }
                }
            }
        }

        return seen;
    }

    /// <summary>
    /// A test project by what its file, or a Directory.Build.props between it and the context root, says: the
    /// MSTest SDK, IsTestProject, or a test platform's package.
    /// </summary>
    private static bool IsTestProject(string contextRoot, string project)
    {
        if (Load(project) is not { } document)
        {
            return false;
        }

        if (((string?)document.Root?.Attribute("Sdk") ?? string.Empty).IndexOf("MSTest.Sdk", StringComparison.OrdinalIgnoreCase) >= 0
            || Elements(document, "Sdk").Any(e => string.Equals((string?)e.Attribute("Name"), "MSTest.Sdk", StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        var files = new List<XDocument> { document };
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(project)!); folder is not null && BuildContext.Contains(contextRoot, folder.FullName); folder = folder.Parent)
        {
            var props = Path.Combine(folder.FullName, "Directory.Build.props");
            if (ProjectFiles.FileExists(props) && Load(props) is { } loaded)
            {
                files.Add(loaded);
            }
        }

        return files.Any(f =>
            Elements(f, "IsTestProject").Any(e => string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase) && e.Attribute("Condition") is null)
            || Elements(f, "PackageReference").Any(e => TestPackages.Contains(((string?)e.Attribute("Include"))?.Trim() ?? string.Empty, StringComparer.OrdinalIgnoreCase)));
    }

    private static IEnumerable<XElement> Elements(XDocument document, string name) => document.Descendants().Where(e => e.Name.LocalName == name);

    /// <summary>A project or solution file that is not well-formed XML names no project and marks no test project.</summary>
    private static XDocument? Load(string path)
    {
        try
        {
            return ProjectFiles.LoadXml(path);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
