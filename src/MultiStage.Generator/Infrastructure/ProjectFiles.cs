using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
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
    // Kernel file systems whose files report no size and never end: read them, never.
    private static readonly string[] PseudoFileSystems = { "/dev/", "/proc/", "/sys/" };

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

    /// <summary>The most the SDK reads of a file an item names (a certificate, a fragment).</summary>
    public const int MaxItemFileBytes = 1024 * 1024;

    /// <summary>
    /// The text of a regular file of at most <see cref="MaxItemFileBytes"/>; null, with what the file is, otherwise. A
    /// device or a pipe reports no size and is never opened (reading /dev/zero would never end, a pipe would block).
    /// </summary>
    public static string? ReadItemFile(string path, out string? problem)
    {
        Note(path, exists: true);
        problem = null;
        var info = new FileInfo(path);
        if (PseudoFileSystems.Any(p => path.StartsWith(p, StringComparison.Ordinal)) || !info.Exists)
        {
            problem = "not a regular file";
            return null;
        }

        if (info.Length > MaxItemFileBytes)
        {
            problem = $"{info.Length.ToString(CultureInfo.InvariantCulture)} bytes, larger than 1 MiB";
            return null;
        }

        if (info.Length == 0)
        {
            return string.Empty;
        }

        // Read one byte past the limit: a file that grows (or lies about its size) is caught too.
        var buffer = new byte[MaxItemFileBytes + 1];
        var total = 0;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }
        }

        if (total > MaxItemFileBytes)
        {
            problem = "larger than 1 MiB";
            return null;
        }

        using var reader = new StreamReader(new MemoryStream(buffer, 0, total), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
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
