using System;
using System.Collections.Generic;

namespace MultiStage.Generator.Facts;

/// <summary>A property or an item.</summary>
internal enum InputKind
{
    Property,
    Item,
}

/// <summary>Who sets an input, and so where it is described.</summary>
internal enum InputAudience
{
    /// <summary>The project: in sdk/MultiStage.Sdk.schema.json and the README's "Properties and items" table.</summary>
    Public,

    /// <summary>The .NET SDK's package metadata, made OCI labels: a row of the README's table, not in our schema.</summary>
    PackageMetadata,

    /// <summary>MSBuild or the targets (UsesAspNetCore, ProjectReference, TargetFramework...): described in neither.</summary>
    Computed,
}

/// <summary>Who reads an input.</summary>
internal enum InputReader
{
    /// <summary>The generator: an entry of the _MultiStageGeneratorInput list (generated into sdk/MultiStage.Sdk.Inputs.targets), read by <see cref="ProjectInputs"/>.</summary>
    Generator,

    /// <summary>Only the targets and the image tasks (GenerateDockerfile, the image's tags, the framework choice...).</summary>
    Targets,
}

/// <summary>The metadata names generator inputs carry; <see cref="InputCatalog"/> says which input carries which.</summary>
internal static class InputMetadata
{
    /// <summary>A property's value, or an item's Value metadata.</summary>
    public const string Value = "Value";

    /// <summary>An item's Include.</summary>
    public const string Item = "Item";

    public const string Type = "Type";
    public const string Digest = "Digest";
    public const string Stage = "Stage";
    public const string Destination = "Destination";
    public const string Owner = "Owner";
    public const string Runtime = "Runtime";
    public const string Volume = "Volume";
    public const string Point = "Point";
    public const string Interval = "Interval";
    public const string Timeout = "Timeout";
    public const string StartPeriod = "StartPeriod";
    public const string Retries = "Retries";
}

/// <summary>One MSBuild property or item the SDK reads, as <see cref="InputCatalog"/> declares it.</summary>
internal sealed class Input
{
    public Input(string name, InputKind kind, InputAudience audience, InputReader readBy, string description)
    {
        Name = name;
        Kind = kind;
        Audience = audience;
        ReadBy = readBy;
        Description = description;
    }

    public string Name { get; }

    public InputKind Kind { get; }

    public InputAudience Audience { get; }

    public InputReader ReadBy { get; }

    /// <summary>One line for the schema (and a reader of the catalog).</summary>
    public string Description { get; }

    /// <summary>A property's schema type: "boolean" or "string".</summary>
    public string SchemaType { get; init; } = "string";

    /// <summary>A property's default as the schema states it ("" when computed or none).</summary>
    public string Default { get; init; } = string.Empty;

    /// <summary>An item's own metadata that its reader takes (besides its Include).</summary>
    public IReadOnlyList<string> Metadata { get; init; } = Array.Empty<string>();

    /// <summary>
    /// What the targets give the generator for this input, when not simply <c>$(Name)</c> or <c>@(Name)</c>: an
    /// MSBuild property or item expression each (a value the targets compute, or several item lists).
    /// </summary>
    public IReadOnlyList<string> Sources { get; init; } = Array.Empty<string>();

    /// <summary>The MSBuild expressions the generator input list takes this input from, one entry each.</summary>
    public IReadOnlyList<string> Expressions =>
        Sources.Count > 0 ? Sources : new[] { Kind == InputKind.Property ? $"$({Name})" : $"@({Name})" };

    public override string ToString() => Name;
}
