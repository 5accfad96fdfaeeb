using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Client;

/// <summary>The MSBuild properties that steer JavaScript client detection; null means unset.</summary>
internal sealed record ClientSettings
{
    /// <summary>MultiStageClient: false turns detection off.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>MultiStageClientPath: the client folder, relative to the project folder.</summary>
    public string? ClientPath { get; init; }

    /// <summary>SpaRoot: the client folder as the ASP.NET Core SPA templates name it, relative to the project folder.</summary>
    public string? SpaRoot { get; init; }

    /// <summary>MultiStageClientBuildScript (default: the .esproj's production build command, else "build").</summary>
    public string? BuildScript { get; init; }

    /// <summary>MultiStageClientOutputPath: the build's output folder, relative to the client folder.</summary>
    public string? OutputPath { get; init; }

    /// <summary>MultiStageClientTarget: where the output goes in the published app (default wwwroot).</summary>
    public string? Target { get; init; }

    /// <summary>MultiStageNodeVersion: the Node.js version to build with.</summary>
    public string? NodeVersion { get; init; }

    /// <summary>MultiStageNodeImage: the client stage's image, used as is.</summary>
    public string? NodeImage { get; init; }
}

/// <summary>
/// Finds the JavaScript front end a web app carries, and what building it needs. The first of these routes that
/// holds a package.json is the client: MultiStageClientPath, SpaRoot, a referenced .esproj project, a ClientApp
/// folder beside the project, the project folder itself (the last two for web apps only). Everything else is read
/// from the client folder: the package manager and lockfile, the Node.js version (.nvmrc, .node-version,
/// engines.node), the build script and its output folder.
/// </summary>
internal static class ClientDetector
{
    public const string PackageJson = "package.json";

    private const string ClientAppFolder = "ClientApp";

    private sealed record Candidate(ClientRoute Route, string Folder, string Described, string? JavaScriptProject);

    /// <param name="projectReferences">Absolute paths of the project's references inside the context.</param>
    public static ClientBuild? Detect(
        string contextRoot,
        string projectFile,
        bool isWebApp,
        IEnumerable<string> projectReferences,
        ClientSettings settings,
        List<Diagnostic> diagnostics)
    {
        if (!settings.Enabled)
        {
            return null;
        }

        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        var javaScriptProjects = projectReferences.Where(ClientProjectFile.IsJavaScriptProject).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var candidate = FindCandidate(projectDirectory, isWebApp, javaScriptProjects, settings, diagnostics);
        if (candidate is null)
        {
            return null;
        }

        if (!BuildContext.Contains(contextRoot, candidate.Folder))
        {
            diagnostics.Add(DiagnosticDescriptors.ClientOutsideContext.Create(candidate.Described, candidate.Folder, contextRoot));
            return null;
        }

        var packageJsonPath = Path.Combine(candidate.Folder, PackageJson);
        object? packageJson;
        try
        {
            packageJson = MiniJson.Parse(ProjectFiles.ReadAllText(packageJsonPath));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(DiagnosticDescriptors.UnreadablePackageJson.Create(packageJsonPath, e.Message));
            return null;
        }

        // The .esproj in the client folder, if one is referenced, says how Visual Studio builds the client for production.
        var esproj = javaScriptProjects.FirstOrDefault(p => SameFolder(Path.GetDirectoryName(p)!, candidate.Folder)) ?? candidate.JavaScriptProject;
        var projectSettings = esproj is null ? new ClientProjectFile(null, null) : ClientProjectFile.Read(esproj);

        var buildScript = MSBuildList.Blank(settings.BuildScript) ?? projectSettings.BuildScript ?? ClientBuild.DefaultBuildScript;
        if (MiniJson.GetString(packageJson, "scripts", buildScript) is not { } scriptCommand)
        {
            // A package.json beside a web project may serve only tooling; only a declared client is worth a warning.
            if (candidate.Route is not (ClientRoute.ClientApp or ClientRoute.ProjectFolder))
            {
                diagnostics.Add(DiagnosticDescriptors.ClientWithoutBuildScript.Create(packageJsonPath, buildScript));
            }

            return null;
        }

        var nodeMajor = ChooseNodeMajor(contextRoot, candidate.Folder, packageJson, settings, diagnostics, out var nodeSource);
        if (nodeMajor is null)
        {
            return null;
        }

        var (manager, lockfile) = ClientPackageManagers.Detect(candidate.Folder, packageJson);
        if (lockfile is null)
        {
            diagnostics.Add(DiagnosticDescriptors.ClientWithoutLockfile.Create(candidate.Folder, ClientPackageManagers.LockfileNames(manager)));
        }

        return new ClientBuild
        {
            Folder = BuildContext.Relative(contextRoot, candidate.Folder),
            Route = candidate.Route,
            PackageManager = manager,
            Lockfile = lockfile,
            InstallFiles = ClientPackageManagers.InstallFiles(candidate.Folder),
            InstallFolders = ClientPackageManagers.InstallFolders(candidate.Folder),
            NodeMajor = nodeMajor.Value,
            NodeVersionSource = nodeSource,
            BuildScript = buildScript,
            OutputPath = MSBuildList.Blank(settings.OutputPath) is { } output ? ClientOutputPath.Normalize(output)
                : projectSettings.OutputFolder ?? ClientOutputPath.Infer(candidate.Folder, scriptCommand),
            Target = MSBuildList.Blank(settings.Target) is { } target ? ClientOutputPath.Normalize(target) : ClientBuild.DefaultTarget,
            NodeImage = MSBuildList.Blank(settings.NodeImage),
        };
    }

