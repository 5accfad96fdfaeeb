using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiStage.Generator.Facts;

/// <summary>
/// One entry of the targets' single list of generator inputs (<c>_MultiStageGeneratorInput</c>): the input's name,
/// and for a property its <c>Value</c>, for an item its Include (<c>Item</c>) with the item's own metadata. The
/// targets hash the entry's Include, <see cref="InputNameMetadata"/> and exactly the metadata in
/// <see cref="MetadataNames"/> for the up-to-date check, and the task copies exactly those, so the generator cannot
/// depend on a value the check does not see.
/// </summary>
internal sealed class GeneratorInput
{
    /// <summary>Every metadata name an input may carry (declared in <see cref="InputCatalog"/>); the targets' up-to-date hash lists the same names.</summary>
    public static IReadOnlyList<string> MetadataNames => InputCatalog.GeneratorMetadataNames;

    /// <summary>
    /// On an item's entry, the input's name; the entry's own Include is then the item's, exactly as written (the
    /// targets add the item itself rather than batch on its Include, which would merge Includes differing in case).
    /// </summary>
    public const string InputNameMetadata = "Input";

    private readonly IReadOnlyDictionary<string, string> metadata;

    public GeneratorInput(string name, IReadOnlyDictionary<string, string> metadata)
    {
        Name = name;
        var unknown = metadata.Keys.FirstOrDefault(k => !MetadataNames.Contains(k, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new ArgumentException($"Generator input '{name}' carries metadata '{unknown}', which the up-to-date check does not hash.", nameof(metadata));
        }

        this.metadata = metadata;
    }

    public string Name { get; }

    /// <summary>A property's value.</summary>
    public string Value => Metadata(InputMetadata.Value);

    /// <summary>An item's Include.</summary>
    public string Item => Metadata(InputMetadata.Item);

    /// <summary>A property input: <paramref name="value"/> as Value.</summary>
    public static GeneratorInput Property(string name, string? value) =>
        new(name, new Dictionary<string, string> { [InputMetadata.Value] = value ?? string.Empty });

    /// <summary>An item input: <paramref name="include"/> as Item, with the given metadata.</summary>
    public static GeneratorInput ItemOf(string name, string include, params (string Name, string Value)[] metadata) =>
        new(name, metadata.Append((Name: InputMetadata.Item, Value: include)).ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal));

    /// <summary>An entry of the targets' list: a property's (Include is the name), or an item's (named by Input).</summary>
    public static GeneratorInput FromListEntry(string include, Func<string, string> metadata)
    {
        var values = MetadataNames
            .Select(name => (Name: name, Value: metadata(name) ?? string.Empty))
            .Where(m => m.Value.Length > 0)
            .ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);
        var input = metadata(InputNameMetadata);
        if (string.IsNullOrEmpty(input))
        {
            return new GeneratorInput(include, values);
        }

        values[InputMetadata.Item] = include;
        return new GeneratorInput(input, values);
    }

    public string Metadata(string name)
    {
        if (!MetadataNames.Contains(name, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{name}' is not hashed by the up-to-date check; declare it on its input in InputCatalog and add it to the targets' hash.", nameof(name));
        }

        return metadata.TryGetValue(name, out var value) ? value : string.Empty;
    }
}
