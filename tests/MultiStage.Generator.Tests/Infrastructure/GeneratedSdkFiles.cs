using System.Text;
using MultiStage.Generator.Facts;
using Xunit.Sdk;

namespace MultiStage.Generator.Tests.Infrastructure;

/// <summary>
/// The SDK files written from <see cref="InputCatalog"/>: the generator input list (with its up-to-date hash) and
/// the schema. A committed file that differs fails its test naming the lines; with MULTISTAGE_UPDATE_SDK_FILES=1
/// the tests rewrite it instead, and the diff is reviewed like code.
/// </summary>
internal static class GeneratedSdkFiles
{
    public const string UpdateVariable = "MULTISTAGE_UPDATE_SDK_FILES";

    public const string InputsTargets = "sdk/MultiStage.Sdk.Inputs.targets";

    public const string Schema = "sdk/MultiStage.Sdk.schema.json";

    /// <summary>Fails, naming the lines missing and extra, when the committed file is not <paramref name="expected"/>; rewrites it when updating.</summary>
    public static void AssertCommitted(string relativePath, string expected)
    {
        var path = SdkSurface.PathOf(relativePath);
        var committed = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        if (committed == expected)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }

        var expectedLines = expected.Split('\n');
        var committedLines = committed.Split('\n');
        string Lines(IEnumerable<string> lines) => lines.Any() ? "\n    " + string.Join("\n    ", lines.Select(l => l.Trim())) : " none";
        throw new XunitException(
            $"{relativePath} differs from InputCatalog. Run the generator's unit tests with {UpdateVariable}=1 to rewrite it, then review the diff."
            + "\n  missing (the catalog gives, the file lacks):" + Lines(expectedLines.Except(committedLines))
            + "\n  extra (the file has, the catalog does not give):" + Lines(committedLines.Except(expectedLines))
            + (expectedLines.Order().SequenceEqual(committedLines.Order()) ? "\n  (the same lines in another order)" : string.Empty));
    }

    /// <summary>
    /// The _MultiStageGeneratorInput list, one entry per expression of each generator input in declaration order, and
    /// the line the up-to-date check hashes for each entry: its Include, its input's name and every metadata.
    /// </summary>
    public static string RenderInputsTargets()
    {
        var text = new StringBuilder();
        text.Append("<Project>\n  <!--\n");
        text.Append("    Generated from InputCatalog (src/MultiStage.Generator/Facts/InputCatalog.cs): do not edit. After a change to\n");
        text.Append($"    the catalog run the generator's unit tests with {UpdateVariable}=1, then review the diff.\n");
        text.Append("    The one list of generator inputs: a property is Include=\"name\" with its value in Value; an item is the item\n");
        text.Append("    itself (its Include exactly, its own metadata) with the input's name in Input. Items enter whole, not through\n");
        text.Append("    Item=\"%(X.Identity)\": that batches, and batching groups Includes ignoring case, so Foo and FOO would both\n");
        text.Append("    become Foo. The task and the up-to-date hash both take exactly this list; the values MSBuild does not know\n");
        text.Append("    by itself are computed first, in _MultiStageComputeInputs.\n  -->\n");
        text.Append("  <Target Name=\"_MultiStageCollectInputs\" DependsOnTargets=\"_MultiStageComputeInputs\">\n    <ItemGroup>\n");
        foreach (var input in InputCatalog.GeneratorInputs)
        {
            foreach (var expression in input.Expressions)
            {
                text.Append(input.Kind == InputKind.Property
                    ? $"      <_MultiStageGeneratorInput Include=\"{input.Name}\" Value=\"{Attribute(expression)}\" />\n"
                    : $"      <_MultiStageGeneratorInput Include=\"{Attribute(expression)}\" Input=\"{input.Name}\" />\n");
            }
        }

        var hashed = string.Join("|", GeneratorInput.MetadataNames.Select(m => $"%({m})"));
        text.Append("    </ItemGroup>\n");
        text.Append("    <ItemGroup>\n");
        text.Append($"      <_MultiStageHashedGeneratorInput Include=\"@(_MultiStageGeneratorInput->'%(Identity)=%({GeneratorInput.InputNameMetadata})|{hashed}')\" />\n");
        text.Append("    </ItemGroup>\n  </Target>\n</Project>\n");
        return text.ToString();
    }

    /// <summary>The schema: public inputs and targets, in declaration order.</summary>
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

    /// <summary>An MSBuild expression as a double-quoted XML attribute value; ' and -> stay readable.</summary>
    private static string Attribute(string expression) =>
        expression.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

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
