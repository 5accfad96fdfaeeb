using System.Text.Json;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>
/// Each input is declared once, in <see cref="InputCatalog"/>; the generator input list and the schema are written
/// from it, the README and the reading code follow it. Each test names what a file misses or has beyond the declaration.
/// </summary>
public class InputCatalogTests
{
    /// <summary>The generator input list and its up-to-date hash are the catalog's: MULTISTAGE_UPDATE_SDK_FILES=1 rewrites them.</summary>
    [Fact]
    public void The_generator_input_list_is_written_from_the_catalog() =>
        GeneratedSdkFiles.AssertCommitted(GeneratedSdkFiles.InputsTargets, GeneratedSdkFiles.RenderInputsTargets());

    /// <summary>
    /// Only the generated file lists generator inputs, the targets import it, and the up-to-date check hashes the
    /// generated line of every entry, so no hand-written entry can bypass the catalog or the hash.
    /// </summary>
    [Fact]
    public void The_targets_take_the_generator_inputs_only_from_the_generated_file()
    {
        var generated = Path.GetFileName(GeneratedSdkFiles.InputsTargets);
        var listing = SdkSurface.AllTargets
            .Where(t => t.Document.Descendants().Any(e => e.Name.LocalName == "_MultiStageGeneratorInput" && e.Attribute("Include") is not null))
            .Select(t => t.Name);
        var main = SdkSurface.AllTargets.Single(t => t.Name == "MultiStage.Sdk.targets").Document.Descendants().ToList();

        AssertSameNames("the sdk/*.targets files with _MultiStageGeneratorInput entries", new[] { generated }, listing);
        Assert.Contains(main, e => e.Name.LocalName == "Import" && (string?)e.Attribute("Project") == generated);
        Assert.Contains(main, e => e.Name.LocalName == "_MultiStageHashedInput" && (string?)e.Attribute("Include") == "@(_MultiStageHashedGeneratorInput)");
    }

    /// <summary>An entry each, in order: a computed value's own expression, else the input's property or item.</summary>
    [Fact]
    public void An_input_is_taken_from_its_own_property_or_item_unless_declared_otherwise()
    {
        Assert.Equal(new[] { "$(MultiStageClientPath)" }, InputCatalog.MultiStageClientPath.Expressions);
        Assert.Equal(new[] { "@(ContainerPort)" }, InputCatalog.ContainerPort.Expressions);
        Assert.Equal(new[] { "@(ProjectReference)", "@(_TransitiveProjectReferences)" }, InputCatalog.ProjectReference.Expressions);
        Assert.Contains("<_MultiStageGeneratorInput Include=\"UsesAspNetCore\" Value=\"$(_MultiStageUsesAspNetCore)\" />", GeneratedSdkFiles.RenderInputsTargets());
        Assert.DoesNotContain(InputCatalog.All, i => i.Sources.SequenceEqual(new[] { i.Kind == InputKind.Property ? $"$({i.Name})" : $"@({i.Name})" }));
    }

    [Fact]
    public void The_schema_describes_every_public_input_and_no_other()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SdkSurface.PathOf(GeneratedSdkFiles.Schema)));
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

    /// <summary>The schema is the catalog's: MULTISTAGE_UPDATE_SDK_FILES=1 rewrites it.</summary>
    [Fact]
    public void The_schema_is_written_from_the_catalog() =>
        GeneratedSdkFiles.AssertCommitted(GeneratedSdkFiles.Schema, GeneratedSdkFiles.RenderSchema());

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
        var defined = SdkSurface.AllTargets
            .SelectMany(t => t.Document.Descendants().Where(e => e.Name.LocalName == "Target"))
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
