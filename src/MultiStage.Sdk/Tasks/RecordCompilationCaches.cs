using System.IO;
using Microsoft.Build.Framework;
using MultiStage.Generator.InImageBuild;

namespace MultiStage.Sdk.Tasks;

/// <summary>After a publish that succeeded: each cache's pending manifest becomes the manifest of its outputs.</summary>
public sealed class RecordCompilationCaches : Microsoft.Build.Utilities.Task
{
    [Required]
    public string SourceRoot { get; set; } = string.Empty;

    [Required]
    public string Configuration { get; set; } = string.Empty;

    public override bool Execute()
    {
        foreach (var cache in CompilationCaches.Find(SourceRoot, Configuration))
        {
            var pending = Path.Combine(cache, CompilationCaches.PendingManifestFile);
            if (File.Exists(pending))
            {
                var manifest = Path.Combine(cache, CompilationCaches.ManifestFile);
                File.Delete(manifest);
                File.Move(pending, manifest);
            }
        }

        return true;
    }
}
