using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiStage.Generator.Facts;

/// <summary>
/// Every MSBuild property and item the SDK reads, declared once: its name, kind, reader, metadata, default and
/// description, and where the targets take a computed value from. sdk/MultiStage.Sdk.Inputs.targets (the
/// _MultiStageGeneratorInput list and its up-to-date hash) and the schema are generated from it; the README's table
/// and <see cref="ProjectInputs"/> follow it. InputCatalogTests names any entry one of them misses or adds.
/// </summary>
internal static class InputCatalog
{
    // Each factory below appends to this list, and static fields initialize in textual order: declared first, it
    // holds the inputs in declaration order, which is the schema's.
    private static readonly List<Input> declared = new();

    /// <summary>Public properties, in the schema's order.</summary>
    public static readonly Input GenerateDockerfile = Flag(nameof(GenerateDockerfile), "true", InputReader.Targets,
        "false: generate nothing.");
    public static readonly Input MultiStageGenerateDockerignore = Flag(nameof(MultiStageGenerateDockerignore), "true",
        "false: leave the build context root's .dockerignore to you.");
    public static readonly Input MultiStageGenerateCompose = Flag(nameof(MultiStageGenerateCompose), "false",
        "true: merge this project's service into compose.yaml at the build context root.");
    public static readonly Input MultiStageNuGetSecret = Flag(nameof(MultiStageNuGetSecret), "",
        "true/false: mount the 'nuget' build secret (your user-level NuGet.config) for restore, or never; empty: when a NuGet.config has credentials.");
    public static readonly Input MultiStageDockerfilePath = Text(nameof(MultiStageDockerfilePath), "Dockerfile",
        "Where the Dockerfile goes, relative to the project folder.");
    public static readonly Input MultiStageBuildContext = Text(nameof(MultiStageBuildContext), "",
        "The folder docker build runs from, relative to the project folder. Default: the nearest folder at or above the project with a .sln/.slnx or .git, else the project folder.");
    public static readonly Input MultiStageTargetFramework = Text(nameof(MultiStageTargetFramework), "", InputReader.Targets,
        "Which framework of a multi-targeted project goes into the image. Default: the newest that has Linux images.");
    public static readonly Input MultiStageDockerfileSyntax = Text(nameof(MultiStageDockerfileSyntax), "",
        "A BuildKit frontend image (e.g. docker/dockerfile:1) for a '# syntax=' first line. Empty: none, so BuildKit builds with its built-in frontend and needs no registry but the base images'.");
    public static readonly Input MultiStageBuildImage = Text(nameof(MultiStageBuildImage), "",
        "The build stage's image, used as is. Default: from the image table.");
    public static readonly Input ContainerBaseImage = Text(nameof(ContainerBaseImage), "",
        "The final stage's image, used as is. Default: from the image table.");
    public static readonly Input ContainerFamily = Text(nameof(ContainerFamily), "",
        "An OS family for both stages: bookworm-slim, noble, noble-chiseled, jammy, jammy-chiseled, resolute, resolute-chiseled, alpine, azurelinux3.0, azurelinux3.0-distroless; '-extra' may be appended.");
    public static readonly Input MultiStageImageRegistry = Text(nameof(MultiStageImageRegistry), "mcr.microsoft.com",
        "A registry mirror that replaces mcr.microsoft.com in both default images.");
    public static readonly Input MultiStagePinDigests = Flag(nameof(MultiStagePinDigests), "false",
        "true: every base image must be pinned by a digest from a MultiStageImageDigest item (the project's or the base image lock's).");
    public static readonly Input ContainerUser = Text(nameof(ContainerUser), "1654",
        "The USER of the final stage. Default: 1654, the uid of the images' non-root app user (APP_UID); $APP_UID is written as 1654 too, so no ENV can redirect USER.");
    public static readonly Input ContainerWorkingDirectory = Text(nameof(ContainerWorkingDirectory), "/app",
        "The final stage's WORKDIR, where the app is copied.");
    public static readonly Input ContainerRepository = Text(nameof(ContainerRepository), "",
        "The image name, made a valid repository name, for the documented docker build -t command, compose and MultiStageContainerImage. Default: the lowercased AssemblyName.");
    public static readonly Input ContainerImageTag = Text(nameof(ContainerImageTag), "latest", InputReader.Targets,
        "The tag MultiStageContainerImage gives the image.");
    public static readonly Input ContainerImageTags = Text(nameof(ContainerImageTags), "", InputReader.Targets,
        "Several tags, semicolon-separated.");
    public static readonly Input ContainerArchiveOutputPath = Text(nameof(ContainerArchiveOutputPath), "", InputReader.Targets,
        "MultiStageContainerImage also saves the image as a docker-archive tarball here, relative to the project folder; a folder (ending in a separator, or existing) gets <ContainerRepository>.tar.");
    public static readonly Input MultiStageLockTlsVerify = Flag(nameof(MultiStageLockTlsVerify), "true", InputReader.Targets,
        "false: MultiStageLockBaseImages reaches the base images' registries without verifying TLS (skopeo --tls-verify=false), for a registry without a trusted certificate.");
    public static readonly Input ContainerRegistry = Text(nameof(ContainerRegistry), "", InputReader.Targets,
        "MultiStageContainerImage pushes the image here (host[:port]) under every tag, with the builder's own credentials; empty keeps it in the local engine.");
    public static readonly Input MultiStageContainerImageResultFile = Text(nameof(MultiStageContainerImageResultFile), "", InputReader.Targets,
        "Where MultiStageContainerImage writes what it made as JSON (registry, names, digest, image id, platforms). Default: obj/<project>.multistage.image-result.json.");
    public static readonly Input ContainerRuntimeIdentifier = Text(nameof(ContainerRuntimeIdentifier), "", InputReader.Targets,
        "The container's runtime identifier (musl RIDs select Alpine); a --platform for MultiStageContainerImage.");
    public static readonly Input ContainerRuntimeIdentifiers = Text(nameof(ContainerRuntimeIdentifiers), "", InputReader.Targets,
        "Several RIDs: a multi-platform image build.");
    public static readonly Input MultiStageContainerBuilder = Text(nameof(MultiStageContainerBuilder), "", InputReader.Targets,
        "docker, podman or buildah for MultiStageContainerImage and MultiStageContainerRun. Default: the first found.");
    public static readonly Input MultiStageContainerBuildArguments = Text(nameof(MultiStageContainerBuildArguments), "", InputReader.Targets,
        "Extra arguments (semicolon-separated) for the builder's build command.");
    public static readonly Input MultiStageContainerCacheFrom = Text(nameof(MultiStageContainerCacheFrom), "", InputReader.Targets,
        "Where MultiStageContainerImage reads the layer cache from, semicolon-separated: image references (registry/app-cache, or an image pushed with the inline cache), or buildx cache specifications (type=gha, type=registry,ref=...).");
    public static readonly Input MultiStageContainerCacheTo = Text(nameof(MultiStageContainerCacheTo), "", InputReader.Targets,
        "Where MultiStageContainerImage writes the layer cache: inline (in the image, for docker without buildx), a repository (buildx: every stage, mode=max; buildah, podman: their layers), or a buildx cache specification.");
    public static readonly Input MultiStageContainerRunArguments = Text(nameof(MultiStageContainerRunArguments), "", InputReader.Targets,
        "Extra arguments (semicolon-separated) for the run command.");
    public static readonly Input MultiStageClient = Flag(nameof(MultiStageClient), "true",
        "false: no JavaScript client stage, even when the project has a front end.");
    public static readonly Input MultiStageClientPath = Text(nameof(MultiStageClientPath), "",
        "The folder of the JavaScript client (with its package.json), relative to the project folder. Default: SpaRoot, a referenced .esproj, ClientApp/, or the project folder, whichever holds a package.json with the build script.");
    public static readonly Input MultiStageClientBuildScript = Text(nameof(MultiStageClientBuildScript), "build",
        "The package.json script that builds the client for production. Default: an .esproj's ProductionBuildCommand (npm run <script>), else build.");
    public static readonly Input MultiStageClientOutputPath = Text(nameof(MultiStageClientOutputPath), "",
        "The folder the build script writes, relative to the client folder. Default: an .esproj's BuildOutputFolder, an --outDir in the script, build for Create React App, angular.json's outputPath, else dist.");
    public static readonly Input MultiStageClientTarget = Text(nameof(MultiStageClientTarget), "wwwroot",
        "Where the client's build output goes in the published app, relative to the app folder.");
    public static readonly Input MultiStageNodeVersion = Text(nameof(MultiStageNodeVersion), "",
        "The Node.js version of the client stage (a major such as 22). Default: .nvmrc, .node-version, package.json engines.node, else the current LTS.");
    public static readonly Input MultiStageSkipClientBuild = Flag(nameof(MultiStageSkipClientBuild), "false", InputReader.Targets,
        "Set by the generated Dockerfile for restore and publish in the image, after a client stage built the front end: drops .esproj references and the SPA templates' npm targets. Targets of your own that run npm can check it.");
    public static readonly Input MultiStageNodeImage = Text(nameof(MultiStageNodeImage), "",
        "The client stage's image, used as is. Default: node:<major>-bookworm-slim, or node:<major>-alpine for Alpine apps.");
    public static readonly Input MultiStageRuntimeIdentifiers = Text(nameof(MultiStageRuntimeIdentifiers), "",
        "The runtime identifiers the image is for. Default: ContainerRuntimeIdentifiers, else ContainerRuntimeIdentifier, else RuntimeIdentifiers, else RuntimeIdentifier (not one the .NET SDK inferred from the build machine).");
    public static readonly Input MultiStageWebApp = Flag(nameof(MultiStageWebApp), "",
        "true: a web app (port 8080 unless ContainerPort says otherwise, ASPNETCORE_HTTP_PORTS, a front end in ClientApp/ or the project folder). Default: detected from the Web SDK or a FrameworkReference to Microsoft.AspNetCore.App.");
    public static readonly Input ContainerGenerateLabels = Flag(nameof(ContainerGenerateLabels), "true", InputReader.Targets,
        "false: no generated OCI labels (from Title, Description, Authors, PackageLicenseExpression, PackageProjectUrl, RepositoryUrl and Company, nor base.name, base.digest, version, revision and created).");
    public static readonly Input ContainerGenerateLabelsImageBaseName = Flag(nameof(ContainerGenerateLabelsImageBaseName), "true", InputReader.Targets,
        "false: no org.opencontainers.image.base.name label (the final stage's base image).");
    public static readonly Input ContainerGenerateLabelsImageBaseDigest = Flag(nameof(ContainerGenerateLabelsImageBaseDigest), "true", InputReader.Targets,
        "false: no org.opencontainers.image.base.digest label (written when the final stage's base image is pinned by a digest).");
    public static readonly Input ContainerGenerateLabelsImageVersion = Flag(nameof(ContainerGenerateLabelsImageVersion), "true", InputReader.Targets,
        "false: no org.opencontainers.image.version label (PackageVersion, passed by MultiStageContainerImage as the IMAGE_VERSION build argument).");
    public static readonly Input ContainerGenerateLabelsImageRevision = Flag(nameof(ContainerGenerateLabelsImageRevision), "true", InputReader.Targets,
        "false: no org.opencontainers.image.revision label (SourceRevisionId, else the git commit, passed as the IMAGE_REVISION build argument).");
    public static readonly Input ContainerGenerateLabelsImageCreated = Flag(nameof(ContainerGenerateLabelsImageCreated), "true", InputReader.Targets,
        "false: no org.opencontainers.image.created label (RFC 3339 UTC, passed as the IMAGE_CREATED build argument: the build time, or the SOURCE_DATE_EPOCH or commit time when MultiStageReproducible is true).");
    public static readonly Input MultiStageReproducible = Flag(nameof(MultiStageReproducible), "false", InputReader.Targets,
        "true: MultiStageContainerImage fixes every timestamp to SOURCE_DATE_EPOCH, else the git commit time (buildah/podman --timestamp, BuildKit's SOURCE_DATE_EPOCH build argument), so the same commit gives the same image digest where the builder allows it.");
    public static readonly Input ContainerGenerateSbom = Flag(nameof(ContainerGenerateSbom), "true",
        "false: no SBOM. Default: the image build writes a CycloneDX 1.5 JSON SBOM of the app (its .NET runtime, NuGet packages, projects, the OS packages the SDK adds, the base image) to /usr/share/sbom/app.cdx.json in the image; MultiStageContainerImage copies it beside the build state.");
    public static readonly Input MultiStageAppLayers = Flag(nameof(MultiStageAppLayers), "true",
        "false: the final stage copies the published app as one layer. Default: in layers by how often they change (a self-contained app's runtime, NuGet packages, referenced projects, the app), so an edit to the app sends only its own layer.");
    public static readonly Input MultiStageIncrementalCompilation = Flag(nameof(MultiStageIncrementalCompilation), "",
        "false: the image build compiles every project from scratch. Default: true unless the project uses the artifacts layout or another intermediate folder than obj/: each project's obj/Release is a BuildKit cache mount of its own, so a rebuild compiles only the projects whose sources changed.");
    public static readonly Input MultiStageDebugStage = Flag(nameof(MultiStageDebugStage), "false",
        "true: a debug stage (docker build --target debug) with the final stage's app on the runtime image with a shell and the .NET diagnostic tools (dotnet-counters, dotnet-dump, dotnet-gcdump, dotnet-trace) on PATH; the final image does not change. Apps before .NET 8 get none (the tools need .NET 8).");
    public static readonly Input MultiStageDevStage = Flag(nameof(MultiStageDevStage), "false",
        "true: a dev stage on the SDK image that restores like the build stage and runs dotnet watch on the sources mounted from the host at /src, and with MultiStageGenerateCompose a <service>-dev service for it.");
    public static readonly Input MultiStageRestoreWorkloads = Flag(nameof(MultiStageRestoreWorkloads), "",
        "true: the build stage runs dotnet workload restore before restore. Default: true when RunAOTCompilation or WasmBuildNative is true (Blazor WebAssembly).");

