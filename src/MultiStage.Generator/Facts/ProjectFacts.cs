using System;
using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Client;

namespace MultiStage.Generator.Facts;

/// <summary>A <c>ContainerPort</c> item as the project wrote it; the plan validates it.</summary>
internal sealed record ContainerPort(string Port, string Type);

/// <summary>A name and a value: a <c>ContainerEnvironmentVariable</c> or <c>ContainerLabel</c> item.</summary>
internal sealed record NameValue(string Name, string Value);

/// <summary>The SDK a global.json asks for, if any.</summary>
internal sealed record GlobalJsonSdk(string Version, string RollForward);

/// <summary>A MultiStageImageFile: a file or folder of the context (<paramref name="Source"/>, context-relative) copied into the image.</summary>
internal sealed record ImageFile(string Source, bool IsFolder, string Destination, string? Owner);

/// <summary>A MultiStageCaCertificate: a PEM certificate of the context that the build stages trust, and the app too when <paramref name="Runtime"/>.</summary>
internal sealed record CaCertificate(string Path, bool Runtime);

/// <summary>A ContainerHealthCheck: the app's URL path to ask, and Docker's timing options as the project gives them (empty: the default).</summary>
internal sealed record HealthCheckItem(string Path, string Interval, string Timeout, string StartPeriod, string Retries);

/// <summary>A MultiStageWritableFolder: a folder the app's user owns (an absolute path in the image), declared a volume when asked.</summary>
internal sealed record WritableFolder(string Path, bool Volume);

/// <summary>Where a MultiStageDockerfileFragment's lines go.</summary>
internal enum FragmentPoint
{
    BeforeRestore,
    BeforePublish,
    BeforeAppCopy,
    AfterAppCopy,
}

/// <summary>A MultiStageDockerfileFragment: the user's own Dockerfile lines, from a file of the context, at a point of the generated file.</summary>
internal sealed record DockerfileFragment(string Path, FragmentPoint Point, IReadOnlyList<string> Lines);

/// <summary>
/// Everything the generator needs to know about one project, as MSBuild and the file system reported it.
/// Paths are relative to the build context root and use '/'.
/// </summary>
internal sealed record ProjectFacts
{
    /// <summary>The project file, e.g. <c>src/Api/Api.csproj</c>.</summary>
    public string ProjectPath { get; init; } = string.Empty;

    /// <summary>Where the Dockerfile goes, e.g. <c>src/Api/Dockerfile</c>.</summary>
    public string DockerfilePath { get; init; } = "Dockerfile";

    /// <summary>Files that restore reads (project files, Directory.*, NuGet.config, global.json, lock files).</summary>
    public IReadOnlyList<string> RestoreFiles { get; init; } = Array.Empty<string>();

    /// <summary>Build output folders outside bin/ and obj/ that the .dockerignore must name, as "artifacts/".</summary>
    public IReadOnlyList<string> BuildOutputFolders { get; init; } = Array.Empty<string>();

    /// <summary>Folders restore reads, such as a local package feed that NuGet.config names.</summary>
    public IReadOnlyList<string> RestoreFolders { get; init; } = Array.Empty<string>();

    /// <summary>The .NET projects the project references, directly or not, relative to the context root.</summary>
    public IReadOnlyList<string> ReferencedProjects { get; init; } = Array.Empty<string>();

    /// <summary>MultiStageIncrementalCompilation: each compiled project's obj/Release is a cache mount of its own (see CompilationCaches).</summary>
    public bool IncrementalCompilation { get; init; } = true;

    public string AssemblyName { get; init; } = string.Empty;

    /// <summary>The framework the image is built for (the chosen one, for a multi-targeted project).</summary>
    public string TargetFramework { get; init; } = string.Empty;

    /// <summary>True when the project lists several TargetFrameworks, so restore and publish must name one.</summary>
    public bool IsMultiTargeted { get; init; }

    /// <summary>References Microsoft.AspNetCore.App itself (Web SDK or a FrameworkReference): a web app.</summary>
    public bool IsWebApp { get; init; }

    /// <summary>Needs the ASP.NET Core runtime, directly or through a referenced project.</summary>
    public bool UsesAspNetCore { get; init; }

    public bool SelfContained { get; init; }

    public bool PublishAot { get; init; }

    public bool PublishTrimmed { get; init; }

    public bool PublishSingleFile { get; init; }

    public bool InvariantGlobalization { get; init; }

    /// <summary>MultiStageRuntimeIdentifiers: the runtime identifiers the image is for, as the targets chose them.</summary>
    public IReadOnlyList<string> RuntimeIdentifiers { get; init; } = Array.Empty<string>();

    public IReadOnlyList<ContainerPort> Ports { get; init; } = Array.Empty<ContainerPort>();

    public IReadOnlyList<NameValue> EnvironmentVariables { get; init; } = Array.Empty<NameValue>();

    /// <summary>Labels in order: those the targets made from package metadata, then the project's ContainerLabel items.</summary>
    public IReadOnlyList<NameValue> Labels { get; init; } = Array.Empty<NameValue>();

