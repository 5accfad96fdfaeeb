using System;
using System.Linq;
using Microsoft.Build.Framework;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;

namespace MultiStage.Sdk.Tasks;

/// <summary>Builds the generated Dockerfile into an image with docker (buildx), podman or buildah.</summary>
public sealed partial class BuildMultiStageContainerImage : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private ContainerBuilderProcess? process;

    /// <summary>The last generation's saved state: the Dockerfile, its context, the image name and the secrets it mounts.</summary>
    public string? ImageBuildStateFile { get; set; }

    /// <summary>ContainerImageTag and ContainerImageTags, semicolon-separated.</summary>
    public string? Tags { get; set; }

    /// <summary>MultiStageRuntimeIdentifiers: several give a multi-platform build.</summary>
    public string? RuntimeIdentifiers { get; set; }

    /// <summary>MultiStageContainerBuilder: docker, podman or buildah; empty looks for them in that order.</summary>
    public string? Builder { get; set; }

    /// <summary>MultiStageContainerSecret items: Include is the id, metadata File or EnvironmentVariable the source.</summary>
    public ITaskItem[] Secrets { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>MultiStageContainerBuildArg items: Include is the name, Value the value.</summary>
    public ITaskItem[] BuildArguments { get; set; } = Array.Empty<ITaskItem>();

    public string? ExtraArguments { get; set; }

    /// <summary>ContainerArchiveOutputPath: when set, the image is also saved there as a docker-archive tarball.</summary>
    public string? ArchiveOutputPath { get; set; }

    /// <summary>Where the image's SBOM is copied after the build (ContainerGenerateSbom); empty copies nothing.</summary>
    public string? SbomOutputPath { get; set; }

    /// <summary>MultiStageContainerCacheFrom: where the layer cache is read from (image references or buildx cache specifications).</summary>
    public string? CacheFrom { get; set; }

    /// <summary>MultiStageContainerCacheTo: where the layer cache is written to (inline, a repository, or a buildx cache specification).</summary>
    public string? CacheTo { get; set; }

    /// <summary>The project folder, which a relative <see cref="ArchiveOutputPath"/> starts from.</summary>
    public string? ProjectDirectory { get; set; }

    public string? ProjectFile { get; set; }

    /// <summary>PackageVersion: the org.opencontainers.image.version label's build argument.</summary>
    public string? Version { get; set; }

    /// <summary>SourceRevisionId: the revision label's build argument; empty asks git for the commit.</summary>
    public string? SourceRevisionId { get; set; }

    /// <summary>MultiStageReproducible: pin the builder's timestamps to SOURCE_DATE_EPOCH, else the commit time.</summary>
    public bool Reproducible { get; set; }
    /// <summary>ContainerRegistry: when set, the image is pushed there under every tag; empty keeps it in the local engine.</summary>
    public string? Registry { get; set; }

    /// <summary>Where the names, digest and image id are written as JSON (see <see cref="ImageResult"/>); removed when a build starts.</summary>
    public string? ResultFile { get; set; }

    /// <summary>The image's names, repository:tag.</summary>
    [Output]
    public string[] Images { get; private set; } = Array.Empty<string>();

    /// <summary>The first of <see cref="Images"/>: the one MultiStageContainerRun starts.</summary>
    [Output]
    public string? PrimaryImage { get; private set; }

    /// <summary>The archive's full path, when <see cref="ArchiveOutputPath"/> asked for one (the .NET SDK's name).</summary>
    [Output]
    public string? GeneratedArchiveOutputPath { get; private set; }

    /// <summary>The SBOM's full path on this machine, when it was copied out of the image.</summary>
    [Output]
    public string? GeneratedSbomPath { get; private set; }

    /// <summary>The pushed manifest's (or index's) digest, as the registry names it (the .NET SDK's name); empty when nothing was pushed.</summary>
    [Output]
    public string? GeneratedContainerDigest { get; private set; }

    /// <summary>The image's full names, registry/repository:tag when pushed (the .NET SDK's name).</summary>
    [Output]
    public string[] GeneratedContainerNames { get; private set; } = Array.Empty<string>();

    /// <summary>The image's configuration JSON as the builder reports it (the .NET SDK's name); empty for several platforms.</summary>
    [Output]
    public string? GeneratedContainerConfiguration { get; private set; }

    public override bool Execute()
    {
        // A result file describes the last build that succeeded in full; from here on, that is not the last one.
        ImageResult.Delete(ResultFile ?? string.Empty);
        var state = ImageBuildState.Load(ImageBuildStateFile);
        if (state is null || !System.IO.File.Exists(state.DockerfilePath))
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.NoDockerfileToBuild.Create(state?.DockerfilePath ?? ImageBuildStateFile ?? string.Empty), ProjectFile);
            return false;
        }

        string? registry = null;
        if (MSBuildList.Blank(Registry) is { } configuredRegistry && (registry = ImagePush.ParseRegistry(configuredRegistry)) is null)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.InvalidContainerRegistry.Create(configuredRegistry), ProjectFile);
            return false;
        }

        var archiveRequested = MSBuildList.Blank(ArchiveOutputPath) is not null;
        var platforms = ContainerBuilderCommands.Platforms(MSBuildList.Split(RuntimeIdentifiers));
        if (archiveRequested && platforms.Count > 1)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.ArchiveHoldsOnePlatform.Create(ArchiveOutputPath!, string.Join(", ", platforms)), ProjectFile);
            return false;
        }

        var cache = BuildCache.Parse(MSBuildList.Split(CacheFrom), MSBuildList.Split(CacheTo), out var cacheProblem);
        if (cacheProblem is not null)
        {
            DiagnosticLogger.Log(Log, cacheProblem, ProjectFile);
            return false;
        }

        var builder = ContainerBuilderProcess.Find(Builder, out var lookedFor);
        if (builder is null)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.NoContainerBuilder.Create(lookedFor), ProjectFile);
            return false;
        }

        var metadata = ImageMetadataSource.Resolve(
            BuildArguments.Select(a => new NameValue(a.ItemSpec, a.GetMetadata("Value"))).ToList(),
            state.LabelArguments ?? Array.Empty<string>(), Version, SourceRevisionId, Reproducible, ProjectDirectory ?? state.ContextRoot);
        if (metadata.Problem is not null)
        {
            DiagnosticLogger.Log(Log, metadata.Problem, ProjectFile);
            return false;
        }

        var request = new ImageBuildRequest(
            state.DockerfilePath,
            state.ContextRoot,
            ContainerBuilderCommands.TaggedNames(ImagePush.Repository(registry, state.ImageName), MSBuildList.Split(Tags)),
            platforms,
            SecretSources(state.SecretIds),
            metadata.BuildArguments,
            MSBuildList.Split(ExtraArguments),
            BuildPlatform(),
            state.DockerFormat,
            cache,
            metadata.Epoch);
        var executable = ContainerBuilderCommands.Executable(builder.Value);
        var buildKit = DockerBuildKit.Unavailable;
        if (builder == ContainerBuilder.Docker)
        {
            // Stop here rather than let the legacy builder fail halfway through the Dockerfile.
            var clientVersion = ContainerBuilderProcess.DockerClientVersion();
            buildKit = ContainerBuilderCommands.DockerBuildKitFor(ContainerBuilderProcess.HasBuildx(), clientVersion);
            var problem = buildKit == DockerBuildKit.Unavailable ? DiagnosticDescriptors.NoDockerBuildKit.Create(clientVersion ?? "version unknown")
                : buildKit == DockerBuildKit.BuiltIn && request.Platforms.Count > 1 ? DiagnosticDescriptors.MultiPlatformNeedsBuildx.Create(string.Join(", ", request.Platforms), clientVersion ?? "version unknown")
                : null;
            if (problem is not null)
            {
                DiagnosticLogger.Log(Log, problem, ProjectFile);
                return false;
            }
        }

        // A cache the builder cannot read or write stops the build rather than leave the next runner without it.
        if (BuildCache.Unsupported(builder.Value, buildKit, cache) is { } cacheUnsupported)
        {
            DiagnosticLogger.Log(Log, cacheUnsupported, ProjectFile);
            return false;
        }

        var buildx = ImagePush.PushesWhileBuilding(builder.Value, buildKit);
        var manifestList = request.Platforms.Count > 1 && builder != ContainerBuilder.Docker ? request.TaggedNames[0] : null;
        if (manifestList is not null)
        {
            ContainerBuilderProcess.ExitCode(executable, ImagePush.RemoveManifestList(manifestList).ToArray());
        }

        // The image id (buildx: its metadata) goes to obj/; a buildah or podman manifest list has no single id.
        var scratchFolder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(ResultFile ?? ImageBuildStateFile!))!;
        request = request with
        {
            Push = registry is not null && buildx,
            ResultFile = manifestList is null ? System.IO.Path.Combine(scratchFolder, "multistage-build-" + Guid.NewGuid().ToString("N") + ".id") : null,
        };
        var environment = buildKit == DockerBuildKit.BuiltIn ? new[] { ("DOCKER_BUILDKIT", "1") } : Array.Empty<(string, string)>();
        if (RunTests && !RunTestStage(builder.Value, buildKit, request, executable, environment))
        {
            return false;
        }

        var arguments = ContainerBuilderCommands.Build(builder.Value, buildKit, request);
        process = new ContainerBuilderProcess(Log);
        var exitCode = process.Run(executable, arguments, state.ContextRoot, environment);
        var (digest, imageId) = RegistryPush.ReadBuildResult(request.ResultFile, buildx);
        if (exitCode != 0)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.ContainerBuildFailed.Create(executable, exitCode), ProjectFile);
            var lockFile = System.IO.Path.Combine(ProjectDirectory ?? string.Empty, BaseImageLock.FileName);
            if (System.IO.File.Exists(lockFile) && BaseImageLock.UnservedPin(BaseImageLock.Parse(System.IO.File.ReadAllText(lockFile)), process.ErrorLines.Concat(process.OutputLines)) is { } pin)
            {
                DiagnosticLogger.Log(Log, DiagnosticDescriptors.BaseImagePinNotServed.Create(pin.Image, lockFile, pin.Digest), ProjectFile);
            }

            return false;
        }

        Images = request.TaggedNames.ToArray();
        PrimaryImage = Images[0];
        Log.LogMessage(MessageImportance.High, $"MultiStage.Sdk: built {string.Join(", ", Images)} with {executable}.");
        if (archiveRequested && !WriteArchive(builder.Value, request.TaggedNames, state.ImageName))
        {
            return false;
        }

        // An image buildx pushed is not in the local engine to copy from.
        if (MSBuildList.Blank(SbomOutputPath) is not null && !request.Push)
        {
            CopySbom(builder.Value, request.TaggedNames[0]);
        }

        if (registry is not null && !buildx)
        {
            digest = RegistryPush.PushAll(process!, builder.Value, registry, request.TaggedNames, manifestList, scratchFolder, out var problem);
            if (problem is not null)
            {
                DiagnosticLogger.Log(Log, problem, ProjectFile);
                return false;
            }
        }

        var tags = ImagePush.Tags(MSBuildList.Split(Tags));
        var configuration = ReadConfiguration(builder.Value, request.Push, request.TaggedNames[0], digest, request.Platforms.Count, executable);
        var result = new ImageResult(registry, state.ImageName, tags, Images, registry is null ? null : digest, imageId, request.Platforms.Count > 0 ? request.Platforms : new[] { BuildPlatform() }, configuration);
        return WriteResult(result, executable);
    }

    public void Cancel() => process?.Cancel();

    /// <summary>This machine's platform, where the SDK stage runs.</summary>
    private static string BuildPlatform() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.Arm64 => "linux/arm64",
            System.Runtime.InteropServices.Architecture.Arm => "linux/arm/v7",
            _ => "linux/amd64",
        };

    /// <summary>
    /// The MultiStageContainerSecret items, then the secrets the Dockerfile mounts that have no item: "nuget" from the
    /// user's NuGet.config, any other id from the environment variable of that name, when there is one.
    /// </summary>
    private System.Collections.Generic.List<BuildSecret> SecretSources(System.Collections.Generic.IEnumerable<string> dockerfileSecrets)
    {
        var secrets = Secrets
            .Select(s => new BuildSecret(s.ItemSpec, MSBuildList.Blank(s.GetMetadata("File")), MSBuildList.Blank(s.GetMetadata("EnvironmentVariable")) ?? (MSBuildList.Blank(s.GetMetadata("File")) is null ? s.ItemSpec : null)))
            .ToList();
        foreach (var id in dockerfileSecrets.Where(id => secrets.All(s => s.Id != id)))
        {
            if (id == DockerfileSecret.NuGetConfigId)
            {
                if (NuGetUserConfig() is { } file)
                {
                    secrets.Add(new BuildSecret(id, file, null));
                }
            }
            else if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(id)))
            {
                secrets.Add(new BuildSecret(id, null, id));
            }
        }

        return secrets;
    }

    /// <summary>Where NuGet keeps the user-level config: %APPDATA%\NuGet on Windows, ~/.nuget/NuGet elsewhere.</summary>
    private static string? NuGetUserConfig()
    {
        var folder = System.IO.Path.DirectorySeparatorChar == '\\'
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "NuGet")
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet");
        var path = System.IO.Path.Combine(folder, "NuGet.Config");
        return System.IO.File.Exists(path) ? path : null;
    }
}
