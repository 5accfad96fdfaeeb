using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.Build.Framework;
using MultiStage.Generator.Sbom;

namespace MultiStage.Sdk.Tasks;

/// <summary>
/// Inside the image's build stage, after publish: writes the image's SBOM (CycloneDX JSON) from what the publish
/// resolved, for the final stage to copy to <see cref="ImageSbom.ImagePath"/>.
/// </summary>
public sealed class WriteMultiStageSbom : Microsoft.Build.Utilities.Task
{
    [Required]
    public string SbomFile { get; set; } = string.Empty;

    [Required]
    public string AppName { get; set; } = string.Empty;

    public string? AppVersion { get; set; }

    /// <summary>Files of the app with NuGetPackageId/NuGetPackageVersion: published, bundled, or compiled in by Native AOT.</summary>
    public ITaskItem[] AppFiles { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>ResolvedRuntimePack: the runtime a self-contained or Native AOT app carries.</summary>
    public ITaskItem[] RuntimePacks { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>RuntimeFramework: the shared frameworks a framework-dependent app runs on, with the version its runtimeconfig asks for.</summary>
    public ITaskItem[] SharedFrameworks { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>ReferencePath items of project references.</summary>
    public ITaskItem[] ProjectReferences { get; set; } = Array.Empty<ITaskItem>();

    public ITaskItem[] OsPackages { get; set; } = Array.Empty<ITaskItem>();

    public string? ProjectAssetsFile { get; set; }

    public string? BaseImage { get; set; }

    public bool SelfContained { get; set; }

    public bool NativeAot { get; set; }

    public override bool Execute()
    {
        var assets = ProjectAssetsFile is { Length: > 0 } path && File.Exists(path) ? File.ReadAllText(path) : null;
        var runtimePacks = RuntimePacks.Select(p => new SbomPackage(p.GetMetadata("NuGetPackageId"), p.GetMetadata("NuGetPackageVersion"))).ToList();
        var shape = NativeAot ? PublishShape.NativeAot : SelfContained ? PublishShape.SelfContained : PublishShape.FrameworkDependent;
        var contents = new SbomContents
        {
            AppName = AppName,
            AppVersion = AppVersion ?? string.Empty,
            Shape = shape,
            SharedFrameworks = shape == PublishShape.FrameworkDependent
                ? SbomContentsReader.Distinct(SharedFrameworks.Select(f => new SbomPackage(f.ItemSpec, f.GetMetadata("Version"))))
                : new SbomPackage[0],
            RuntimePacks = shape == PublishShape.FrameworkDependent ? new SbomPackage[0] : SbomContentsReader.Distinct(runtimePacks),
            NuGetPackages = SbomContentsReader.NuGetPackages(
                AppFiles.Select(f => new PublishedPackageFile(f.GetMetadata("NuGetPackageId"), f.GetMetadata("NuGetPackageVersion"))),
                runtimePacks.Select(p => p.Id),
                SbomContentsReader.Sha512ByLibrary(assets)),
            Projects = SbomContentsReader.DistinctNames(ProjectReferences
                .Where(r => string.Equals(r.GetMetadata("ReferenceSourceTarget"), "ProjectReference", StringComparison.OrdinalIgnoreCase))
                .Select(r => r.GetMetadata("Filename"))),
            OsPackages = SbomContentsReader.DistinctNames(OsPackages
                .Where(p => !string.Equals(p.GetMetadata("Stage"), "build", StringComparison.OrdinalIgnoreCase))
                .Select(p => p.ItemSpec)),
            BaseImage = BaseImage,
            ToolVersion = typeof(WriteMultiStageSbom).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? string.Empty,
        };

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(SbomFile))!);
        File.WriteAllText(SbomFile, CycloneDxWriter.Write(contents));
        Log.LogMessage(MessageImportance.High, $"  SBOM: {contents.NuGetPackages.Count} NuGet package(s), {contents.Projects.Count} project(s), {contents.OsPackages.Count} OS package(s)");
        return true;
    }
}
