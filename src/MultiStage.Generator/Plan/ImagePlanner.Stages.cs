using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.InImageBuild;

namespace MultiStage.Generator.Plan;

/// <summary>Each stage's inputs and compose's service, worked out from the facts once.</summary>
internal static partial class ImagePlanner
{
    private static readonly Regex ServiceNameUnsafe = new("[^a-z0-9_.-]+", RegexOptions.CultureInvariant);
    private static readonly Regex ResultsNameUnsafe = new("[^A-Za-z0-9_.-]+", RegexOptions.CultureInvariant);

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
                    .Select(p => CompilationCaches.CacheMount(p)).OfType<string>().OrderBy(m => m, StringComparer.Ordinal).ToList()
                : new List<string>(),
            AppLayers = facts.AppLayers ? InImageBuild.AppLayers.For(images.IsSelfContained, facts.PublishAot) : new List<AppLayer>(),
            Sbom = facts.GenerateSbom,
        };

    /// <summary>
    /// The test stages' runs, each test project's results under a name of its own (its file name, made safe for a
    /// path and a logger argument, numbered when two projects share it), and their caches: the app's projects, the
    /// test projects and what they reference.
    /// </summary>
    private static TestStages? Tests(ProjectFacts facts)
    {
        if (facts.TestProjects.Count == 0)
        {
            return null;
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var runs = new List<TestRun>();
        foreach (var project in facts.TestProjects)
        {
            var stem = ResultsNameUnsafe.Replace(System.IO.Path.GetFileNameWithoutExtension(project), "-").Trim('-', '.');
            stem = stem.Length == 0 ? "tests" : stem;
            var name = stem;
            for (var number = 2; !names.Add(name); number++)
            {
                name = stem + "-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            runs.Add(new TestRun(project, name));
        }

        var cacheMounts = facts.IncrementalCompilation
            ? new[] { facts.ProjectPath }.Concat(facts.ReferencedProjects).Concat(facts.TestReferencedProjects).Concat(facts.TestProjects)
                .Distinct(StringComparer.Ordinal).Select(p => CompilationCaches.CacheMount(p, "testobj")).OfType<string>().OrderBy(m => m, StringComparer.Ordinal).ToList()
            : new List<string>();
        return new TestStages(runs, cacheMounts, facts.TestFailBuild);
    }

    private static ImageCustomization Customization(ProjectFacts facts, ImageChoice images, ValidatedImagePaths paths, string appOwner) =>
        new()
        {
            OsPackages = facts.OsPackages,
            BuildOsPackages = facts.BuildOsPackages,
            CaCertificates = facts.CaCertificates,
            ImageFiles = paths.ImageFiles.Select(f => ImageFileCopy(f, appOwner)).ToList(),
            WritableFolders = paths.WritableFolders,
            Fragments = facts.Fragments,
            BaseTakesParts = TakesParts(images, images.BaseImage),
            FinalTakesParts = TakesParts(images, images.FinalImage),
        };

    /// <summary>A folder's paths end with '/' so COPY copies its contents into the destination folder.</summary>
    private static ImageFileCopy ImageFileCopy(ImageFile file, string appOwner)
    {
        var destination = file.IsFolder || file.Destination.EndsWith("/", StringComparison.Ordinal) ? file.Destination.TrimEnd('/') + "/" : file.Destination;
        var source = file.IsFolder ? file.Source.TrimEnd('/') + "/" : file.Source;
        var owner = file.Owner is null || file.Owner.Equals("root", StringComparison.OrdinalIgnoreCase) ? null
            : file.Owner.Equals("app", StringComparison.OrdinalIgnoreCase) ? appOwner
            : file.Owner.Contains(":") ? file.Owner
            : file.Owner + ":" + file.Owner;
        return new ImageFileCopy(source, destination, owner);
    }

    /// <summary>An app stage on a shell-less image (chiseled, distroless) takes what a shell makes from a parts stage.</summary>
    private static bool TakesParts(ImageChoice images, string image) =>
        images.PartsImage is not null && ImageTable.FamilyOfImage(image)?.ShellFamily is not null;

    /// <summary>compose's service key, made from the image name: the characters a service name allows, else "app".</summary>
    private static string ServiceName(string imageName)
    {
        var name = ServiceNameUnsafe.Replace(imageName, "-").Trim('-', '.', '_');
        return name.Length == 0 ? "app" : name;
    }

    /// <summary>YAML forbids a key twice; as with ENV lines, the last value of a name wins.</summary>
    private static IReadOnlyList<NameValue> ServiceEnvironment(IReadOnlyList<NameValue> variables) =>
        variables.GroupBy(v => v.Name, StringComparer.Ordinal).Select(g => g.Last()).ToList();

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path.Substring(0, slash);
    }
}
