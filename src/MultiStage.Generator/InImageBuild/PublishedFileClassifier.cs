using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiStage.Generator.InImageBuild;

/// <summary>What MSBuild says about one published file (a ResolvedFileToPublish item).</summary>
internal sealed record PublishedFile(string RelativePath, string NuGetPackageId, string ReferenceSourceTarget);

/// <summary>
/// Gives every file of a publish folder its layer, from what MSBuild knows about it: the runtime packs' files are
/// the runtime, other files with a NuGet package id the packages, files from a project reference the projects, and
/// everything else (the app's own files, and any file MSBuild did not list) the app. Each file gets exactly one layer.
/// </summary>
internal static class PublishedFileClassifier
{
    public static IReadOnlyList<(string RelativePath, AppLayer Layer)> Classify(
        IEnumerable<string> filesInPublishFolder,
        IEnumerable<PublishedFile> publishItems,
        IEnumerable<string> runtimePackIds,
        IReadOnlyCollection<AppLayer> layers)
    {
        var runtimePacks = new HashSet<string>(runtimePackIds, StringComparer.OrdinalIgnoreCase);
        var known = new Dictionary<string, AppLayer>(StringComparer.Ordinal);
        foreach (var item in publishItems)
        {
            // A path published twice keeps its first layer; publish itself keeps one file for it.
            var path = Normalize(item.RelativePath);
            if (!known.ContainsKey(path))
            {
                known[path] = LayerOf(item, runtimePacks, layers);
            }
        }

        return filesInPublishFolder
            .Select(Normalize)
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (path, known.TryGetValue(path, out var layer) ? layer : AppLayer.App))
            .ToList();
    }

    private static AppLayer LayerOf(PublishedFile item, HashSet<string> runtimePacks, IReadOnlyCollection<AppLayer> layers)
    {
        var layer = item.NuGetPackageId.Length == 0
            ? string.Equals(item.ReferenceSourceTarget, "ProjectReference", StringComparison.OrdinalIgnoreCase) ? AppLayer.Projects : AppLayer.App
            : runtimePacks.Contains(item.NuGetPackageId) ? AppLayer.Runtime : AppLayer.Packages;

        // A layer this kind of app does not copy falls back to the next one that changes more often: a runtime pack
        // in a framework-dependent app to the packages, a project's native file in a Native AOT app to the app.
        while (!layers.Contains(layer) && layer != AppLayer.App)
        {
            layer++;
        }

        return layer;
    }

    private static string Normalize(string relativePath) => relativePath.Replace('\\', '/').TrimStart('/');
}
