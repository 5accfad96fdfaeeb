using System.Text.Json;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>
/// Each input is declared once, in <see cref="InputCatalog"/>; the targets, the schema, the README and the reading
/// code follow it. Each test names what a file misses or has beyond the declaration.
/// </summary>
public class InputCatalogTests
{
    [Fact]
    public void The_targets_list_every_generator_input_and_no_other()
    {
        var listed = SdkSurface.GeneratorInputEntries(SdkSurface.Targets);

        AssertSameNames("sdk/MultiStage.Sdk.targets' _MultiStageGeneratorInput list", InputCatalog.GeneratorInputs.Select(i => i.Name), listed);
    }

    [Fact]
    public void The_up_to_date_hash_takes_every_metadata_a_generator_input_carries()
    {
        var hashed = SdkSurface.HashedMetadata(SdkSurface.Targets);

        // An item's entry also carries the name of its input (its Include is the item's own).
        AssertSameNames("sdk/MultiStage.Sdk.targets' up-to-date hash (_MultiStageHashedInput)", GeneratorInput.MetadataNames.Append(GeneratorInput.InputNameMetadata), hashed);
    }

    [Fact]
    public void The_schema_describes_every_public_input_and_no_other()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SdkSurface.PathOf("sdk/MultiStage.Sdk.schema.json")));
        var publicInputs = InputCatalog.All.Where(i => i.Audience == InputAudience.Public).ToList();

        AssertSameNames(
            "sdk/MultiStage.Sdk.schema.json's properties",
            publicInputs.Where(i => i.Kind == InputKind.Property).Select(i => i.Name),
            schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        AssertSameNames(
            "sdk/MultiStage.Sdk.schema.json's items",
            publicInputs.Where(i => i.Kind == InputKind.Item).Select(i => i.Name),
            schema.RootElement.GetProperty("items").EnumerateObject().Select(p => p.Name));
    }

    /// <summary>The schema is the catalog's: MULTISTAGE_UPDATE_SCHEMA=1 rewrites it, then review the diff.</summary>
    [Fact]
    public void The_schema_is_written_from_the_catalog()
    {
        var path = SdkSurface.PathOf("sdk/MultiStage.Sdk.schema.json");
        var expected = SdkSurface.RenderSchema();
        if (Environment.GetEnvironmentVariable(SdkSurface.UpdateSchemaVariable) == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(
            File.ReadAllText(path) == expected,
            $"{path} differs from InputCatalog. Run the tests with {SdkSurface.UpdateSchemaVariable}=1 to rewrite it, then review the diff.");
    }

    [Fact]
    public void The_readme_table_has_a_row_for_every_public_input_and_no_other()
    {
        var rows = SdkSurface.ReadmeRows();
        var documented = InputCatalog.All.Where(i => i.Audience is InputAudience.Public or InputAudience.PackageMetadata).ToList();

        AssertSameNames("README.md's \"Properties and items\" table", documented.Select(i => i.Name), rows.Select(r => r.Name));
        var wrongKind = rows.Join(documented, r => r.Name, i => i.Name, (r, i) => (r.Name, Readme: r.Kind, Declared: i.Kind))
            .Where(r => r.Readme != r.Declared)
            .Select(r => $"{r.Name} (README: {r.Readme}, declared: {r.Declared})")
            .ToList();
        Assert.True(wrongKind.Count == 0, "README.md's table calls these by the wrong kind (an item's row says 'item'): " + string.Join(", ", wrongKind));
    }

    [Fact]
    public void The_public_targets_are_defined_in_the_targets_files()
    {
        var defined = Directory.GetFiles(SdkSurface.PathOf("sdk"), "*.targets")
            .SelectMany(f => System.Xml.Linq.XDocument.Load(f).Descendants().Where(e => e.Name.LocalName == "Target"))
            .Select(t => (string)t.Attribute("Name")!)
            .ToHashSet(StringComparer.Ordinal);

        var undefined = InputCatalog.PublicTargets.Select(t => t.Name).Where(n => !defined.Contains(n)).ToList();
        Assert.True(undefined.Count == 0, "No target of these names in sdk/*.targets: " + string.Join(", ", undefined));
    }

    /// <summary>Every declared generator input, given to the reader: it reads each one (else it throws naming them).</summary>
    [Fact]
    public void ProjectInputs_reads_every_generator_input()
    {
        var inputs = InputCatalog.GeneratorInputs
            .Select(i => i.Kind == InputKind.Property
                ? GeneratorInput.Property(i.Name, i == InputCatalog.ProjectFile ? "/repo/App/App.csproj" : "x")
                : GeneratorInput.ItemOf(i.Name, "x", i.Metadata.Select(m => (m, "x")).ToArray()))
            .ToList();

        var read = ProjectInputs.Read(inputs);

        Assert.Equal("/repo/App/App.csproj", read.Location.ProjectFile);
    }

    [Fact]
    public void Names_are_declared_once_and_metadata_only_on_items()
    {
        Assert.Empty(InputCatalog.All.GroupBy(i => i.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.DoesNotContain(InputCatalog.All, i => i.Kind == InputKind.Property && i.Metadata.Count > 0);
        Assert.DoesNotContain(InputCatalog.All, i => i.Audience == InputAudience.Computed && i.ReadBy != InputReader.Generator);
    }

    [Fact]
    public void The_props_defaults_are_the_declared_defaults()
    {
        var props = System.Xml.Linq.XDocument.Load(SdkSurface.PathOf("sdk/MultiStage.Sdk.props"));
        var defaults = props.Descendants()
            .Where(e => e.Parent?.Name.LocalName == "PropertyGroup" && !e.HasElements
                && (string?)e.Attribute("Condition") == $"'$({e.Name.LocalName})' == ''")
            .ToList();

        Assert.NotEmpty(defaults);
        var differing = defaults
            .Select(e => (e.Name.LocalName, Props: e.Value, Declared: InputCatalog.All.SingleOrDefault(i => i.Name == e.Name.LocalName)?.Default))
            .Where(d => d.Props != d.Declared)
            .Select(d => $"{d.LocalName}: props '{d.Props}', declared '{d.Declared ?? "(not declared)"}'")
            .ToList();
        Assert.True(differing.Count == 0, "sdk/MultiStage.Sdk.props sets defaults InputCatalog does not declare: " + string.Join("; ", differing));
    }

    private static void AssertSameNames(string where, IEnumerable<string> declared, IEnumerable<string> found)
    {
        var declaredSet = declared.ToHashSet(StringComparer.Ordinal);
        var foundSet = found.ToHashSet(StringComparer.Ordinal);
        var missing = declaredSet.Except(foundSet).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var extra = foundSet.Except(declaredSet).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.True(
            missing.Count == 0 && extra.Count == 0,
            $"{where} differs from InputCatalog.\n  missing (declared, not there): {Describe(missing)}\n  extra (there, not declared): {Describe(extra)}");
    }

    private static string Describe(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
