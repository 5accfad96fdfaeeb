using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// What a search of a file tree found: files holding the credential, and files holding the control, a string
/// known to be there (the package version, in the app's deps.json), which shows the search reached the files.
/// </summary>
internal sealed record CredentialSearchResult(IReadOnlyList<(string File, string What)> Leaks, IReadOnlyList<string> Control)
{
    public CredentialSearchResult RelativeTo(string root) => new(
        Leaks.Select(l => ("/" + Path.GetRelativePath(root, l.File), l.What)).ToList(),
        Control.Select(f => "/" + Path.GetRelativePath(root, f)).ToList());

    public void AssertFoundControlOnly(string where)
    {
        Assert.True(Leaks.Count == 0, $"{where} holds the feed's credential:\n{string.Join("\n", Leaks.Select(l => $"{l.File}: {l.What}"))}");
        Assert.True(Control.Count > 0, $"The search of {where} did not even find the package version: it proves nothing.");
    }

    public override string ToString() =>
        $"credential in {Leaks.Count} files; control (package version) found in {string.Join(", ", Control.Take(3))}{(Control.Count > 3 ? $" and {Control.Count - 3} more" : string.Empty)}";
}

/// <summary>Searches file trees for a credential.</summary>
internal static class CredentialSearch
{
    /// <summary>
    /// Every file under <paramref name="folder"/> that contains one of the needles, bytes compared as they are
    /// (binary files too; links are not followed, devices and pipes are skipped).
    /// </summary>
    public static IReadOnlyList<string> FilesContaining(string folder, IEnumerable<(string What, string Needle)> needles) =>
        Grep(folder, needles.Select(n => n.Needle)).Select(m => m.File).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Searches for the needles and for <paramref name="control"/> in one pass.</summary>
    public static CredentialSearchResult Run(string folder, IReadOnlyList<(string What, string Needle)> needles, string control)
    {
        var matches = Grep(folder, needles.Select(n => n.Needle).Append(control));
        return new CredentialSearchResult(
            matches.Where(m => m.Match != control)
                .Select(m => (m.File, needles.FirstOrDefault(n => n.Needle == m.Match).What ?? "credential"))
                .Distinct()
                .ToList(),
            matches.Where(m => m.Match == control).Select(m => m.File).Distinct(StringComparer.Ordinal).ToList());
    }

    private static IReadOnlyList<(string File, string Match)> Grep(string folder, IEnumerable<string> needles)
    {
        // -o prints "file:match" for every match; no needle holds a colon, so the last one separates them.
        var arguments = new List<string> { "-r", "-o", "-F", "-a", "-D", "skip" };
        foreach (var needle in needles)
        {
            arguments.AddRange(new[] { "-e", needle });
        }

        arguments.AddRange(new[] { "--", folder });
        var result = ProcessRunner.Run("grep", arguments, Repository.RunFolder, timeout: TimeSpan.FromMinutes(5));
        // grep: 0 found, 1 found nothing, 2 could not read something (then the search proves nothing).
        if (result.ExitCode > 1)
        {
            throw new XunitException($"Searching {folder} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd('\r'))
            .Select(line => (File: line[..line.LastIndexOf(':')], Match: line[(line.LastIndexOf(':') + 1)..]))
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// Whether the file is an uncompressed tar archive: POSIX "ustar" magic at offset 257, or nothing but the
    /// zero blocks that end an archive (an empty layer).
    /// </summary>
    public static bool IsPlainTar(string path)
    {
        var bytes = new byte[512];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read == bytes.Length && Encoding.ASCII.GetString(bytes, 257, 5) == "ustar")
        {
            return true;
        }

        if (stream.Length % 512 != 0 || stream.Length > 64 * 1024)
        {
            return false;
        }

        stream.Position = 0;
        int value;
        while ((value = stream.ReadByte()) >= 0)
        {
            if (value != 0)
            {
                return false;
            }
        }

        return true;
    }
}
