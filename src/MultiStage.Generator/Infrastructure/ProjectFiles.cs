using System;
using System.Collections.Generic;
using System.IO;
using System.Xml.Linq;

namespace MultiStage.Generator.Infrastructure;

/// <summary>
/// The file system as the facts read it, noting each path they depend on. While <see cref="Observe"/> runs, a
/// file that is read or found is noted; a file or folder that is looked for and missing is stood for by the
/// nearest folder that exists, whose last-write time changes when an entry appears in it. A later build that finds
/// every noted path with the same last-write time (and the same MSBuild values) would collect the same facts.
/// </summary>
internal static class ProjectFiles
{
    // One collection at a time per thread: MSBuild runs a task on one thread, and other projects' tasks on others.
    [ThreadStatic]
    private static SortedSet<string>? observed;

    /// <summary>Runs <paramref name="collect"/> and returns what it produced with the paths it depended on.</summary>
    public static T Observe<T>(Func<T> collect, out IReadOnlyCollection<string> paths)
    {
        var outer = observed;
        var current = new SortedSet<string>(StringComparer.Ordinal);
        observed = current;
        try
        {
            var result = collect();
            paths = current;
            return result;
        }
        finally
        {
            observed = outer;
        }
    }

    public static bool FileExists(string path)
    {
        var exists = File.Exists(path);
        Note(path, exists);
        return exists;
    }

    public static bool DirectoryExists(string path)
    {
        var exists = Directory.Exists(path);
        Note(path, exists);
        return exists;
    }

    public static string ReadAllText(string path)
    {
        Note(path, exists: true);
        return File.ReadAllText(path);
    }

    public static IEnumerable<string> ReadLines(string path)
    {
        Note(path, exists: true);
        return File.ReadLines(path);
    }

    public static XDocument LoadXml(string path)
    {
        Note(path, exists: true);
        return XDocument.Load(path);
    }

    /// <summary>The folder's files: the folder is noted, as adding or removing a file changes it.</summary>
    public static IEnumerable<FileInfo> EnumerateFiles(DirectoryInfo folder, string pattern = "*")
    {
        Note(folder.FullName, exists: true);
        return folder.EnumerateFiles(pattern);
    }

    private static void Note(string path, bool exists)
    {
        if (observed is null)
        {
            return;
        }

        var full = Path.GetFullPath(path);
        if (!exists)
        {
            full = NearestExistingFolder(full) ?? full;
        }

        observed.Add(full);
    }

    private static string? NearestExistingFolder(string path)
    {
        for (var folder = Path.GetDirectoryName(path); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(folder))
            {
                return folder;
            }
        }

        return null;
    }
}
