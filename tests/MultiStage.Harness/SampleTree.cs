using System.Text.RegularExpressions;

namespace MultiStage.Harness;

/// <summary>
/// A solution of this repository (bench/sample, bench/sample-large) copied into a working tree of its own, edited
/// one line at a time; and the files of a folder, as find lists them (image file systems among them).
/// </summary>
public static class SampleTree
{
    private static readonly string[] NotCopied = { "bin", "obj", ".git", "node_modules" };

    /// <summary>The sample's files, relative, without anything a build or a checkout left in it.</summary>
    public static IEnumerable<string> Files(string sample) =>
        Directory.EnumerateFiles(sample, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(file => Path.GetRelativePath(sample, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !relative.Split('/').SkipLast(1).Any(segment => NotCopied.Contains(segment, StringComparer.OrdinalIgnoreCase)));

    public static void Copy(string sample, string destination, IReadOnlyCollection<string> skipRootFiles)
    {
        foreach (var relative in Files(sample).Where(r => !skipRootFiles.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(sample, relative), target, overwrite: true);
        }
    }

    /// <summary>The files of a repository's .git folder, for the build contexts' ignore rules to deal with.</summary>
    public static void AddGitFolder(string root)
    {
        Write(root, ".git/HEAD", "ref: refs/heads/main\n");
        Write(root, ".git/config", "[core]\n\trepositoryformatversion = 0\n\tbare = false\n");
        Write(root, ".git/refs/heads/main", "0000000000000000000000000000000000000000\n");
        Write(root, ".git/info/exclude", "# git ls-files --others --exclude-from=.git/info/exclude\n");
        Write(root, ".git/description", "Unnamed repository\n");
        Directory.CreateDirectory(Path.Combine(root, ".git", "objects", "pack"));
    }

    /// <summary>A one-line edit: the string literal that starts with <paramref name="literal"/> becomes <paramref name="replacement"/>.</summary>
    public static void ReplaceLiteral(string file, string literal, string replacement)
    {
        var text = File.ReadAllText(file);
        var edited = Regex.Replace(text, "\"" + Regex.Escape(literal) + "[^\"]*\"", "\"" + replacement + "\"");
        if (!edited.Contains("\"" + replacement + "\"", StringComparison.Ordinal) || edited == text)
        {
            throw new InvalidOperationException($"The edit to \"{replacement}\" did not apply to {file}: it has no \"{literal}...\" literal.");
        }

        File.WriteAllText(file, edited);
    }

    /// <summary>The files and links below a folder, relative, with their sizes, in ordinal order.</summary>
    public static IReadOnlyList<(string Path, long Bytes)> List(string folder)
    {
        var listing = ProcessRunner.Run("find", new[] { folder, "(", "-type", "f", "-o", "-type", "l", ")", "-printf", "%P\\t%s\\n" }, folder);
        if (!listing.Succeeded)
        {
            throw new InvalidOperationException($"Listing {folder} failed:\n{listing.Output}");
        }

        return listing.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Select(fields => (fields[0], long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Bytes of the files and links in a file system, not crossing into other mounts.</summary>
    public static long Bytes(string root)
    {
        var sizes = ProcessRunner.Run("find", new[] { root, "-xdev", "(", "-type", "f", "-o", "-type", "l", ")", "-printf", "%s\\n" }, root);
        if (!sizes.Succeeded)
        {
            throw new InvalidOperationException($"Listing {root} failed:\n{sizes.Output}");
        }

        return sizes.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Sum(line => long.Parse(line.Trim(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void Write(string root, string relative, string content)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
