using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MultiStage.Generator.Client;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Facts;

/// <summary>The project's facts with their paths resolved, plus where the generated files go.</summary>
internal sealed record CollectedFacts(
    ProjectFacts? Facts,
    string ContextRoot,
    string DockerfileFullPath,
    string DockerignoreFullPath,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>
    /// The files and folders the facts were read from (missing ones stood for by their nearest existing folder):
    /// while none of them changes and MSBuild's values are the same, collecting again gives the same facts.
    /// </summary>
    public IReadOnlyCollection<string> ConsultedPaths { get; init; } = Array.Empty<string>();
}

/// <summary>
/// Completes the facts MSBuild gave with what only the file system knows: the build context root, the files
/// restore reads, local package folders, the global.json SDK pin, and a JavaScript client to build.
/// </summary>
internal static class FactsCollector
{
    public const string DockerignoreFileName = ".dockerignore";

    public static CollectedFacts Collect(ProjectInputs inputs)
    {
        var collected = ProjectFiles.Observe(() => CollectObserved(inputs.Location, inputs.Values, inputs.NuGetSecret, inputs.Client), out var consulted);
        return collected with { ConsultedPaths = consulted };
    }

    /// <param name="nuGetSecret">MultiStageNuGetSecret: true or false forces the NuGet.config secret on or off; null detects it.</param>
    private static CollectedFacts CollectObserved(ProjectLocation location, ProjectFacts values, bool? nuGetSecret, ClientSettings client)
    {
        var diagnostics = new List<Diagnostic>();
        var projectFile = Path.GetFullPath(location.ProjectFile);
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        var contextRoot = ResolveContextRoot(location.BuildContext, projectDirectory, projectFile, diagnostics);
        var dockerfile = Path.GetFullPath(Path.Combine(projectDirectory, string.IsNullOrWhiteSpace(location.DockerfilePath) ? "Dockerfile" : location.DockerfilePath!));
        var dockerignore = Path.Combine(contextRoot, DockerignoreFileName);
        CheckDockerfileHasItsOwnPath(location.DockerfilePath, dockerfile, contextRoot, diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return new CollectedFacts(null, contextRoot, dockerfile, dockerignore, diagnostics);
        }

        var references = new List<string>();
        foreach (var reference in location.ProjectReferences.Select(r => Path.GetFullPath(Path.Combine(projectDirectory, r))).Distinct())
        {
            if (!ProjectFiles.FileExists(reference))
            {
                diagnostics.Add(DiagnosticDescriptors.ProjectReferenceMissing.Create(reference));
            }
            else if (!BuildContext.Contains(contextRoot, reference))
            {
                diagnostics.Add(DiagnosticDescriptors.ProjectReferenceOutsideContext.Create(reference, contextRoot));
            }
            else
            {
                references.Add(reference);
            }
        }

        var clientBuild = ClientDetector.Detect(contextRoot, projectFile, values.IsWebApp, references, client, diagnostics);

        // With a client stage the image's restore and publish drop .esproj references (MultiStageSkipClientBuild),
        // so the restore layer does not need them.
        var restoredReferences = clientBuild is null ? references : references.Where(r => !ClientProjectFile.IsJavaScriptProject(r));
        var appProjects = new[] { projectFile }.Concat(references.Where(r => !ClientProjectFile.IsJavaScriptProject(r))).ToList();
        var tests = location.TestStage
            ? TestProjects.Find(contextRoot, projectFile, appProjects, location.TestProjects, diagnostics)
            : TestProjects.Found.None;
        var inputs = RestoreInputs.Find(contextRoot, new[] { projectFile }.Concat(restoredReferences).Concat(tests.Tests).Concat(tests.Built));
        var folders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in inputs.NuGetConfigs.SelectMany(c => c.LocalSources).Distinct())
        {
            if (!BuildContext.Contains(contextRoot, source))
            {
                diagnostics.Add(DiagnosticDescriptors.LocalFeedOutsideContext.Create(source, contextRoot));
            }
            else if (ProjectFiles.DirectoryExists(source))
            {
                folders.Add(BuildContext.Relative(contextRoot, source));
            }
        }

