using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MultiStage.Generator.Facts;

namespace MultiStage.Generator.Tests.Infrastructure;

/// <summary>
/// What the SDK's files say about its inputs, read as text so no build runs: the targets' generator input list and
/// up-to-date hash, the schema, the README's "Properties and items" table; and the schema as the catalog writes it.
/// </summary>
internal static class SdkSurface
{
    /// <summary>With MULTISTAGE_UPDATE_SCHEMA=1 the schema test rewrites sdk/MultiStage.Sdk.schema.json from the catalog.</summary>
    public const string UpdateSchemaVariable = "MULTISTAGE_UPDATE_SCHEMA";

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

    public static XDocument Targets => XDocument.Load(PathOf("sdk/MultiStage.Sdk.targets"));

    /// <summary>
    /// The input name of each _MultiStageGeneratorInput entry, whatever its form: an item transform's quoted result
    /// (<c>@(ContainerPort-&gt;'ContainerPort')</c>), a literal Include, or a literal Name or Input metadata.
    /// An entry none of these names is returned as its own text, so the test shows it.
    /// </summary>
    public static IReadOnlyList<string> GeneratorInputEntries(XDocument targets) =>
        targets.Descendants()
            .Where(e => e.Name.LocalName == "_MultiStageGeneratorInput" && e.Attribute("Include") is not null)
            .SelectMany(EntryNames)
            .ToList();

    /// <summary>The metadata names in the up-to-date hash's transform of the generator input list.</summary>
    public static IReadOnlyList<string> HashedMetadata(XDocument targets)
    {
        var transform = targets.Descendants()
            .Where(e => e.Name.LocalName == "_MultiStageHashedInput")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .Single(include => include.Contains("@(_MultiStageGeneratorInput->", StringComparison.Ordinal));
        return Regex.Matches(transform, @"%\(([A-Za-z]+)\)").Select(m => m.Groups[1].Value).Where(n => n != "Identity").ToList();
    }

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

    /// <summary>The schema as the catalog declares it: public inputs and targets, in declaration order.</summary>
    public static string RenderSchema()
    {
        var json = new StringBuilder();
        json.Append("{\n  \"$comment\": \"MultiStage.Sdk's public MSBuild properties, items and targets, for editors and tools.\",\n");
        var publicInputs = InputCatalog.All.Where(i => i.Audience == InputAudience.Public).ToList();
        Section(json, "properties", publicInputs.Where(i => i.Kind == InputKind.Property)
            .Select(i => (i.Name, new[] { ("type", i.SchemaType), ("default", i.Default), ("description", i.Description) })));
        json.Append(",\n");
        Section(json, "items", publicInputs.Where(i => i.Kind == InputKind.Item).Select(i => (i.Name, new[] { ("description", i.Description) })));
        json.Append(",\n");
        Section(json, "targets", InputCatalog.PublicTargets.Select(t => (t.Name, new[] { ("description", t.Description) })));
        json.Append("\n}\n");
        return json.ToString();
    }

    private static IEnumerable<string> EntryNames(XElement entry)
    {
        var include = (string)entry.Attribute("Include")!;
        var transformed = Regex.Matches(include, @"->\s*'([A-Za-z_][A-Za-z0-9_]*)'").Select(m => m.Groups[1].Value).ToList();
        if (transformed.Count > 0)
        {
            return transformed;
        }

        var literal = include.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(p => Regex.IsMatch(p, "^[A-Za-z_][A-Za-z0-9_]*$")).ToList();
        if (literal.Count > 0)
        {
            return literal;
        }

        var named = entry.Attributes().Where(a => a.Name.LocalName is "Name" or "Input").Select(a => a.Value)
            .Concat(entry.Elements().Where(e => e.Name.LocalName is "Name" or "Input").Select(e => e.Value))
            .Where(v => Regex.IsMatch(v, "^[A-Za-z_][A-Za-z0-9_]*$")).ToList();
        return named.Count > 0 ? named : new[] { "(no input name in " + entry.ToString(SaveOptions.DisableFormatting) + ")" };
    }

    private static void Section(StringBuilder json, string name, IEnumerable<(string Name, (string Key, string Value)[] Fields)> entries)
    {
        json.Append("  ").Append(Quote(name)).Append(": {\n");
        json.Append(string.Join(",\n", entries.Select(e =>
            "    " + Quote(e.Name) + ": {\n"
            + string.Join(",\n", e.Fields.Select(f => "      " + Quote(f.Key) + ": " + Quote(f.Value)))
            + "\n    }")));
        json.Append("\n  }");
    }

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
