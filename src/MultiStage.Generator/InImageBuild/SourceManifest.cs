using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MultiStage.Generator.InImageBuild;

/// <summary>
/// What a build compiled from: the toolset, and the SHA-256 of every source file (paths relative to the source
/// root). Kept in each project's compilation cache after a build that succeeded.
/// </summary>
internal sealed class SourceManifest
{
    private const string ToolsetPrefix = "# toolset ";

    private SourceManifest(string toolset, IReadOnlyDictionary<string, string> files)
    {
        Toolset = toolset;
        Files = files;
    }

    public string Toolset { get; }

    /// <summary>Relative path to lowercase hexadecimal SHA-256.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    public static SourceManifest Create(string toolset, IEnumerable<KeyValuePair<string, string>> files) =>
        new(toolset, files.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal));

    /// <summary>The manifest in a text, or null for a text that is not one (a cache from another version, a torn write).</summary>
    public static SourceManifest? Parse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 2 || !lines[0].StartsWith(ToolsetPrefix, StringComparison.Ordinal) || lines[lines.Length - 1].Length != 0)
        {
            return null;
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Take(lines.Length - 2))
        {
            // "<64 hex digits> <path>": the path may hold spaces, never a newline.
            if (line.Length < 66 || line[64] != ' ')
            {
                return null;
            }

            files[line.Substring(65)] = line.Substring(0, 64);
        }

        return new SourceManifest(lines[0].Substring(ToolsetPrefix.Length), files);
    }

    public string ToText()
    {
        var text = new StringBuilder(ToolsetPrefix).Append(Toolset).Append('\n');
        foreach (var file in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append(file.Value).Append(' ').Append(file.Key).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The files whose content every cache's last build saw, with the same toolset. Only these may keep an old
    /// timestamp; any other file (changed, new, or unknown to one cache) must look newer than every cached output.
    /// </summary>
    public ISet<string> UnchangedSince(IReadOnlyCollection<SourceManifest?> lastBuilds)
    {
        var unchanged = new HashSet<string>(StringComparer.Ordinal);
        if (lastBuilds.Count == 0 || lastBuilds.Any(m => m is null || !string.Equals(m.Toolset, Toolset, StringComparison.Ordinal)))
        {
            return unchanged;
        }

        foreach (var file in Files)
        {
            if (lastBuilds.All(m => m!.Files.TryGetValue(file.Key, out var hash) && string.Equals(hash, file.Value, StringComparison.Ordinal)))
            {
                unchanged.Add(file.Key);
            }
        }

        return unchanged;
    }
}
