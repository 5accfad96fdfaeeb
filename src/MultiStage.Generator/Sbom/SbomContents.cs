using System.Collections.Generic;

namespace MultiStage.Generator.Sbom;

/// <summary>How the app is published, which decides what "the .NET runtime" and "a package in /app" mean.</summary>
internal enum PublishShape
{
    /// <summary>Runs on the base image's shared framework.</summary>
    FrameworkDependent,

    /// <summary>Carries the runtime packs' files (single-file bundles them into the app's executable).</summary>
    SelfContained,

    /// <summary>One native executable: the packages' managed code is compiled into it.</summary>
    NativeAot,
}

/// <summary>A NuGet package or runtime pack: its id, its version and, when restore recorded it, its SHA-512 (base64, as in the assets file).</summary>
internal sealed record SbomPackage(string Id, string Version, string? Sha512 = null);

/// <summary>An npm package from a JavaScript front end's lock file.</summary>
internal sealed record SbomNpmPackage(string Name, string Version);

/// <summary>
/// Everything the image's SBOM lists, already sorted out of MSBuild's items (<see cref="SbomContentsReader"/>): the
/// app, its runtime, its NuGet packages, its projects, its front end's npm packages, the OS packages the SDK adds and
/// the base image.
/// </summary>
internal sealed record SbomContents
{
    public required string AppName { get; init; }

    public required string AppVersion { get; init; }

    public required PublishShape Shape { get; init; }

    /// <summary>The shared frameworks a framework-dependent app runs on (name, the lowest version it accepts).</summary>
    public IReadOnlyList<SbomPackage> SharedFrameworks { get; init; } = new List<SbomPackage>();

    /// <summary>The runtime packs a self-contained or Native AOT app carries (compiled in, for Native AOT).</summary>
    public IReadOnlyList<SbomPackage> RuntimePacks { get; init; } = new List<SbomPackage>();

    public IReadOnlyList<SbomPackage> NuGetPackages { get; init; } = new List<SbomPackage>();

    /// <summary>The solution's own projects the app references (assembly names).</summary>
    public IReadOnlyList<string> Projects { get; init; } = new List<string>();

    public IReadOnlyList<SbomNpmPackage> NpmPackages { get; init; } = new List<SbomNpmPackage>();

    /// <summary>MultiStageOsPackage items of the final stage, by name: their versions come from the distribution at image build time.</summary>
    public IReadOnlyList<string> OsPackages { get; init; } = new List<string>();

    /// <summary>The final stage's base image as the Dockerfile names it, digest included when pinned.</summary>
    public string? BaseImage { get; init; }

    /// <summary>The name and version of the tool that wrote the document.</summary>
    public string ToolVersion { get; init; } = string.Empty;
}
