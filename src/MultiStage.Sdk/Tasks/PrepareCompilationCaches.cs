using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Microsoft.Build.Framework;
using MultiStage.Generator.InImageBuild;

namespace MultiStage.Sdk.Tasks;

/// <summary>
/// Inside the image's build stage, before anything is built: gives every source file a timestamp from its content
/// (see <see cref="CompilationCaches"/>), so MSBuild compiles again exactly the projects whose inputs changed since
/// the cached outputs were made, and marks each cache as in use by this build.
/// </summary>
public sealed class PrepareCompilationCaches : Microsoft.Build.Utilities.Task
{
    [Required]
    public string SourceRoot { get; set; } = string.Empty;

    [Required]
    public string Configuration { get; set; } = string.Empty;

    /// <summary>What compiles: the SDK's version. Another toolset makes every cached output stale.</summary>
    [Required]
    public string Toolset { get; set; } = string.Empty;

    public override bool Execute()
    {
        var caches = CompilationCaches.Find(SourceRoot, Configuration);
        if (caches.Count == 0)
        {
            Log.LogMessage(MessageImportance.Normal, $"No compilation cache below {SourceRoot} for {Configuration}: everything compiles.");
            return true;
        }

        // MSBuild may run this again in the same build (another project that imports the SDK): the caches are
        // ready. The marker is in the build step's own /tmp, which every image build starts without.
        var marker = Path.Combine(Path.GetTempPath(), CompilationCaches.PreparedMarkerFile);
        if (File.Exists(marker))
        {
            return true;
        }

        var root = Path.GetFullPath(SourceRoot);
        var current = SourceManifest.Create(Toolset, CompilationCaches.SourceFiles(root, Configuration)
            .Select(file => new System.Collections.Generic.KeyValuePair<string, string>(Relative(root, file), Hash(file))));
        var currentText = current.ToText();

        var lastBuilds = caches
            .Select(cache => ReadOrNull(Path.Combine(cache, CompilationCaches.ManifestFile)) is { } text ? SourceManifest.Parse(text) : null)
            .ToList();
        var unchanged = current.UnchangedSince(lastBuilds);
        var now = DateTime.UtcNow;
        foreach (var file in current.Files.Keys)
        {
            File.SetLastWriteTimeUtc(Path.Combine(root, file), unchanged.Contains(file) ? CompilationCaches.UnchangedTimestamp : now);
        }

        // Until this build succeeds, no cache has a manifest: a failed build may have left some outputs half made.
        foreach (var cache in caches)
        {
            File.Delete(Path.Combine(cache, CompilationCaches.ManifestFile));
            File.WriteAllText(Path.Combine(cache, CompilationCaches.PendingManifestFile), currentText);
        }

        File.WriteAllText(marker, string.Empty);
        Log.LogMessage(
            MessageImportance.High,
            $"  Compilation caches of {caches.Count} project(s): {current.Files.Count - unchanged.Count} of {current.Files.Count} source file(s) changed since their last build.");
        return !Log.HasLoggedErrors;
    }

    private static string Relative(string root, string file) => file.Substring(root.Length).TrimStart('/');

    private static string Hash(string file)
    {
        using var sha = SHA256.Create();
        using var stream = File.OpenRead(file);
        return string.Concat(sha.ComputeHash(stream).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string? ReadOrNull(string path) => File.Exists(path) ? File.ReadAllText(path) : null;
}
