using System.Collections.Generic;

namespace MultiStage.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the SDK reports. Codes are stable; each has a page in docs/diagnostics/.
/// Ranges: 1xxx project input, 2xxx files on disk, 3xxx image selection, 4xxx building and running images.
/// </summary>
public static class DiagnosticDescriptors
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

    // 1xxx: project input

    public static readonly DiagnosticDescriptor UnsupportedTargetFramework = new(
        "MULTISTAGE1001", Error, "Target framework has no Linux container image",
        "TargetFramework '{0}' has no Linux container image: only .NET 5 and newer (without an OS suffix) run in .NET containers. Target net8.0 or newer, or set GenerateDockerfile=false.");

    public static readonly DiagnosticDescriptor EndOfLifeTargetFramework = new(
        "MULTISTAGE1002", Warning, "Target framework is out of support",
        "TargetFramework '{0}' is out of support: its images ({1}) no longer get security fixes. Move to net8.0 or newer.");

    public static readonly DiagnosticDescriptor TargetFrameworkNotTargeted = new(
        "MULTISTAGE1003", Error, "MultiStageTargetFramework is not one of the project's frameworks",
        "MultiStageTargetFramework '{0}' is not one of the project's TargetFrameworks '{1}'.");

    public static readonly DiagnosticDescriptor NoContainerTargetFramework = new(
        "MULTISTAGE1004", Error, "No target framework can run in a Linux container",
        "None of TargetFrameworks '{0}' has a Linux container image. Add net8.0 or newer, or set GenerateDockerfile=false.");

    public static readonly DiagnosticDescriptor InvalidPort = new(
        "MULTISTAGE1010", Error, "ContainerPort is not a port number",
        "ContainerPort '{0}' is not a port number between 1 and 65535.");

    public static readonly DiagnosticDescriptor InvalidPortType = new(
        "MULTISTAGE1011", Error, "ContainerPort has an unknown Type",
        "ContainerPort '{0}' has Type '{1}'; use tcp or udp.");

    public static readonly DiagnosticDescriptor InvalidEnvironmentVariableName = new(
        "MULTISTAGE1012", Error, "ContainerEnvironmentVariable has an invalid name",
        "ContainerEnvironmentVariable '{0}' is not a valid variable name: use letters, digits, '_', '.' and '-', not starting with a digit.");

    public static readonly DiagnosticDescriptor InvalidLabelKey = new(
        "MULTISTAGE1013", Error, "ContainerLabel has an invalid key",
        "ContainerLabel '{0}' is not a valid label key: use letters, digits, '.', '-', '_' and '/', starting with a letter or digit.");

    public static readonly DiagnosticDescriptor UnplaceableValue = new(
        "MULTISTAGE1014", Error, "A value cannot be written into a Dockerfile safely",
        "{0} '{1}' contains {2}, which cannot be written into a Dockerfile safely.");

    public static readonly DiagnosticDescriptor InvalidContainerUser = new(
        "MULTISTAGE1015", Error, "ContainerUser is not a user name or id",
        "ContainerUser '{0}' is not a user: use a name or numeric id, optionally ':group' (letters, digits, '_', '.', '-').");

    public static readonly DiagnosticDescriptor InvalidWorkingDirectory = new(
        "MULTISTAGE1016", Error, "ContainerWorkingDirectory is not an absolute Linux path",
        "ContainerWorkingDirectory '{0}' is not an absolute Linux path of letters, digits, '_', '.', '-' and '/'.");

    public static readonly DiagnosticDescriptor RootUser = new(
        "MULTISTAGE1017", Warning, "The image runs as root",
        "ContainerUser '{0}' makes the image run as root. Remove it to run as the images' non-root 'app' user.");

    public static readonly DiagnosticDescriptor ContextDoesNotContainProject = new(
        "MULTISTAGE1020", Error, "The build context does not contain the project",
        "MultiStageBuildContext '{0}' does not contain the project '{1}'; docker build could not see it. Point it at a folder above the project.");

    public static readonly DiagnosticDescriptor ContextNotFound = new(
        "MULTISTAGE1021", Error, "The build context folder does not exist",
        "MultiStageBuildContext '{0}' does not exist.");

    public static readonly DiagnosticDescriptor ProjectReferenceMissing = new(
        "MULTISTAGE1022", Error, "A ProjectReference points at a missing file",
        "ProjectReference '{0}' does not exist, so restore in the image would fail.");

    public static readonly DiagnosticDescriptor ProjectReferenceOutsideContext = new(
        "MULTISTAGE1023", Error, "A ProjectReference is outside the build context",
        "ProjectReference '{0}' is outside the build context '{1}'; docker build could not see it. Set MultiStageBuildContext to a folder that holds both.");

    public static readonly DiagnosticDescriptor InvalidImageReference = new(
        "MULTISTAGE1024", Error, "An image reference is not valid",
        "{0} '{1}' is not a valid image reference.");

    public static readonly DiagnosticDescriptor LocalFeedOutsideContext = new(
        "MULTISTAGE1025", Warning, "A local package source is outside the build context",
        "NuGet.config source '{0}' is a folder outside the build context '{1}'; restore inside the image cannot read it.");

    public static readonly DiagnosticDescriptor ClearTextNuGetCredentials = new(
        "MULTISTAGE1026", Warning, "NuGet.config holds a password in clear text",
        "'{0}' holds a NuGet password in clear text, so it travels with the build context into the build stage. Reference an environment variable instead (%FEED_TOKEN%): the Dockerfile then passes it as a build secret, which no image layer keeps.");

    public static readonly DiagnosticDescriptor ClientWithoutLockfile = new(
        "MULTISTAGE1030", Warning, "The JavaScript client has no lockfile",
        "The JavaScript client in '{0}' has no lockfile ({1}), so the image installs whatever versions are newest that day: builds are not reproducible. Commit the lockfile your package manager writes.");

    public static readonly DiagnosticDescriptor UnreadableNodeVersion = new(
        "MULTISTAGE1031", Warning, "The Node.js version cannot be read",
        "{0} '{1}' is not a Node.js version or range the SDK understands; the client builds on Node.js {2}. Write a major version (e.g. 22) or set MultiStageNodeVersion.");

    public static readonly DiagnosticDescriptor InvalidNodeVersion = new(
        "MULTISTAGE1032", Error, "MultiStageNodeVersion is not a Node.js version",
        "MultiStageNodeVersion '{0}' is not a Node.js version: use a major version such as 22, or an exact one such as 22.11.0.");

    public static readonly DiagnosticDescriptor ClientPathWithoutPackageJson = new(
        "MULTISTAGE1033", Error, "MultiStageClientPath holds no package.json",
        "MultiStageClientPath '{0}' holds no package.json ('{1}' does not exist). Point it at the folder of the JavaScript client, or set MultiStageClient=false.");

    public static readonly DiagnosticDescriptor ClientOutsideContext = new(
        "MULTISTAGE1034", Error, "The JavaScript client is outside the build context",
        "{0} '{1}' is outside the build context '{2}'; docker build could not see the client. Set MultiStageBuildContext to a folder that holds both.");

    public static readonly DiagnosticDescriptor ClientWithoutBuildScript = new(
        "MULTISTAGE1035", Warning, "The JavaScript client has no build script",
        "'{0}' has no '{1}' script, so the image gets no client stage. Add the script, name another one with MultiStageClientBuildScript, or set MultiStageClient=false.");

    public static readonly DiagnosticDescriptor UnreadablePackageJson = new(
        "MULTISTAGE1036", Warning, "package.json cannot be read",
        "'{0}' cannot be read as JSON ({1}), so the image gets no client stage. Fix the file, or set MultiStageClient=false.");

    // 2xxx: files on disk

    public static readonly DiagnosticDescriptor DockerfileNotOwned = new(
        "MULTISTAGE2001", Warning, "A Dockerfile the SDK did not write is left alone",
        "'{0}' was not written by MultiStage.Sdk (no generated-file marker), so it is left unchanged. Delete it to let the SDK generate it, or set GenerateDockerfile=false (or add MULTISTAGE2001 to NoWarn) to keep yours.");

    public static readonly DiagnosticDescriptor DockerignoreNotOwned = new(
        "MULTISTAGE2002", Warning, "A .dockerignore the SDK did not write is left alone",
        "'{0}' was not written by MultiStage.Sdk (no generated-file marker), so it is left unchanged; check it excludes **/bin/ and **/obj/. Delete it to let the SDK generate it, or set MultiStageGenerateDockerignore=false (or add MULTISTAGE2002 to NoWarn) to keep yours.");

    public static readonly DiagnosticDescriptor CannotWriteFile = new(
        "MULTISTAGE2003", Error, "A generated file cannot be written",
        "Cannot write '{0}': {1}");

    public static readonly DiagnosticDescriptor ComposeNotOwned = new(
        "MULTISTAGE2004", Warning, "A compose file the SDK did not write is left alone",
        "'{0}' was not written by MultiStage.Sdk (no generated-file marker), so no compose.yaml is generated next to it. Delete it to let the SDK generate compose.yaml, or set MultiStageGenerateCompose=false (or add MULTISTAGE2004 to NoWarn).");

    // 3xxx: image selection

    public static readonly DiagnosticDescriptor MixedMuslAndGlibc = new(
        "MULTISTAGE3001", Error, "Runtime identifiers mix musl and glibc",
        "RuntimeIdentifiers '{0}' mix musl (linux-musl-*) and glibc (linux-*) targets; one image cannot run both. Use one kind.");

    public static readonly DiagnosticDescriptor SdkPinTooOld = new(
        "MULTISTAGE3002", Error, "global.json pins an SDK too old for the target framework",
        "global.json pins SDK '{0}', which cannot build TargetFramework '{1}'. Pin a {2}.x SDK or newer.");

    public static readonly DiagnosticDescriptor ImageTagDoesNotExist = new(
        "MULTISTAGE3003", Error, "No official image exists for this combination",
        "{0}: there is no image '{1}'. {2}");

    public static readonly DiagnosticDescriptor MissingDigest = new(
        "MULTISTAGE3004", Error, "MultiStagePinDigests is on but an image has no digest",
        "MultiStagePinDigests is true but no MultiStageImageDigest item gives a digest for '{0}'. Add <MultiStageImageDigest Include=\"{0}\" Digest=\"sha256:...\" />.");

    public static readonly DiagnosticDescriptor InvalidDigest = new(
        "MULTISTAGE3005", Error, "An image digest is not valid",
        "MultiStageImageDigest '{0}' has Digest '{1}', which is not of the form sha256:<64 hex digits>.");

    public static readonly DiagnosticDescriptor FamilyContradictsRuntimeIdentifier = new(
        "MULTISTAGE3006", Error, "ContainerFamily contradicts the runtime identifier",
        "ContainerFamily '{0}' is {1} but RuntimeIdentifiers '{2}' are {3}; the app would not start. Use a matching family or RID.");

    // 4xxx: building and running images

    public static readonly DiagnosticDescriptor NoContainerBuilder = new(
        "MULTISTAGE4001", Error, "No container image builder was found",
        "No container image builder was found: looked for {0}. Install one, or name the one to use with MultiStageContainerBuilder. Generating the Dockerfile needs none.");

    public static readonly DiagnosticDescriptor ContainerBuildFailed = new(
        "MULTISTAGE4002", Error, "The image build failed",
        "'{0}' exited with code {1} while building the image; its output is above.");

    public static readonly DiagnosticDescriptor NoDockerfileToBuild = new(
        "MULTISTAGE4003", Error, "There is no Dockerfile to build",
        "There is no Dockerfile to build ('{0}'): it was not generated, because GenerateDockerfile is false or the project is not an application.");

    public static readonly DiagnosticDescriptor NoContainerRunner = new(
        "MULTISTAGE4004", Error, "No container runtime can run the image",
        "No container runtime can run the image: found {0}. buildah builds images but cannot run them; install docker or podman, or name one with MultiStageContainerBuilder.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        UnsupportedTargetFramework, EndOfLifeTargetFramework, TargetFrameworkNotTargeted, NoContainerTargetFramework,
        InvalidPort, InvalidPortType, InvalidEnvironmentVariableName, InvalidLabelKey, UnplaceableValue,
        InvalidContainerUser, InvalidWorkingDirectory, RootUser,
        ContextDoesNotContainProject, ContextNotFound, ProjectReferenceMissing, ProjectReferenceOutsideContext,
        InvalidImageReference, LocalFeedOutsideContext, ClearTextNuGetCredentials,
        ClientWithoutLockfile, UnreadableNodeVersion, InvalidNodeVersion, ClientPathWithoutPackageJson, ClientOutsideContext,
        ClientWithoutBuildScript, UnreadablePackageJson,
        DockerfileNotOwned, DockerignoreNotOwned, CannotWriteFile, ComposeNotOwned,
        MixedMuslAndGlibc, SdkPinTooOld, ImageTagDoesNotExist, MissingDigest, InvalidDigest, FamilyContradictsRuntimeIdentifier,
        NoContainerBuilder, ContainerBuildFailed, NoDockerfileToBuild, NoContainerRunner,
    };
}
