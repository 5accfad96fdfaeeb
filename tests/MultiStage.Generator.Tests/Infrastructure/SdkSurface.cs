using System.Text.RegularExpressions;
using System.Xml.Linq;
using MultiStage.Generator.Facts;

namespace MultiStage.Generator.Tests.Infrastructure;

/// <summary>
/// What the SDK's files say about its inputs, read as text so no build runs: the targets and the README's
/// "Properties and items" table. The files written from the catalog are <see cref="GeneratedSdkFiles"/>.
/// </summary>
internal static class SdkSurface
{
    private static readonly Lazy<string> RepositoryRoot = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MultiStageSdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("MultiStageSdk.sln not found above " + AppContext.BaseDirectory);
    });

    public static string PathOf(string relative) => Path.Combine(RepositoryRoot.Value, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Every sdk/*.targets file, by its name.</summary>
    public static IReadOnlyList<(string Name, XDocument Document)> AllTargets =>
        Directory.GetFiles(PathOf("sdk"), "*.targets").OrderBy(f => f, StringComparer.Ordinal).Select(f => (Path.GetFileName(f), XDocument.Load(f))).ToList();

    /// <summary>The names the README's "Properties and items" table rows start with; "Name(s)" stands for Name and Names.</summary>
    public static IReadOnlyList<(string Name, InputKind Kind)> ReadmeRows()
    {
        var readme = File.ReadAllText(PathOf("README.md"));
        var section = readme.Substring(readme.IndexOf("## Properties and items", StringComparison.Ordinal));
        section = section.Substring(0, section.IndexOf("\n## ", 1, StringComparison.Ordinal));
        var rows = new List<(string, InputKind)>();
        foreach (var row in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var firstCell = row.Split('|')[1];
            var kind = Regex.IsMatch(firstCell, @"`\s+item\b") ? InputKind.Item : InputKind.Property;
            foreach (Match name in Regex.Matches(firstCell, @"`([A-Za-z]+)(\(s\))?`"))
            {
                rows.Add((name.Groups[1].Value, kind));
                if (name.Groups[2].Success)
                {
                    rows.Add((name.Groups[1].Value + "s", kind));
                }
            }
        }

        return rows;
    }
}