    /// <summary>The first route that holds a package.json; an explicit MultiStageClientPath without one is an error.</summary>
    private static Candidate? FindCandidate(
        string projectDirectory, bool isWebApp, IReadOnlyList<string> javaScriptProjects, ClientSettings settings, List<Diagnostic> diagnostics)
    {
        if (MSBuildList.Blank(settings.ClientPath) is { } clientPath)
        {
            var folder = FolderOf(projectDirectory, clientPath);
            if (!ProjectFiles.FileExists(Path.Combine(folder, PackageJson)))
            {
                diagnostics.Add(DiagnosticDescriptors.ClientPathWithoutPackageJson.Create(clientPath, Path.Combine(folder, PackageJson)));
                return null;
            }

            return new Candidate(ClientRoute.ClientPath, folder, "MultiStageClientPath", null);
        }

        var candidates = new List<Candidate>();
        if (MSBuildList.Blank(settings.SpaRoot) is { } spaRoot)
        {
            candidates.Add(new Candidate(ClientRoute.SpaRoot, FolderOf(projectDirectory, spaRoot), "SpaRoot", null));
        }

        candidates.AddRange(javaScriptProjects.Select(p => new Candidate(ClientRoute.JavaScriptProject, Path.GetDirectoryName(p)!, "ProjectReference", p)));
        if (isWebApp)
        {
            candidates.Add(new Candidate(ClientRoute.ClientApp, FolderOf(projectDirectory, ClientAppFolder), ClientAppFolder, null));
            candidates.Add(new Candidate(ClientRoute.ProjectFolder, BuildContext.Normalize(projectDirectory), "The project folder", null));
        }

        return candidates.FirstOrDefault(c => ProjectFiles.FileExists(Path.Combine(c.Folder, PackageJson)));
    }

    /// <summary>MultiStageNodeVersion, else .nvmrc or .node-version (the client folder up to the context root), else engines.node, else the LTS line.</summary>
    private static int? ChooseNodeMajor(
        string contextRoot, string clientFolder, object? packageJson, ClientSettings settings, List<Diagnostic> diagnostics, out string source)
    {
        if (MSBuildList.Blank(settings.NodeVersion) is { } property)
        {
            source = "from MultiStageNodeVersion";
            if (ClientNodeVersion.TryParseVersion(property, out var major))
            {
                return major ?? ClientNodeVersion.DefaultMajor;
            }

            diagnostics.Add(DiagnosticDescriptors.InvalidNodeVersion.Create(property));
            return null;
        }

        foreach (var file in VersionFiles(contextRoot, clientFolder))
        {
            source = "from " + BuildContext.Relative(contextRoot, file);
            var text = ReadText(file);
            if (ClientNodeVersion.TryParseVersion(text, out var major))
            {
                return major ?? ClientNodeVersion.DefaultMajor;
            }

            diagnostics.Add(DiagnosticDescriptors.UnreadableNodeVersion.Create(BuildContext.Relative(contextRoot, file), (text ?? string.Empty).Trim(), ClientNodeVersion.DefaultMajor));
            source = "the current LTS";
            return ClientNodeVersion.DefaultMajor;
        }

        if (MiniJson.GetString(packageJson, "engines", "node") is { } range)
        {
            source = "from package.json engines.node";
            if (ClientNodeVersion.FromRange(range) is { } major)
            {
                return major;
            }

            diagnostics.Add(DiagnosticDescriptors.UnreadableNodeVersion.Create("package.json engines.node", range, ClientNodeVersion.DefaultMajor));
        }

        source = "the current LTS";
        return ClientNodeVersion.DefaultMajor;
    }

    /// <summary>The nearest .nvmrc or .node-version, as nvm and other version managers look for them.</summary>
    private static IEnumerable<string> VersionFiles(string contextRoot, string clientFolder)
    {
        for (var folder = new DirectoryInfo(clientFolder); folder is not null && BuildContext.Contains(contextRoot, folder.FullName); folder = folder.Parent)
        {
            foreach (var name in new[] { ".nvmrc", ".node-version" })
            {
                var path = Path.Combine(folder.FullName, name);
                if (ProjectFiles.FileExists(path))
                {
                    yield return path;
                }
            }
        }
    }

    private static string? ReadText(string path)
    {
        try
        {
            return ProjectFiles.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string FolderOf(string projectDirectory, string relative) =>
        BuildContext.Normalize(Path.Combine(projectDirectory, relative.Trim().Replace('\\', Path.DirectorySeparatorChar)));

    private static bool SameFolder(string a, string b) => BuildContext.Normalize(a) == BuildContext.Normalize(b);
}