    public static readonly Input MultiStageTestStage = Flag(nameof(MultiStageTestStage), "true",
        "false: no test stages, even when test projects reference the app. Default: test-run, test-results and test stages when the app's solution (or MultiStageTestProject) has test projects that reference the app or its projects.");
    public static readonly Input MultiStageTestFailBuild = Flag(nameof(MultiStageTestFailBuild), "true",
        "false: a failed test fails neither docker build --target test nor MultiStageRunTests' image build; the results (and their exit-code file) say it.");
    public static readonly Input MultiStageRunTests = Flag(nameof(MultiStageRunTests), "false", InputReader.Targets,
        "true: MultiStageContainerImage runs the Dockerfile's tests first, copies their results out (MultiStageTestResultsPath) and fails when a test failed (MultiStageTestFailBuild).");
    public static readonly Input MultiStageTestResultsPath = Text(nameof(MultiStageTestResultsPath), "", InputReader.Targets,
        "Where MultiStageRunTests puts the tests' results (TRX files, an exit-code file), relative to the project folder. Default: obj/<project>.multistage.testresults/.");

    /// <summary>Public items, in the schema's order.</summary>
    public static readonly Input ContainerHealthCheck = Items(nameof(ContainerHealthCheck), InputReader.Generator,
        "Include: the URL path the health probe asks on the app's first TCP port (such as /healthz); Interval, Timeout, StartPeriod metadata: Docker durations (defaults 30s, 5s, 10s); Retries metadata: a whole number (default 3). An exec-form HEALTHCHECK that needs no shell or curl, and the compose service's healthcheck.", InputMetadata.Interval, InputMetadata.Timeout, InputMetadata.StartPeriod, InputMetadata.Retries);
    public static readonly Input ContainerPort = Items(nameof(ContainerPort), InputReader.Generator,
        "Include: the port number; Type metadata: tcp (default) or udp. One EXPOSE each; default 8080 for web apps.", InputMetadata.Type);
    public static readonly Input ContainerEnvironmentVariable = Items(nameof(ContainerEnvironmentVariable), InputReader.Generator,
        "Include: the name; Value metadata: the value. An ENV line, value escaped.", InputMetadata.Value);
    public static readonly Input ContainerLabel = Items(nameof(ContainerLabel), InputReader.Generator,
        "Include: the key; Value metadata: the value. A LABEL line.", InputMetadata.Value);
    public static readonly Input ContainerAppCommandArgs = Items(nameof(ContainerAppCommandArgs), InputReader.Generator,
        "Arguments appended to the exec-form ENTRYPOINT.");
    public static readonly Input ContainerDefaultArgs = Items(nameof(ContainerDefaultArgs), InputReader.Generator,
        "Default arguments, as an exec-form CMD.");
    public static readonly Input MultiStageImageDigest = Items(nameof(MultiStageImageDigest), InputReader.Generator,
        "Include: an image reference as the generator writes it; Digest metadata: sha256:<64 hex>. Pins that image; the base image lock (multistage.lock) adds one per image it holds, and the project's own item wins.", InputMetadata.Digest);
    public static readonly Input MultiStageContainerBuildArg = Items(nameof(MultiStageContainerBuildArg), InputReader.Targets,
        "Include: a build argument name; Value metadata: its value.", "Value");
    public static readonly Input MultiStageContainerSecret = Items(nameof(MultiStageContainerSecret), InputReader.Targets,
        "Include: a secret id; File or EnvironmentVariable metadata: its source for MultiStageContainerImage.", "File", "EnvironmentVariable");
    public static readonly Input MultiStageOsPackage = Items(nameof(MultiStageOsPackage), InputReader.Generator,
        "Include: an OS package (name, or name=version); Stage metadata: final (the app's image, default) or build (the SDK stage). Installed with the family's package manager in one layer before the app; on chiseled images made in the same OS with a shell and copied over.", InputMetadata.Stage);
    public static readonly Input MultiStageImageFile = Items(nameof(MultiStageImageFile), InputReader.Generator,
        "Include: a file or folder of the build context, relative to the project folder; Destination metadata: an absolute path in the image; Owner metadata: app, root (default) or a user. Copied into the app's image before the app.", InputMetadata.Destination, InputMetadata.Owner);
    public static readonly Input MultiStageCaCertificate = Items(nameof(MultiStageCaCertificate), InputReader.Generator,
        "Include: a PEM CA certificate of the build context, relative to the project folder; Runtime metadata: true to let the app trust it too. Restore and the JavaScript client's install trust it.", InputMetadata.Runtime);
    public static readonly Input MultiStageWritableFolder = Items(nameof(MultiStageWritableFolder), InputReader.Generator,
        "Include: a folder the app writes to, absolute or relative to the working directory; Volume metadata: true to declare it a VOLUME. Created owned by the app's user.", InputMetadata.Volume);
    public static readonly Input MultiStageDockerfileFragment = Items(nameof(MultiStageDockerfileFragment), InputReader.Generator,
        "Include: a file of Dockerfile instructions, relative to the project folder; Point metadata: BeforeRestore, BeforePublish, BeforeAppCopy or AfterAppCopy. Spliced in at that point, checked to keep the stages whole.", InputMetadata.Point);
    public static readonly Input MultiStageTestProject = Items(nameof(MultiStageTestProject), InputReader.Generator,
        "Include: a test project, relative to the project folder. The test stages run these instead of the solution's test projects; each must reference the app or one of its projects.");