    /// <summary>The keys of the labels written at the end of the final stage, none the project sets itself: all of them by default, as in the targets.</summary>
    public IReadOnlyList<string> BuildLabels { get; init; } = Plan.BuildLabels.Known.Select(k => k.Label).ToList();

    public string? ContainerUser { get; init; }

    public string? ContainerWorkingDirectory { get; init; }

    public IReadOnlyList<string> AppCommandArgs { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> DefaultArgs { get; init; } = Array.Empty<string>();

    /// <summary>The image name before it is made a valid repository name (the targets default it to the lowercased assembly name).</summary>
    public string? ContainerRepository { get; init; }

    public string? ContainerFamily { get; init; }

    /// <summary>The final stage's image, used as is when set.</summary>
    public string? ContainerBaseImage { get; init; }

    /// <summary>MultiStageDockerfileSyntax: a BuildKit frontend image for a "# syntax=" first line; none by default.</summary>
    public string? DockerfileSyntax { get; init; }

    /// <summary>The build stage's image, used as is when set.</summary>
    public string? BuildImage { get; init; }

    /// <summary>Replaces mcr.microsoft.com in both stages' default images (a mirror).</summary>
    public string? ImageRegistry { get; init; }

    public GlobalJsonSdk? GlobalJsonSdk { get; init; }

    /// <summary>When true, every base image must be pinned by a digest from <see cref="ImageDigests"/>.</summary>
    public bool PinDigests { get; init; }

    /// <summary>Image reference (as the generator would write it) to its digest (<c>sha256:...</c>).</summary>
    public IReadOnlyDictionary<string, string> ImageDigests { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Mount the user's NuGet.config (with private feed credentials) as the build secret "nuget" during restore:
    /// MultiStageNuGetSecret, or detected from a NuGet.config with credentials.
    /// </summary>
    public bool MountNuGetConfigSecret { get; init; }

    /// <summary>Environment variables that NuGet.config credentials refer to (%NAME%): each becomes a build secret of that name.</summary>
    public IReadOnlyList<string> NuGetSecretVariables { get; init; } = Array.Empty<string>();

    /// <summary>A JavaScript front end built in its own Node.js stage and copied into the published app, if the app has one.</summary>
    public ClientBuild? Client { get; init; }

    /// <summary>MultiStageOsPackage items (Stage="final", the default): OS packages the app's image gets.</summary>
    public IReadOnlyList<string> OsPackages { get; init; } = Array.Empty<string>();

    /// <summary>MultiStageOsPackage items with Stage="build": OS packages the build stage gets.</summary>
    public IReadOnlyList<string> BuildOsPackages { get; init; } = Array.Empty<string>();

    /// <summary>Every MultiStageOsPackage with its Stage metadata as written, for the check of Stage.</summary>
    public IReadOnlyList<(string Package, string Stage)> OsPackageStages { get; init; } = Array.Empty<(string, string)>();

    public IReadOnlyList<ImageFile> ImageFiles { get; init; } = Array.Empty<ImageFile>();

    public IReadOnlyList<CaCertificate> CaCertificates { get; init; } = Array.Empty<CaCertificate>();

    public IReadOnlyList<WritableFolder> WritableFolders { get; init; } = Array.Empty<WritableFolder>();

    /// <summary>Boolean item metadata written as neither true nor false (reported; the item reads them as false).</summary>
    public IReadOnlyList<InvalidItemFlag> InvalidItemFlags { get; init; } = Array.Empty<InvalidItemFlag>();

    /// <summary>ContainerHealthCheck items (at most one is valid).</summary>
    public IReadOnlyList<HealthCheckItem> HealthChecks { get; init; } = Array.Empty<HealthCheckItem>();

    public IReadOnlyList<DockerfileFragment> Fragments { get; init; } = Array.Empty<DockerfileFragment>();

    /// <summary>MultiStageAppLayers: the final stage copies the app in layers by how often they change (runtime, packages, projects, app).</summary>
    public bool AppLayers { get; init; } = true;

    /// <summary>ContainerGenerateSbom: the image build writes the SBOM and the final stage copies it.</summary>
    public bool GenerateSbom { get; init; } = true;

    /// <summary>The test projects the test stages build and run, relative to the context root; none: no test stages.</summary>
    public IReadOnlyList<string> TestProjects { get; init; } = Array.Empty<string>();

    /// <summary>The projects the test projects reference beyond the app's own (test utilities), relative to the context root.</summary>
    public IReadOnlyList<string> TestReferencedProjects { get; init; } = Array.Empty<string>();

    /// <summary>MultiStageTestFailBuild: the test stage fails when a test failed.</summary>
    public bool TestFailBuild { get; init; } = true;

    /// <summary>MultiStageDebugStage: a debug stage with a shell and the .NET diagnostic tools.</summary>
    public bool DebugStage { get; init; }

    /// <summary>MultiStageDevStage: a dev stage that runs dotnet watch on the sources mounted from the host.</summary>
    public bool DevStage { get; init; }

    /// <summary>MultiStageRestoreWorkloads: the build stage runs dotnet workload restore first (Blazor WebAssembly AOT, WasmBuildNative).</summary>
    public bool RestoreWorkloads { get; init; }
}
