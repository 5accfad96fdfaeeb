using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace MultiStage.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the SDK reports. Codes are stable; each has a page in docs/diagnostics/. Ranges: 1xxx project input,
/// 2xxx files on disk, 3xxx image selection, 4xxx building and running images. This file holds the table up to 4006;
/// the shipping codes have a part each (4007 archive, 4010 push, 4017 base image lock, 4020 build metadata, 4025 registry cache, 4030 SBOM), and docs/diagnostics/README.md lists them all.
/// </summary>
internal static partial class DiagnosticDescriptors
{
    private const DiagnosticSeverity Error = DiagnosticSeverity.Error;
    private const DiagnosticSeverity Warning = DiagnosticSeverity.Warning;

    // 1xxx: project input

    public static readonly DiagnosticDescriptor UnsupportedTargetFramework = new(
        "MULTISTAGE1001", Error,
        "TargetFramework '{0}' has no Linux container image: only .NET 5 and newer (without an OS suffix) run in .NET containers. Target net8.0 or newer, or set GenerateDockerfile=false.");

    public static readonly DiagnosticDescriptor EndOfLifeTargetFramework = new(
        "MULTISTAGE1002", Warning,
        "TargetFramework '{0}' is out of support: its images ({1}) no longer get security fixes. Move to net8.0 or newer.");

    public static readonly DiagnosticDescriptor TargetFrameworkNotTargeted = new(
        "MULTISTAGE1003", Error,
        "MultiStageTargetFramework '{0}' is not one of the project's TargetFrameworks '{1}'.");

    public static readonly DiagnosticDescriptor NoContainerTargetFramework = new(
        "MULTISTAGE1004", Error,
        "None of TargetFrameworks '{0}' has a Linux container image. Add net8.0 or newer, or set GenerateDockerfile=false.");

    public static readonly DiagnosticDescriptor InvalidPort = new(
        "MULTISTAGE1010", Error,
        "ContainerPort '{0}' is not a port number between 1 and 65535.");

    public static readonly DiagnosticDescriptor InvalidPortType = new(
        "MULTISTAGE1011", Error,
        "ContainerPort '{0}' has Type '{1}'; use tcp or udp.");

    public static readonly DiagnosticDescriptor InvalidEnvironmentVariableName = new(
        "MULTISTAGE1012", Error,
        "ContainerEnvironmentVariable '{0}' is not a valid variable name: use letters, digits, '_', '.' and '-', not starting with a digit.");

    public static readonly DiagnosticDescriptor InvalidLabelKey = new(
        "MULTISTAGE1013", Error,
        "ContainerLabel '{0}' is not a valid label key: use letters, digits, '.', '-', '_' and '/', starting with a letter or digit.");

    public static readonly DiagnosticDescriptor UnplaceableValue = new(
        "MULTISTAGE1014", Error,
        "{0} '{1}' contains {2}, which cannot be written into a Dockerfile safely.");

    public static readonly DiagnosticDescriptor InvalidContainerUser = new(
        "MULTISTAGE1015", Error,
        "ContainerUser '{0}' is not a user: use a name or numeric id, optionally ':group' (letters, digits, '_', '.', '-').");

    public static readonly DiagnosticDescriptor InvalidWorkingDirectory = new(
        "MULTISTAGE1016", Error,
        "ContainerWorkingDirectory '{0}' is not an absolute Linux path of letters, digits, '_', '.', '-' and '/'.");

    public static readonly DiagnosticDescriptor RootUser = new(
        "MULTISTAGE1017", Warning,
        "{0} makes root the app's user. Remove it to run as the images' non-root 'app' user (uid 1654), or add MULTISTAGE1017 to NoWarn if root is really needed.");

    public static readonly DiagnosticDescriptor DockerfilePathIsAnotherGeneratedFile = new(
        "MULTISTAGE1018", Error,
        "MultiStageDockerfilePath '{0}' is '{1}', the {2} the SDK writes too; both would go into one file. Give the Dockerfile a path of its own.");

    public static readonly DiagnosticDescriptor ContextDoesNotContainProject = new(
        "MULTISTAGE1020", Error,
        "MultiStageBuildContext '{0}' does not contain the project '{1}'; docker build could not see it. Point it at a folder above the project.");

    public static readonly DiagnosticDescriptor ContextNotFound = new(
        "MULTISTAGE1021", Error,
        "MultiStageBuildContext '{0}' does not exist.");

    public static readonly DiagnosticDescriptor ProjectReferenceMissing = new(
        "MULTISTAGE1022", Error,
        "ProjectReference '{0}' does not exist, so restore in the image would fail.");