    /// <summary>The .NET SDK's package metadata, made OCI labels by the targets (as ContainerLabel inputs).</summary>
    public static readonly Input Title = PackageMetadata(nameof(Title));
    public static readonly Input Description = PackageMetadata(nameof(Description));
    public static readonly Input Authors = PackageMetadata(nameof(Authors));
    public static readonly Input PackageLicenseExpression = PackageMetadata(nameof(PackageLicenseExpression));
    public static readonly Input PackageProjectUrl = PackageMetadata(nameof(PackageProjectUrl));
    public static readonly Input RepositoryUrl = PackageMetadata(nameof(RepositoryUrl));
    public static readonly Input Company = PackageMetadata(nameof(Company));

    /// <summary>What MSBuild knows or the targets compute; the generator reads them, nobody sets them for it.</summary>
    public static readonly Input ProjectFile = Computed(nameof(ProjectFile), InputKind.Property, "The project file's full path (MSBuildProjectFullPath).",
        from: new[] { "$(MSBuildProjectFullPath)" });
    public static readonly Input ProjectReference = Computed(nameof(ProjectReference), InputKind.Item, "Each referenced project, direct and transitive.",
        from: new[] { "@(ProjectReference)", "@(_TransitiveProjectReferences)" });
    public static readonly Input BuildOutputFolder = Computed(nameof(BuildOutputFolder), InputKind.Item, "Each folder MSBuild writes build output to (bin, obj, artifacts, publish), for the .dockerignore.",
        from: new[] { "@(_MultiStageBuildOutputFolder->'%(FullPath)')" });
    public static readonly Input AssemblyName = Computed(nameof(AssemblyName), InputKind.Property, "The app's assembly name: the entry point's dll.");
    public static readonly Input TargetFramework = Computed(nameof(TargetFramework), InputKind.Property, "The framework the image is for (of a multi-targeted project, the chosen one).");
    public static readonly Input TargetFrameworks = Computed(nameof(TargetFrameworks), InputKind.Property, "Set when the project is multi-targeted.");
    public static readonly Input UsesAspNetCore = Computed(nameof(UsesAspNetCore), InputKind.Property, "true when the project or a project it references uses ASP.NET Core: the aspnet image.",
        from: new[] { "$(_MultiStageUsesAspNetCore)" });
    public static readonly Input SelfContained = Computed(nameof(SelfContained), InputKind.Property, "A self-contained app: the runtime-deps image.");
    public static readonly Input PublishAot = Computed(nameof(PublishAot), InputKind.Property, "A Native AOT app: the runtime-deps image and the native toolchain in the build stage.");
    public static readonly Input PublishTrimmed = Computed(nameof(PublishTrimmed), InputKind.Property, "A trimmed (so self-contained) app.");
    public static readonly Input PublishSingleFile = Computed(nameof(PublishSingleFile), InputKind.Property, "A single-file app: its entry point is the executable.");
    public static readonly Input InvariantGlobalization = Computed(nameof(InvariantGlobalization), InputKind.Property, "No ICU needed: chiseled and Alpine images without the -extra variant.");
    public static readonly Input SpaRoot = Computed(nameof(SpaRoot), InputKind.Property, "The SPA templates' client folder, a place to find the JavaScript front end.");
    public static readonly Input GeneratedLabel = Computed(nameof(GeneratedLabel), InputKind.Item, "An OCI label from the package metadata (Include: the key; Value metadata: the value as the project wrote it).",
        from: new[] { "@(_MultiStageGeneratedLabel)" }, metadata: new[] { InputMetadata.Value });
    public static readonly Input BuildLabel = Computed(nameof(BuildLabel), InputKind.Item, "An OCI label written at the end of the final stage (Include: the key): base.name, base.digest, or version, revision and created from build arguments.",
        from: new[] { "@(_MultiStageBuildLabel)" });

