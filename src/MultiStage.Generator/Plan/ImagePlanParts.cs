using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Facts;
using MultiStage.Generator.InImageBuild;

namespace MultiStage.Generator.Plan;

/// <summary>
/// The project file and the Dockerfile made from it (context-relative, with '/'), which the generated files name,
/// and the build output folders outside bin/ and obj/ that the .dockerignore keeps out of the context.
/// </summary>
internal sealed record ProjectPaths(string ProjectPath, string DockerfilePath, IReadOnlyList<string> BuildOutputFolders);

/// <summary>One COPY of the restore layer: the sources and the folder they land in, relative to /src.</summary>
internal sealed record RestoreCopy(IReadOnlyList<string> Sources, string Destination);

/// <summary>The restore layer: its COPY instructions in order, and whether the project's workloads are restored first.</summary>
internal sealed record RestoreLayer(IReadOnlyList<RestoreCopy> Copies, bool RestoreWorkloads);

/// <summary>
/// What the build stage's restore and publish are told; restore takes the same runtime identifier and client
/// setting as publish, or publish --no-restore fails.
/// </summary>
internal sealed record PublishArguments
{
    /// <summary>The framework the image is built for.</summary>
    public required string TargetFramework { get; init; }

    /// <summary>The project lists several frameworks, so publish must name one.</summary>
    public bool NamesFramework { get; init; }

    /// <summary>
    /// Self-contained publishes, and apps before net8.0 (whose SDKs do not map amd64 to x64 in -a), name the runtime
    /// identifier outright rather than give the architecture.
    /// </summary>
    public bool NamesRuntimeIdentifier { get; init; }

    public bool PublishAot { get; init; }

    /// <summary>The client stage builds the front end, so restore and publish must not build it again.</summary>
    public bool SkipClientBuild { get; init; }

    /// <summary>MultiStageIncrementalCompilation: each compiled project's obj/Release is a cache mount of its own.</summary>
    public bool IncrementalCompilation { get; init; }

    /// <summary>The compilation cache mounts, sorted so builds that share caches take their locks in one order.</summary>
    public IReadOnlyList<string> CacheMounts { get; init; } = new List<string>();

    /// <summary>The final stage's layers of the published app, in copy order; none copies the publish folder whole.</summary>
    public IReadOnlyList<AppLayer> AppLayers { get; init; } = new List<AppLayer>();

    /// <summary>ContainerGenerateSbom: the publish writes the image's SBOM and the final stage copies it.</summary>
    public bool Sbom { get; init; }
}

/// <summary>
/// The customization items, each checked: OS packages, certificate authorities, files of the context, folders the
/// app's user owns, and the user's own Dockerfile fragments.
/// </summary>
internal sealed record ImageCustomization
{
    /// <summary>MultiStageOsPackage items of the app's image.</summary>
    public IReadOnlyList<string> OsPackages { get; init; } = new List<string>();

    /// <summary>MultiStageOsPackage items with Stage="build".</summary>
    public IReadOnlyList<string> BuildOsPackages { get; init; } = new List<string>();

    /// <summary>Every MultiStageCaCertificate: the build stages trust them all.</summary>
    public IReadOnlyList<CaCertificate> CaCertificates { get; init; } = new List<CaCertificate>();

    /// <summary>The certificates the app trusts too (Runtime="true").</summary>
    public IReadOnlyList<CaCertificate> RuntimeCaCertificates => CaCertificates.Where(c => c.Runtime).ToList();

    /// <summary>MultiStageImageFile items as COPY takes them, destinations normalized (<see cref="ImagePath"/>).</summary>
    public IReadOnlyList<ImageFileCopy> ImageFiles { get; init; } = new List<ImageFileCopy>();

    /// <summary>MultiStageWritableFolder items with absolute, normalized paths (relative ones are below the working directory).</summary>
    public IReadOnlyList<WritableFolder> WritableFolders { get; init; } = new List<WritableFolder>();

    public IReadOnlyList<DockerfileFragment> Fragments { get; init; } = new List<DockerfileFragment>();

    /// <summary>The base stage's image has no shell: a parts stage on the same OS makes what a shell would.</summary>
    public bool BaseTakesParts { get; init; }

    /// <summary>A self-contained app's final image has no shell: a parts stage of its own makes what a shell would.</summary>
    public bool FinalTakesParts { get; init; }
}

/// <summary>A MultiStageImageFile's COPY: a folder's paths end with '/', and the owner is "user:group" or null for root's.</summary>
internal sealed record ImageFileCopy(string Source, string Destination, string? Owner);

/// <summary>A test project the test stages run, and the name of its results folder and TRX file.</summary>
internal sealed record TestRun(string ProjectPath, string Name);

/// <summary>
/// The test stages: the test projects, built on compilation caches of their own (they build the app without a
/// runtime identifier), and whether the test stage fails when a test failed (MultiStageTestFailBuild).
/// </summary>
internal sealed record TestStages(IReadOnlyList<TestRun> Runs, IReadOnlyList<string> CacheMounts, bool FailBuild);
