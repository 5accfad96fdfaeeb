using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Facts;

/// <summary>
/// Finds the files restore reads for a set of projects, so the Dockerfile's restore layer holds exactly them:
/// the project files; Directory.Build.props/.targets, Directory.Packages.props, Directory.Build.rsp, NuGet.config
/// (any casing) and global.json in every folder from each project up to the context root; packages.lock.json
/// beside each project; files those import by a path inside the context; and local package folders NuGet.config names.
/// </summary>
internal sealed class RestoreInputs
{
    private static readonly string[] FolderFiles =
    {
        "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "Directory.Build.rsp", "global.json",
    };

    private static readonly Regex ThisFileDirectory = new(@"\$\(MSBuildThisFileDirectory\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex ProjectDirectory = new(@"\$\(MSBuildProjectDirectory\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly string contextRoot;
    private readonly SortedSet<string> files = new(StringComparer.Ordinal);
    private readonly List<NuGetConfig> nuGetConfigs = new();

    private RestoreInputs(string contextRoot) => this.contextRoot = BuildContext.Normalize(contextRoot);

    /// <summary>Absolute paths of the files restore reads.</summary>
    public IReadOnlyCollection<string> Files => files;

    public IReadOnlyList<NuGetConfig> NuGetConfigs => nuGetConfigs;

    public static RestoreInputs Find(string contextRoot, IEnumerable<string> projectFiles)
    {
        var inputs = new RestoreInputs(contextRoot);
        foreach (var project in projectFiles)
        {
            inputs.AddProject(Path.GetFullPath(project));
        }

        return inputs;
    }

    private void AddProject(string projectFile)
    {
        AddWithImports(projectFile, Path.GetDirectoryName(projectFile)!);
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        AddIfExists(Path.Combine(projectDirectory, "packages.lock.json"));

        for (var folder = new DirectoryInfo(projectDirectory); folder is not null && BuildContext.Contains(contextRoot, folder.FullName); folder = folder.Parent)
        {
            foreach (var name in FolderFiles)
            {
                AddWithImports(Path.Combine(folder.FullName, name), projectDirectory);
            }

            // NuGet reads nuget.config in any casing; match the file as it is on disk.
            foreach (var config in ProjectFiles.EnumerateFiles(folder).Where(f => NuGetConfig.IsNuGetConfigName(f.Name)))
            {
                if (files.Add(config.FullName))
                {
                    nuGetConfigs.Add(NuGetConfig.Read(config.FullName));
                }
            }
        }
    }

    private void AddWithImports(string path, string projectDirectory)
    {
        if (!ProjectFiles.FileExists(path) || !BuildContext.Contains(contextRoot, path) || !files.Add(Path.GetFullPath(path)))
        {
            return;
        }

        if (!path.EndsWith("proj", StringComparison.OrdinalIgnoreCase)
            && !path.EndsWith(".props", StringComparison.OrdinalIgnoreCase)
            && !path.EndsWith(".targets", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        foreach (var import in ImportedFiles(path, projectDirectory))
        {
            AddWithImports(import, projectDirectory);
        }
    }

    /// <summary>
    /// Imports whose path MSBuild would resolve the same way in the image: literal relative paths and paths
    /// built on $(MSBuildThisFileDirectory) or $(MSBuildProjectDirectory). SDK imports and other properties are skipped.
    /// </summary>
    private static IEnumerable<string> ImportedFiles(string path, string projectDirectory)
    {
        XDocument document;
        try
        {
            document = ProjectFiles.LoadXml(path);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        var folder = Path.GetDirectoryName(path)!;
        foreach (var import in document.Descendants().Where(e => e.Name.LocalName == "Import"))
        {
            if (import.Attribute("Sdk") is not null || (string?)import.Attribute("Project") is not { Length: > 0 } project)
            {
                continue;
            }

            var resolved = ThisFileDirectory.Replace(project, folder + Path.DirectorySeparatorChar);
            resolved = ProjectDirectory.Replace(resolved, projectDirectory);
            if (resolved.Contains("$(") || resolved.Contains("*") || resolved.Contains("@(") || resolved.Contains("%("))
            {
                continue;
            }

            yield return Path.GetFullPath(Path.Combine(folder, resolved.Replace('\\', Path.DirectorySeparatorChar)));
        }
    }

    private void AddIfExists(string path)
    {
        if (ProjectFiles.FileExists(path) && BuildContext.Contains(contextRoot, path))
        {
            files.Add(Path.GetFullPath(path));
        }
    }
}