    public static readonly DiagnosticDescriptor ProjectReferenceOutsideContext = new(
        "MULTISTAGE1023", Error,
        "ProjectReference '{0}' is outside the build context '{1}'; docker build could not see it. Set MultiStageBuildContext to a folder that holds both.");

    public static readonly DiagnosticDescriptor InvalidImageReference = new(
        "MULTISTAGE1024", Error,
        "{0} '{1}' is not a valid image reference.");

    public static readonly DiagnosticDescriptor LocalFeedOutsideContext = new(
        "MULTISTAGE1025", Warning,
        "NuGet.config source '{0}' is a folder outside the build context '{1}'; restore inside the image cannot read it.");

    public static readonly DiagnosticDescriptor ClearTextNuGetCredentials = new(
        "MULTISTAGE1026", Warning,
        "'{0}' holds a NuGet password in clear text, so it travels with the build context into the build stage. Reference an environment variable instead (%FEED_TOKEN%): the Dockerfile then passes it as a build secret, which no image layer keeps.");

    public static readonly DiagnosticDescriptor ClientWithoutLockfile = new(
        "MULTISTAGE1030", Warning,
        "The JavaScript client in '{0}' has no lockfile ({1}), so the image installs whatever versions are newest that day: builds are not reproducible. Commit the lockfile your package manager writes.");

    public static readonly DiagnosticDescriptor UnreadableNodeVersion = new(
        "MULTISTAGE1031", Warning,
        "{0} '{1}' is not a Node.js version or range the SDK understands; the client builds on Node.js {2}. Write a major version (e.g. 22) or set MultiStageNodeVersion.");

    public static readonly DiagnosticDescriptor InvalidNodeVersion = new(
        "MULTISTAGE1032", Error,
        "MultiStageNodeVersion '{0}' is not a Node.js version: use a major version such as 22, or an exact one such as 22.11.0.");

    public static readonly DiagnosticDescriptor ClientPathWithoutPackageJson = new(
        "MULTISTAGE1033", Error,
        "MultiStageClientPath '{0}' holds no package.json ('{1}' does not exist). Point it at the folder of the JavaScript client, or set MultiStageClient=false.");

    public static readonly DiagnosticDescriptor ClientOutsideContext = new(
        "MULTISTAGE1034", Error,
        "{0} '{1}' is outside the build context '{2}'; docker build could not see the client. Set MultiStageBuildContext to a folder that holds both.");

    public static readonly DiagnosticDescriptor ClientWithoutBuildScript = new(
        "MULTISTAGE1035", Warning,
        "'{0}' has no '{1}' script, so the image gets no client stage. Add the script, name another one with MultiStageClientBuildScript, or set MultiStageClient=false.");

    public static readonly DiagnosticDescriptor UnreadablePackageJson = new(
        "MULTISTAGE1036", Warning,
        "'{0}' cannot be read as JSON ({1}), so the image gets no client stage. Fix the file, or set MultiStageClient=false.");

    public static readonly DiagnosticDescriptor FragmentHeredocNeedsFrontend = new(
        "MULTISTAGE1038", Error,
        "MultiStageDockerfileFragment '{0}' line {1} starts a heredoc (<<), which only Dockerfile frontends 1.4 and newer read, and {2}; an older frontend would read its lines as instructions. Set MultiStageDockerfileSyntax to docker/dockerfile:1 (or a 1.x from 1.4), or write the lines without a heredoc.");

    public static readonly DiagnosticDescriptor SplicedDockerfileMisread = new(
        "MULTISTAGE1039", Error,
        "The Dockerfile with the MultiStageDockerfileFragment items spliced in does not read as it was generated: {0} Nothing is written. Check the fragments' last lines for a line continuation or heredoc that runs on.");

    public static readonly DiagnosticDescriptor InvalidFragment = new(
        "MULTISTAGE1040", Error,
        "MultiStageDockerfileFragment '{0}' line {1}: {2} Its lines are spliced into a stage of the generated Dockerfile, so they may not start, end or break a stage.");

    public static readonly DiagnosticDescriptor InvalidOsPackage = new(
        "MULTISTAGE1041", Error,
        "MultiStageOsPackage '{0}' is not a package name: use letters, digits and '+', '.', '_', '-', ':', '=', '~' (a version as name=version), starting with a letter or digit and not ending in '-' or a single '+' (apt-get reads those as remove and install).");

    public static readonly DiagnosticDescriptor ItemPathMissing = new(
        "MULTISTAGE1042", Error,
        "{0} '{1}' does not exist ('{2}'). Its path is relative to the project folder.");

    public static readonly DiagnosticDescriptor ItemPathOutsideContext = new(
        "MULTISTAGE1043", Error,
        "{0} '{1}' is not inside the build context '{2}'; docker build could not see it. Move it into the context, or set MultiStageBuildContext to a folder that holds both.");