    /// <summary>The public targets, in the schema's order: name and description.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> PublicTargets = new[]
    {
        ("ComputeMultiStageBuildContext", "Runs before Build: finds the build context (when MultiStageBuildContext is not set) and sets DockerfileContext, ContainerBuildContext and ContainerContext from it."),
        ("GenerateMultiStageFiles", "Runs after Build: writes the Dockerfile and .dockerignore (and compose.yaml when asked)."),
        ("MultiStageContainerImage", "Builds the image with docker (buildx), podman or buildah."),
        ("MultiStageContainerRun", "Builds the image, then runs it with its ports published (docker or podman)."),
    };

    /// <summary>Every input, in declaration order.</summary>
    public static IReadOnlyList<Input> All => declared;

    /// <summary>The inputs of the _MultiStageGeneratorInput list, in declaration order.</summary>
    public static IEnumerable<Input> GeneratorInputs => declared.Where(i => i.ReadBy == InputReader.Generator);

    /// <summary>Every metadata a generator input carries: a property's Value, an item's Include (Item), and the items' own.</summary>
    public static IReadOnlyList<string> GeneratorMetadataNames { get; } =
        new[] { InputMetadata.Value, InputMetadata.Item }.Concat(GeneratorInputs.SelectMany(i => i.Metadata)).Distinct().ToList();

