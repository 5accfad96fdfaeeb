using System;
using System.IO;
using System.Linq;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Facts;

/// <summary>Paths relative to the folder <c>docker build</c> runs from (the targets choose it: MultiStageBuildContext).</summary>
internal static class BuildContext
{
    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or inside it.</summary>
    public static bool Contains(string root, string path)
    {
        var normalizedRoot = Normalize(root);
        var normalizedPath = Normalize(path);
        return string.Equals(normalizedPath, normalizedRoot, PathComparison)
            || normalizedPath.StartsWith(normalizedRoot + Path.DirectorySeparatorChar, PathComparison);
    }

    /// <summary>A path relative to the context root with '/' separators, as a Dockerfile writes it.</summary>
    public static string Relative(string root, string path)
    {
        var normalizedRoot = Normalize(root);
        var normalizedPath = Normalize(path);
        if (string.Equals(normalizedRoot, normalizedPath, PathComparison))
        {
            return ".";
        }

        if (Contains(normalizedRoot, normalizedPath))
        {
            return normalizedPath.Substring(normalizedRoot.Length + 1).Replace('\\', '/');
        }

        // Outside the context (only a Dockerfile may be): climb to the common ancestor.
        var rootParts = normalizedRoot.Split(Path.DirectorySeparatorChar);
        var pathParts = normalizedPath.Split(Path.DirectorySeparatorChar);
        var common = 0;
        while (common < rootParts.Length && common < pathParts.Length && string.Equals(rootParts[common], pathParts[common], PathComparison))
        {
            common++;
        }

        return string.Join("/", Enumerable.Repeat("..", rootParts.Length - common).Concat(pathParts.Skip(common)));
    }

    public static string Normalize(string path) =>
        Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) is { Length: > 0 } trimmed
            ? trimmed
            : Path.GetPathRoot(Path.GetFullPath(path))!;

    private static StringComparison PathComparison =>
        Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
}
