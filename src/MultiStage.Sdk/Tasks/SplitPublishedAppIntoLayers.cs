using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using MultiStage.Generator.InImageBuild;

namespace MultiStage.Sdk.Tasks;

/// <summary>
/// Inside the image's build stage, after publish: copies every file of the publish folder into the folder of its
/// layer (runtime, packages, projects, app), at the same relative path, so the final stage copies the layers in
/// order and gets the publish folder back, file for file.
/// </summary>
public sealed class SplitPublishedAppIntoLayers : Microsoft.Build.Utilities.Task
{
    [Required]
    public string PublishFolder { get; set; } = string.Empty;

    [Required]
    public string LayersFolder { get; set; } = string.Empty;

    /// <summary>The ResolvedFileToPublish items: RelativePath, NuGetPackageId and ReferenceSourceTarget tell the layer.</summary>
    public ITaskItem[] PublishedFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The runtime packs of a self-contained app (ResolvedRuntimePack): their files are the runtime layer.</summary>
    public ITaskItem[] RuntimePacks { get; set; } = Array.Empty<ITaskItem>();

    public bool SelfContained { get; set; }

    public bool NativeAot { get; set; }

    public override bool Execute()
    {
        var publishFolder = Path.GetFullPath(PublishFolder);
        var layers = AppLayers.For(SelfContained, NativeAot);
        var files = Directory.EnumerateFiles(publishFolder, "*", SearchOption.AllDirectories)
            .Select(f => f.Substring(publishFolder.Length).TrimStart(Path.DirectorySeparatorChar, '/'));
        var classified = PublishedFileClassifier.Classify(
            files,
            PublishedFiles.Select(i => new PublishedFile(i.GetMetadata("RelativePath"), i.GetMetadata("NuGetPackageId"), i.GetMetadata("ReferenceSourceTarget"))),
            RuntimePacks.Select(p => p.GetMetadata("NuGetPackageId")),
            layers);

        // Every layer's folder exists, empty or not, so the final stage's COPY of it never fails.
        if (Directory.Exists(LayersFolder))
        {
            Directory.Delete(LayersFolder, recursive: true);
        }

        foreach (var layer in layers)
        {
            Directory.CreateDirectory(Path.Combine(LayersFolder, AppLayers.FolderName(layer)));
        }

        foreach (var (relativePath, layer) in classified)
        {
            var destination = Path.Combine(LayersFolder, AppLayers.FolderName(layer), relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(publishFolder, relativePath), destination);
        }

        // Empty folders of the publish folder belong to the app.
        foreach (var folder in Directory.EnumerateDirectories(publishFolder, "*", SearchOption.AllDirectories))
        {
            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.CreateDirectory(Path.Combine(LayersFolder, AppLayers.FolderName(AppLayer.App), folder.Substring(publishFolder.Length).TrimStart(Path.DirectorySeparatorChar, '/')));
            }
        }

        foreach (var layer in layers)
        {
            var count = classified.Count(c => c.Layer == layer);
            Log.LogMessage(MessageImportance.High, $"  {AppLayers.FolderName(layer)} layer: {count} file(s)");
        }

        return !Log.HasLoggedErrors;
    }
}
