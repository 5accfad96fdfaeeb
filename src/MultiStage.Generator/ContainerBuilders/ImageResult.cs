using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.ContainerBuilders;

/// <summary>
/// What MultiStageContainerImage made, for a pipeline to deploy by digest: written to obj/ beside the image build
/// state after a complete build (and push), removed when a build starts, so it never describes a failed one.
/// Pushed: the registry, the names and the registry's manifest (or index) digest. Local (no ContainerRegistry):
/// no registry and no digest, since only a registry gives a manifest its digest; the engine's image id instead.
/// Configuration: the image's configuration JSON (see <see cref="ImageConfiguration"/>), written as an object.
/// </summary>
internal sealed record ImageResult(
    string? Registry,
    string Repository,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Names,
    string? Digest,
    string? ImageId,
    IReadOnlyList<string> Platforms,
    string? Configuration = null)
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public string ToJson() => new StringBuilder("{\n")
        .Append("  \"registry\": ").Append(Value(Registry)).Append(",\n")
        .Append("  \"repository\": ").Append(JsonQuoting.Quote(Repository)).Append(",\n")
        .Append("  \"tags\": ").Append(List(Tags)).Append(",\n")
        .Append("  \"names\": ").Append(List(Names)).Append(",\n")
        .Append("  \"digest\": ").Append(Value(Digest)).Append(",\n")
        .Append("  \"imageId\": ").Append(Value(ImageId)).Append(",\n")
        .Append("  \"platforms\": ").Append(List(Platforms)).Append(",\n")
        .Append("  \"configuration\": ").Append(Configuration ?? "null").Append('\n')
        .Append("}\n")
        .ToString();

    /// <summary>Reads a result file back (null when it is not one): what a later build step or a test reads.</summary>
    public static ImageResult? Parse(string json)
    {
        object? root;
        try
        {
            root = MiniJson.Parse(json);
        }
        catch (FormatException)
        {
            return null;
        }

        IReadOnlyList<string> Strings(string key) => (MiniJson.Get(root, key) as List<object?> ?? new List<object?>()).OfType<string>().ToList();
        return MiniJson.GetString(root, "repository") is { } repository
            ? new ImageResult(MiniJson.GetString(root, "registry"), repository, Strings("tags"), Strings("names"), MiniJson.GetString(root, "digest"), MiniJson.GetString(root, "imageId"), Strings("platforms"),
                MiniJson.Get(root, "configuration") is { } configuration ? MiniJson.Write(configuration) : null)
            : null;
    }

    /// <summary>Writes the file whole: to a temporary file beside it, then one rename, so no reader sees half of it.</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllText(temporary, ToJson(), Utf8NoBom);
            if (File.Exists(path))
            {
                File.Replace(temporary, path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        finally
        {
            ImageArchive.DeleteIfPresent(temporary);
        }
    }

    /// <summary>Removes an earlier build's result before a new build starts: a failed build leaves no result behind.</summary>
    public static void Delete(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static string Value(string? value) => value is null ? "null" : JsonQuoting.Quote(value);

    private static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(JsonQuoting.Quote)) + "]";
}
