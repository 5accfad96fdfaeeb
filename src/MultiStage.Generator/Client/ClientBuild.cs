using System;
using System.Collections.Generic;

namespace MultiStage.Generator.Client;

/// <summary>The package manager that installs a JavaScript client's dependencies.</summary>
internal enum ClientPackageManager
{
    Npm,

    /// <summary>Yarn 1.x: <c>yarn install --frozen-lockfile</c>.</summary>
    YarnClassic,

    /// <summary>Yarn 2 and newer: <c>yarn install --immutable</c>.</summary>
    YarnBerry,

    Pnpm,
}

/// <summary>How a JavaScript client was found; declared routes report problems that conventional ones stay quiet about.</summary>
internal enum ClientRoute
{
    /// <summary>MultiStageClientPath names the folder.</summary>
    ClientPath,

    /// <summary>SpaRoot names the folder, as the ASP.NET Core SPA templates do.</summary>
    SpaRoot,

    /// <summary>A ProjectReference to a JavaScript project (.esproj, Microsoft.VisualStudio.JavaScript.Sdk).</summary>
    JavaScriptProject,

    /// <summary>A ClientApp folder beside the project file.</summary>
    ClientApp,

    /// <summary>A package.json beside the project file.</summary>
    ProjectFolder,
}

/// <summary>
/// A JavaScript front end the web app serves: built in its own Node.js stage, its output copied into the published app.
/// Paths are relative to the build context root (<see cref="Folder"/>) or to the client folder, and use '/'.
/// </summary>
internal sealed record ClientBuild
{
    public const string DefaultBuildScript = "build";

    public const string DefaultTarget = "wwwroot";

    /// <summary>The folder holding package.json, relative to the context root ("." for the root itself).</summary>
    public string Folder { get; init; } = ".";

    public ClientRoute Route { get; init; }

    public ClientPackageManager PackageManager { get; init; }

    /// <summary>The lockfile's name inside <see cref="Folder"/>, or null when there is none (installs are then not reproducible).</summary>
    public string? Lockfile { get; init; }

    /// <summary>Other files the install reads, relative to <see cref="Folder"/> (.npmrc, .yarnrc.yml, pnpm-workspace.yaml, ...).</summary>
    public IReadOnlyList<string> InstallFiles { get; init; } = Array.Empty<string>();

    /// <summary>Folders the install reads, relative to <see cref="Folder"/> (.yarn/releases, patches, ...).</summary>
    public IReadOnlyList<string> InstallFolders { get; init; } = Array.Empty<string>();

    /// <summary>The Node.js major version the stage's image carries.</summary>
    public int NodeMajor { get; init; }

    /// <summary>Where the Node.js version came from, for the Dockerfile's comment ("from ClientApp/.nvmrc", "the current LTS").</summary>
    public string NodeVersionSource { get; init; } = "the current LTS";

    /// <summary>The package.json script that builds the client.</summary>
    public string BuildScript { get; init; } = DefaultBuildScript;

    /// <summary>The folder the build script writes, relative to <see cref="Folder"/> (or absolute in the image).</summary>
    public string OutputPath { get; init; } = "dist";

    /// <summary>Where the output goes in the published app, relative to the app's folder (or absolute).</summary>
    public string Target { get; init; } = DefaultTarget;

    /// <summary>MultiStageNodeImage: the client stage's image, used as is when set.</summary>
    public string? NodeImage { get; init; }
}
