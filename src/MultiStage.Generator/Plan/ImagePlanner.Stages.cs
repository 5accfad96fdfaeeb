using System;
using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.InImageBuild;

namespace MultiStage.Generator.Plan;

/// <summary>The build stage's inputs and compose's environment, worked out from the facts once.</summary>
internal static partial class ImagePlanner
{
    /// <summary>
    /// The restore layer's COPY instructions: files grouped by destination folder so each lands at its own relative
    /// path, the context root's files first, then folders in ordinal order; then the folders restore reads.
    /// </summary>
    private static RestoreLayer Restore(ProjectFacts facts)
    {
        var files = facts.RestoreFiles
            .Concat(new[] { facts.ProjectPath })
            .Distinct(StringComparer.Ordinal)
            .GroupBy(Folder, StringComparer.Ordinal)
            .OrderBy(g => g.Key.Length == 0 ? 0 : 1)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RestoreCopy(g.OrderBy(f => f, StringComparer.Ordinal).ToList(), g.Key.Length == 0 ? "./" : g.Key + "/"));
        var folders = facts.RestoreFolders
            .Distinct(StringComparer.Ordinal)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new RestoreCopy(new[] { f.TrimEnd('/') + "/" }, f.TrimEnd('/') + "/"));
        return new RestoreLayer(files.Concat(folders).ToList(), facts.RestoreWorkloads);
    }

    private static PublishArguments Publish(ProjectFacts facts, ImageChoice images, int major) =>
        new()
        {
            TargetFramework = facts.TargetFramework,
            NamesFramework = facts.IsMultiTargeted,
            NamesRuntimeIdentifier = images.IsSelfContained || major < 8,
            PublishAot = facts.PublishAot,
            SkipClientBuild = facts.Client is not null,
            IncrementalCompilation = facts.IncrementalCompilation,
            CacheMounts = facts.IncrementalCompilation
                ? new[] { facts.ProjectPath }.Concat(facts.ReferencedProjects).Distinct(StringComparer.Ordinal)
                    .Select(CompilationCaches.CacheMount).OfType<string>().OrderBy(m => m, StringComparer.Ordinal).ToList()
                : new List<string>(),
            AppLayers = facts.AppLayers ? InImageBuild.AppLayers.For(images.IsSelfContained, facts.PublishAot) : new List<AppLayer>(),
        };

    /// <summary>YAML forbids a key twice; as with ENV lines, the last value of a name wins.</summary>
    private static IReadOnlyList<NameValue> ServiceEnvironment(IReadOnlyList<NameValue> variables) =>
        variables.GroupBy(v => v.Name, StringComparer.Ordinal).Select(g => g.Last()).ToList();

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path.Substring(0, slash);
    }
}