    public static readonly DiagnosticDescriptor CaCertificateNotPem = new(
        "MULTISTAGE1044", Error,
        "MultiStageCaCertificate '{0}' is not PEM certificates alone: {1}. Export the CA certificate in PEM (Base-64) form, with nothing else in the file.");

    public static readonly DiagnosticDescriptor CaCertificateHoldsPrivateKey = new(
        "MULTISTAGE1045", Error,
        "MultiStageCaCertificate '{0}' holds a private key ({1}), which must never reach a build context or an image. Give the certificate alone.");

    public static readonly DiagnosticDescriptor InvalidImagePath = new(
        "MULTISTAGE1046", Error,
        "{0} '{1}' is not a Linux path of letters, digits, '_', '.', '-' and '/' ({2}).");

    public static readonly DiagnosticDescriptor InvalidOwner = new(
        "MULTISTAGE1047", Error,
        "MultiStageImageFile '{0}' has Owner '{1}': use app (the app's user), root, or a user name or numeric id, optionally ':group'.");

    public static readonly DiagnosticDescriptor InvalidFragmentPoint = new(
        "MULTISTAGE1048", Error,
        "MultiStageDockerfileFragment '{0}' has Point '{1}'; use BeforeRestore, BeforePublish, BeforeAppCopy or AfterAppCopy.");

    public static readonly DiagnosticDescriptor InvalidOsPackageStage = new(
        "MULTISTAGE1049", Error,
        "MultiStageOsPackage '{0}' has Stage '{1}'; use final (the app's image, the default) or build (the SDK stage).");

    public static readonly DiagnosticDescriptor HealthCheckTwice = new(
        "MULTISTAGE1050", Error,
        "ContainerHealthCheck is given more than once ('{0}'); an image has one HEALTHCHECK. Keep one item.");

    public static readonly DiagnosticDescriptor InvalidHealthCheckPath = new(
        "MULTISTAGE1051", Error,
        "ContainerHealthCheck '{0}' is not a URL path: use the path the app answers on, starting with '/', such as /healthz.");

    public static readonly DiagnosticDescriptor InvalidHealthCheckValue = new(
        "MULTISTAGE1052", Error,
        "ContainerHealthCheck {0} '{1}' is not {2}.");

    public static readonly DiagnosticDescriptor HealthCheckWithoutPort = new(
        "MULTISTAGE1053", Error,
        "ContainerHealthCheck '{0}' needs a TCP port to ask: the app is not a web app and has no ContainerPort. Add a ContainerPort item.");

    public static readonly DiagnosticDescriptor HealthCheckSelfContained = new(
        "MULTISTAGE1054", Error,
        "ContainerHealthCheck '{0}' needs dotnet in the image or Native AOT, and this self-contained app has neither: its runtime-deps image has no dotnet to run the probe. Publish framework-dependent (SelfContained=false) or with PublishAot=true, or remove ContainerHealthCheck.");

    public static readonly DiagnosticDescriptor ImagePathNotAllowed = new(
        "MULTISTAGE1055", Error,
        "{0} '{1}' is {2}; the app's files and folders may not go there. Use a folder of the app's own, such as /app/data, /opt/<name> or /var/lib/<name>.");

    public static readonly DiagnosticDescriptor InvalidBooleanMetadata = new(
        "MULTISTAGE1056", Error,
        "{0} '{1}' has {2} '{3}'; use true or false (empty means the default, false).");

    // 2xxx: files on disk

    public static readonly DiagnosticDescriptor DockerfileNotOwned = new(
        "MULTISTAGE2001", Warning,
        "'{0}' was not written by MultiStage.Sdk (no generated-file marker), so it is left unchanged. Delete it to let the SDK generate it, or set GenerateDockerfile=false (or add MULTISTAGE2001 to NoWarn) to keep yours.");

    public static readonly DiagnosticDescriptor DockerignoreNotOwned = new(
        "MULTISTAGE2002", Warning,
        "'{0}' was not written by MultiStage.Sdk (no generated-file marker), so it is left unchanged; check it excludes **/bin/ and **/obj/. Delete it to let the SDK generate it, or set MultiStageGenerateDockerignore=false (or add MULTISTAGE2002 to NoWarn) to keep yours.");

    public static readonly DiagnosticDescriptor CannotWriteFile = new(
        "MULTISTAGE2003", Error,
        "Cannot write '{0}': {1}");

    public static readonly DiagnosticDescriptor ComposeNotOwned = new(
        "MULTISTAGE2004", Warning,
        "'{0}' was not written by MultiStage.Sdk (no generated-file marker), so no compose.yaml is generated next to it. Delete it to let the SDK generate compose.yaml, or set MultiStageGenerateCompose=false (or add MULTISTAGE2004 to NoWarn).");