    private static Input Flag(string name, string defaultValue, string description) => Flag(name, defaultValue, InputReader.Generator, description);

    private static Input Flag(string name, string defaultValue, InputReader readBy, string description) =>
        Declare(new Input(name, InputKind.Property, InputAudience.Public, readBy, description) { SchemaType = "boolean", Default = defaultValue });

    private static Input Text(string name, string defaultValue, string description) => Text(name, defaultValue, InputReader.Generator, description);

    private static Input Text(string name, string defaultValue, InputReader readBy, string description) =>
        Declare(new Input(name, InputKind.Property, InputAudience.Public, readBy, description) { Default = defaultValue });

    private static Input Items(string name, InputReader readBy, string description, params string[] metadata) =>
        Declare(new Input(name, InputKind.Item, InputAudience.Public, readBy, description) { Metadata = metadata });

    private static Input PackageMetadata(string name) =>
        Declare(new Input(name, InputKind.Property, InputAudience.PackageMetadata, InputReader.Targets, "Package metadata, an OCI label when set."));

    /// <param name="from">The MSBuild expressions the value comes from, when not the input's own property or item.</param>
    private static Input Computed(string name, InputKind kind, string description, string[]? from = null, string[]? metadata = null) =>
        Declare(new Input(name, kind, InputAudience.Computed, InputReader.Generator, description)
        {
            Sources = from ?? Array.Empty<string>(),
            Metadata = metadata ?? Array.Empty<string>(),
        });

    private static Input Declare(Input input)
    {
        declared.Add(input);
        return input;
    }
}
