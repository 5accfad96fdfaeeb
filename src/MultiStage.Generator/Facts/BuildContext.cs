using System;
using System.IO;
using System.Linq;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Facts;

/// <summary>
/// The folder <c>docker build</c> runs from (MultiStageBuildContext), and paths relative to it. By default it is
/// <see cref="FindRoot"/>'s folder; the project may name another.
/// </summary>
internal static class BuildContext
{
    /// <summary>
    /// The default context root: the nearest folder at or above <paramref name="projectDirectory"/> that holds a
    /// <c>.git</c> (a folder, or the file a worktree or submodule has) or a solution (<c>.sln</c>, <c>.slnx</c>);
    /// else the project folder itself. Any depth: the walk ends at the file system root.
    /// </summary>
    public static string FindRoot(string projectDirectory)
    {
        var start = Normalize(projectDirectory);
        for (var folder = start; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (MarksRoot(folder))
            {
                return folder;
            }
        }

        return start;
    }

    private static bool MarksRoot(string folder)
    {
        var git = Path.Combine(folder, ".git");
        if (Directory.Exists(git) || File.Exists(git))
        {
            return true;
        }

        try
        {
            return Directory.EnumerateFiles(folder, "*.sln").Any() || Directory.EnumerateFiles(folder, "*.slnx").Any();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // A folder above the project that this user may not list (another user's home) marks nothing.
            return false;
        }
    }

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
