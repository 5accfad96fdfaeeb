using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace MultiStage.Generator.Infrastructure;

/// <summary>
/// Symbolic links followed the way the OS follows them, in every component of a path: a path inside the build context
/// that is a link (or is under a linked folder) to somewhere outside it is outside it.
/// </summary>
internal static class FileLinks
{
    // As Linux's own limit (MAXSYMLINKS): a cycle of links ends here.
    private const int MaxLinks = 40;

    // netstandard2.0 has no link API; .NET 6 and newer, where the task runs under the dotnet CLI, have LinkTarget.
    private static readonly PropertyInfo? LinkTarget = typeof(FileSystemInfo).GetProperty("LinkTarget");

    /// <summary>
    /// <paramref name="fullPath"/> with every link in it followed; null when a link cannot be followed (a cycle, or a
    /// runtime without a link API meeting a link), which callers treat as outside anything they check against.
    /// </summary>
    public static string? Resolve(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath)!;
        var pending = new Stack<string>(Segments(fullPath.Substring(root.Length)).Reverse());
        var current = root;
        var links = 0;
        while (pending.Count > 0)
        {
            var segment = pending.Pop();
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, segment);
            if (!IsLink(next))
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks || LinkTarget?.GetValue(new FileInfo(next)) is not string target)
            {
                return null;
            }

            // A relative target is relative to the link's folder; an absolute one starts again from its root.
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target.Substring(current.Length);
            }

            foreach (var part in Segments(target).Reverse())
            {
                pending.Push(part);
            }
        }

        return current;
    }

    private static bool IsLink(string path)
    {
        try
        {
            var info = new FileInfo(path);
            var attributes = info.Attributes;
            return (int)attributes != -1 && (attributes & FileAttributes.ReparsePoint) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IEnumerable<string> Segments(string path) =>
        path.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
}
