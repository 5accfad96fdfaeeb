using System;
using System.Collections.Generic;
using MultiStage.Generator.Client;

namespace MultiStage.Generator.Facts;

/// <summary>A <c>ContainerPort</c> item as the project wrote it; the plan validates it.</summary>
internal sealed record ContainerPort(string Port, string Type);

/// <summary>A name and a value: a <c>ContainerEnvironmentVariable</c> or <c>ContainerLabel</c> item.</summary>
internal sealed record NameValue(string Name, string Value);

/// <summary>The SDK a global.json asks for, if any.</summary>
internal sealed record GlobalJsonSdk(string Version, string RollForward);

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
}