    public static readonly DiagnosticDescriptor ItemFileNotReadable = new(
        "MULTISTAGE2005", Error,
        "{0} '{1}' is {2}; the SDK reads only regular files of at most 1 MiB. Give the file itself, inside the build context.");

    // 3xxx: image selection

    public static readonly DiagnosticDescriptor MixedMuslAndGlibc = new(
        "MULTISTAGE3001", Error,
        "RuntimeIdentifiers '{0}' mix musl (linux-musl-*) and glibc (linux-*) targets; one image cannot run both. Use one kind.");

    public static readonly DiagnosticDescriptor SdkPinTooOld = new(
        "MULTISTAGE3002", Error,
        "global.json pins SDK '{0}', which cannot build TargetFramework '{1}'. Pin a {2}.x SDK or newer.");

    public static readonly DiagnosticDescriptor ImageTagDoesNotExist = new(
        "MULTISTAGE3003", Error,
        "{0}: there is no image '{1}'. {2}");

    public static readonly DiagnosticDescriptor MissingDigest = new(
        "MULTISTAGE3004", Error,
        "MultiStagePinDigests is true but no MultiStageImageDigest item gives a digest for '{0}'. Add <MultiStageImageDigest Include=\"{0}\" Digest=\"sha256:...\" />.");

    public static readonly DiagnosticDescriptor InvalidDigest = new(
        "MULTISTAGE3005", Error,
        "MultiStageImageDigest '{0}' has Digest '{1}', which is not of the form sha256:<64 hex digits>.");

    public static readonly DiagnosticDescriptor FamilyContradictsRuntimeIdentifier = new(
        "MULTISTAGE3006", Error,
        "ContainerFamily '{0}' is {1} but RuntimeIdentifiers '{2}' are {3}; the app would not start. Use a matching family or RID.");

    public static readonly DiagnosticDescriptor OsPackagesNotInstallable = new(
        "MULTISTAGE3007", Error,
        "MultiStageOsPackage {0} cannot be installed into '{1}': it has no shell and no package manager, and no image of the same OS to install them in and take the files from. Families that can: {2}; or set ContainerBaseImage to an image that has the packages.");

    public static readonly DiagnosticDescriptor OsPackageManagerUnknown = new(
        "MULTISTAGE3008", Error,
        "{0} '{1}' looks like Alpine, but its tag names no image family, so the OS packages ({2}) would be installed with apt-get, which Alpine has not. Set ContainerFamily to alpine, so apk installs them, or use a tag that names the family.");

    // 4xxx: building and running images

    public static readonly DiagnosticDescriptor NoContainerBuilder = new(
        "MULTISTAGE4001", Error,
        "No container image builder was found: looked for {0}. Install one, or name the one to use with MultiStageContainerBuilder. Generating the Dockerfile needs none.");

    public static readonly DiagnosticDescriptor ContainerBuildFailed = new(
        "MULTISTAGE4002", Error,
        "'{0}' exited with code {1} while building the image; its output is above.");

    public static readonly DiagnosticDescriptor NoDockerfileToBuild = new(
        "MULTISTAGE4003", Error,
        "There is no Dockerfile to build ('{0}'): it was not generated, because GenerateDockerfile is false or the project is not an application.");

    public static readonly DiagnosticDescriptor NoContainerRunner = new(
        "MULTISTAGE4004", Error,
        "No container runtime can run the image: found {0}. buildah builds images but cannot run them; install docker or podman, or name one with MultiStageContainerBuilder.");

    public static readonly DiagnosticDescriptor NoDockerBuildKit = new(
        "MULTISTAGE4005", Error,
        "The docker CLI ({0}) cannot build with BuildKit: it has no buildx plugin, and docker CLIs from 23.0 on reach BuildKit only through buildx; its legacy builder cannot build the generated Dockerfile (RUN --mount, FROM --platform=$BUILDPLATFORM). Install the buildx plugin (docker-buildx-plugin, or docker-buildx on Debian and Ubuntu), or build with podman or buildah (MultiStageContainerBuilder).");

    public static readonly DiagnosticDescriptor MultiPlatformNeedsBuildx = new(
        "MULTISTAGE4006", Error,
        "Building for several platforms ({0}) with docker needs the buildx plugin, which this docker CLI ({1}) lacks. Install it (docker-buildx-plugin, or docker-buildx on Debian and Ubuntu), build one platform at a time (MultiStageRuntimeIdentifiers), or build with podman or buildah, which make a manifest list.");

    /// <summary>Every descriptor of every part of this class, read from the fields, so no list needs keeping by hand.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => all ??= typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Code, StringComparer.Ordinal)
        .ToList();
}