        foreach (var config in inputs.NuGetConfigs.Where(c => c.HasClearTextCredentials))
        {
            diagnostics.Add(DiagnosticDescriptors.ClearTextNuGetCredentials.Create(config.Path));
        }

        var customization = CollectCustomization(location, contextRoot, projectDirectory, diagnostics);

        // In the image, dotnet runs from the context root, so only the global.json there chooses the SDK.
        var globalJson = Path.Combine(contextRoot, "global.json");
        var facts = values with
        {
            ProjectPath = BuildContext.Relative(contextRoot, projectFile),
            DockerfilePath = BuildContext.Relative(contextRoot, dockerfile),
            RestoreFiles = inputs.Files.Where(f => !string.Equals(f, projectFile, StringComparison.Ordinal))
                .Select(f => BuildContext.Relative(contextRoot, f)).ToList(),
            RestoreFolders = folders.ToList(),
            ReferencedProjects = references.Where(r => !ClientProjectFile.IsJavaScriptProject(r)).Select(p => BuildContext.Relative(contextRoot, p)).ToList(),
            TestProjects = tests.Tests.Select(p => BuildContext.Relative(contextRoot, p)).ToList(),
            TestReferencedProjects = tests.Built.Where(p => !appProjects.Contains(p)).Select(p => BuildContext.Relative(contextRoot, p)).ToList(),
            BuildOutputFolders = Dockerignore.BuildOutputFolders.Patterns(contextRoot, projectDirectory, location.BuildOutputFolders),
            GlobalJsonSdk = ProjectFiles.FileExists(globalJson) ? GlobalJson.ReadSdk(globalJson) : null,
            MountNuGetConfigSecret = nuGetSecret ?? inputs.NuGetConfigs.Any(c => c.HasCredentials),
            Client = clientBuild,
            ImageFiles = customization.ImageFiles,
            CaCertificates = customization.CaCertificates,
            Fragments = customization.Fragments,
            NuGetSecretVariables = nuGetSecret == false
                ? Array.Empty<string>()
                : inputs.NuGetConfigs.SelectMany(c => c.CredentialVariables).Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToList(),
        };

        return new CollectedFacts(facts, contextRoot, dockerfile, dockerignore, diagnostics);
    }

    /// <summary>The files the customization items name, checked to be in the context, with the content the image needs.</summary>
    private static (List<ImageFile> ImageFiles, List<CaCertificate> CaCertificates, List<DockerfileFragment> Fragments) CollectCustomization(
        ProjectLocation location, string contextRoot, string projectDirectory, List<Diagnostic> diagnostics)
    {
        var imageFiles = new List<ImageFile>();
        foreach (var (path, destination, owner) in location.ImageFiles)
        {
            if (ContextPath("MultiStageImageFile", path, allowFolder: true, contextRoot, projectDirectory, diagnostics) is { } found)
            {
                imageFiles.Add(new ImageFile(found.Relative, found.IsFolder, destination.Trim(), MSBuildList.Blank(owner)));
            }
        }

        var certificates = new List<CaCertificate>();
        foreach (var (path, runtime) in location.CaCertificates)
        {
            if (ContextPath("MultiStageCaCertificate", path, allowFolder: false, contextRoot, projectDirectory, diagnostics) is not { } found)
            {
                continue;
            }

            if (ReadItemFile("MultiStageCaCertificate", path, found.Real, diagnostics) is not { } text)
            {
                continue;
            }

            if (PemCertificates.PrivateKey(text) is { } key)
            {
                // A private key must never travel in the context or a layer.
                diagnostics.Add(DiagnosticDescriptors.CaCertificateHoldsPrivateKey.Create(path, key));
            }
            else if (PemCertificates.Problem(text) is { } problem)
            {
                diagnostics.Add(DiagnosticDescriptors.CaCertificateNotPem.Create(path, problem));
            }
            else
            {
                certificates.Add(new CaCertificate(found.Relative, runtime));
            }
        }

        var fragments = new List<DockerfileFragment>();
        foreach (var (path, point) in location.Fragments)
        {
            var where = Enum.GetValues(typeof(FragmentPoint)).Cast<FragmentPoint>()
                .Where(p => string.Equals(p.ToString(), point.Trim(), StringComparison.OrdinalIgnoreCase))
                .Select(p => (FragmentPoint?)p)
                .FirstOrDefault();
            if (where is null)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidFragmentPoint.Create(path, point));
            }
            else if (ContextPath("MultiStageDockerfileFragment", path, allowFolder: false, contextRoot, projectDirectory, diagnostics) is { } found
                && ReadItemFile("MultiStageDockerfileFragment", path, found.Real, diagnostics) is { } text)
            {
                var lines = text.Replace("\r\n", "\n").Split('\n');
                fragments.Add(new DockerfileFragment(found.Relative, where.Value, lines.Reverse().SkipWhile(l => l.Trim().Length == 0).Reverse().ToList()));
            }
        }

        return (imageFiles, certificates, fragments);
    }

    /// <summary>
    /// An item's path, relative to the project folder, as a file (or folder) inside the context, with its links
    /// followed (<c>Real</c>, what is read): a link inside the context to a file outside it is outside it. Null, with
    /// a coded error, otherwise.
    /// </summary>
    private static (string Full, string Real, string Relative, bool IsFolder)? ContextPath(
        string item, string path, bool allowFolder, string contextRoot, string projectDirectory, List<Diagnostic> diagnostics)
    {
        var full = BuildContext.Normalize(Path.Combine(projectDirectory, path.Trim().Replace('\\', Path.DirectorySeparatorChar)));
        var isFolder = allowFolder && ProjectFiles.DirectoryExists(full);
        if (!isFolder && !ProjectFiles.FileExists(full))
        {
            diagnostics.Add(DiagnosticDescriptors.ItemPathMissing.Create(item, path, full));
            return null;
        }

        var real = FileLinks.Resolve(full);
        var realRoot = FileLinks.Resolve(contextRoot);
        if (!BuildContext.Contains(contextRoot, full) || string.Equals(full, contextRoot, StringComparison.Ordinal)
            || real is null || realRoot is null || !BuildContext.Contains(realRoot, real) || string.Equals(real, realRoot, StringComparison.Ordinal))
        {
            diagnostics.Add(DiagnosticDescriptors.ItemPathOutsideContext.Create(item, path, contextRoot));
            return null;
        }

        return (full, real, BuildContext.Relative(contextRoot, full), isFolder);
    }

    /// <summary>The text of a file an item names, read with a size limit; null, with a coded error that shows none of it, otherwise.</summary>
    private static string? ReadItemFile(string item, string path, string real, List<Diagnostic> diagnostics)
    {
        var text = ProjectFiles.ReadItemFile(real, out var problem);
        if (text is null)
        {
            diagnostics.Add(DiagnosticDescriptors.ItemFileNotReadable.Create(item, path, problem!));
        }

        return text;
    }

    /// <summary>The Dockerfile may not be written over the .dockerignore or compose.yaml, which the SDK writes too.</summary>
    private static void CheckDockerfileHasItsOwnPath(string? configured, string dockerfile, string contextRoot, List<Diagnostic> diagnostics)
    {
        var comparison = Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var (name, file) in new[] { (".dockerignore", DockerignoreFileName), ("compose file", Compose.ComposeWriter.FileName) })
        {
            var other = Path.Combine(contextRoot, file);
            if (string.Equals(dockerfile, other, comparison) || (FileLinks.Resolve(dockerfile) is { } real && string.Equals(real, FileLinks.Resolve(other), comparison)))
            {
                diagnostics.Add(DiagnosticDescriptors.DockerfilePathIsAnotherGeneratedFile.Create(configured ?? "Dockerfile", other, name));
            }
        }
    }

    private static string ResolveContextRoot(string? configured, string projectDirectory, string projectFile, List<Diagnostic> diagnostics)
    {
        // The targets always give one (the nearest folder with a .git or a solution, by default).
        var root = BuildContext.Normalize(Path.Combine(projectDirectory, string.IsNullOrWhiteSpace(configured) ? "." : configured!.Trim()));
        if (!ProjectFiles.DirectoryExists(root))
        {
            diagnostics.Add(DiagnosticDescriptors.ContextNotFound.Create(configured ?? "."));
        }
        else if (!BuildContext.Contains(root, projectFile))
        {
            diagnostics.Add(DiagnosticDescriptors.ContextDoesNotContainProject.Create(configured ?? ".", projectFile));
        }

        return root;
    }
}
