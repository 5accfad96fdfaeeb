using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using MultiStage.Generator.Compose;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Output;

namespace MultiStage.Sdk.Tasks;

/// <summary>
/// Gathers the project's facts from MSBuild, runs the generator, and writes the Dockerfile and the
/// context root's .dockerignore when their content changed. Files without the generated-file marker are never touched.
/// </summary>
public sealed class GenerateMultiStageFiles : Microsoft.Build.Utilities.Task
{
    private const string AspNetCoreFramework = "Microsoft.AspNetCore.App";

    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    public string? BuildContext { get; set; }

    public string? DockerfilePath { get; set; }

    public bool GenerateDockerignore { get; set; } = true;

    /// <summary>MultiStageGenerateCompose: also merge this project's service into the context root's compose.yaml.</summary>
    public bool GenerateCompose { get; set; }

    public ITaskItem[] ProjectReferences { get; set; } = Array.Empty<ITaskItem>();

    [Required]
    public string AssemblyName { get; set; } = string.Empty;

    [Required]
    public string TargetFramework { get; set; } = string.Empty;

    public string? TargetFrameworks { get; set; }

    public bool UsingWebSdk { get; set; }

    public ITaskItem[] FrameworkReferences { get; set; } = Array.Empty<ITaskItem>();

    public ITaskItem[] TransitiveFrameworkReferences { get; set; } = Array.Empty<ITaskItem>();

    public bool SelfContained { get; set; }

    public bool PublishAot { get; set; }

    public bool PublishTrimmed { get; set; }

    public bool PublishSingleFile { get; set; }

    public bool InvariantGlobalization { get; set; }

    public string? RuntimeIdentifier { get; set; }

    public string? RuntimeIdentifiers { get; set; }

    public string? ContainerRuntimeIdentifier { get; set; }

    public string? ContainerRuntimeIdentifiers { get; set; }

    public ITaskItem[] ContainerPorts { get; set; } = Array.Empty<ITaskItem>();

    public ITaskItem[] ContainerEnvironmentVariables { get; set; } = Array.Empty<ITaskItem>();

    public ITaskItem[] ContainerLabels { get; set; } = Array.Empty<ITaskItem>();

    public ITaskItem[] ContainerAppCommandArgs { get; set; } = Array.Empty<ITaskItem>();

    public ITaskItem[] ContainerDefaultArgs { get; set; } = Array.Empty<ITaskItem>();

    public string? ContainerUser { get; set; }

    public string? ContainerWorkingDirectory { get; set; }

    public string? ContainerRepository { get; set; }

    public string? ContainerFamily { get; set; }

    public string? ContainerBaseImage { get; set; }

    public string? BuildImage { get; set; }

    /// <summary>MultiStageDockerfileSyntax: the frontend image of an opt-in "# syntax=" line.</summary>
    public string? DockerfileSyntax { get; set; }

    public string? ImageRegistry { get; set; }

    public bool PinDigests { get; set; }

    /// <summary>MultiStageNuGetSecret: "true" or "false" forces the NuGet.config build secret; empty detects it.</summary>
    public string? NuGetSecret { get; set; }

    public ITaskItem[] ImageDigests { get; set; } = Array.Empty<ITaskItem>();

    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Authors { get; set; }

    public string? Company { get; set; }

    public string? PackageLicenseExpression { get; set; }

    public string? PackageProjectUrl { get; set; }

    public string? RepositoryUrl { get; set; }

    /// <summary>MultiStageClient: "false" looks for no JavaScript client.</summary>
    public string? Client { get; set; }

    /// <summary>MultiStageClientPath: the JavaScript client's folder, relative to the project folder.</summary>
    public string? ClientPath { get; set; }

    /// <summary>SpaRoot, as the ASP.NET Core SPA templates set it: the client's folder.</summary>
    public string? SpaRoot { get; set; }

    public string? ClientBuildScript { get; set; }

    public string? ClientOutputPath { get; set; }

    public string? ClientTarget { get; set; }

    public string? NodeVersion { get; set; }

    public string? NodeImage { get; set; }

    /// <summary>The files this run created or changed.</summary>
    [Output]
    public ITaskItem[] WrittenFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// The Dockerfile (generated or the user's own), with metadata the image targets use: BuildContext,
    /// ImageName and Ports ("8080/tcp;...").
    /// </summary>
    [Output]
    public ITaskItem? Dockerfile { get; private set; }

    /// <summary>
    /// The files and folders this run's output depends on, the generated files among them: while MSBuild's values
    /// are the same and none of these changes, a new run would write the same files.
    /// </summary>
    [Output]
    public ITaskItem[] ConsultedPaths { get; private set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// True when the run succeeded without a warning, so a build with the same inputs may skip it. A run that warned
    /// runs again, and warns again, on every build.
    /// </summary>
    [Output]
    public bool CanSkipWhenUnchanged { get; private set; }

    public override bool Execute()
    {
        var location = new ProjectLocation(ProjectFile, BuildContext, DockerfilePath, ProjectReferences.Select(r => r.ItemSpec).ToList());
        var nuGetSecret = bool.TryParse(NuGetSecret, out var forced) ? forced : (bool?)null;
        var collected = FactsCollector.Collect(location, ProjectValues(), nuGetSecret, ClientSettings());
        var diagnostics = collected.Diagnostics.ToList();
        GeneratedDockerfile? dockerfile = null;
        if (collected.Facts is not null && !collected.HasErrors)
        {
            dockerfile = DockerfileWriter.Write(collected.Facts);
            diagnostics.AddRange(dockerfile.Diagnostics);
        }

        foreach (var diagnostic in diagnostics)
        {
            DiagnosticLogger.Log(Log, diagnostic, ProjectFile);
        }

        // An error writes nothing.
        if (diagnostics.Any(d => d.IsError) || dockerfile?.Text is null || collected.Facts is null)
        {
            return false;
        }

        var consulted = new SortedSet<string>(collected.ConsultedPaths, StringComparer.Ordinal);
        var written = WriteFiles(collected, collected.Facts, dockerfile.Text, consulted, out var warned);
        ConsultedPaths = consulted.Select(p => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(p)).ToArray();
        CanSkipWhenUnchanged = written && !warned && diagnostics.Count == 0;
        return written;
    }

    private bool WriteFiles(CollectedFacts collected, ProjectFacts facts, string dockerfileText, ISet<string> consulted, out bool warned)
    {
        warned = false;
        ProjectValueValidator.Validate(facts, out var validatedPorts);
        var ports = ExposedPorts.For(facts.IsWebApp, validatedPorts);
        var planned = new List<PlannedFile> { new(collected.DockerfileFullPath, _ => dockerfileText) };
        if (GenerateDockerignore)
        {
            planned.Add(new PlannedFile(collected.DockerignoreFullPath, DockerignoreWriter.Write));
        }

        var composePath = System.IO.Path.Combine(collected.ContextRoot, ComposeWriter.FileName);
        if (GenerateCompose && UserComposeFile(collected.ContextRoot) is { } userCompose)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.ComposeNotOwned.Create(userCompose), ProjectFile);
            warned = true;
        }
        else if (GenerateCompose)
        {
            var service = ComposeService.From(facts, ports);
            planned.Add(new PlannedFile(composePath, existing => ComposeWriter.Write(
                existing, service, project => ProjectFiles.FileExists(System.IO.Path.Combine(collected.ContextRoot, project)))));
        }

        IReadOnlyList<FileResult> results;
        try
        {
            // compose.yaml merges every project's service: hold the lock from reading it to replacing it.
            using (GenerateCompose ? CrossProcessLock.Acquire(composePath, TimeSpan.FromMinutes(2)) : null)
            {
                results = ProjectFiles.Observe(() => GeneratedFileWriter.WriteAll(planned), out var composeProjects);
                consulted.UnionWith(composeProjects);
            }
        }
        catch (GeneratedFileException e)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.CannotWriteFile.Create(e.Path, e.Message), ProjectFile);
            return false;
        }

        consulted.UnionWith(planned.Select(p => p.Path));
        if (GenerateCompose)
        {
            // Where a compose file of the user's would appear.
            consulted.Add(collected.ContextRoot);
        }

        foreach (var result in results.Where(r => r.Outcome == FileOutcome.NotOwned))
        {
            warned = true;
            var descriptor = result.Path == collected.DockerfileFullPath ? DiagnosticDescriptors.DockerfileNotOwned
                : result.Path == composePath ? DiagnosticDescriptors.ComposeNotOwned
                : DiagnosticDescriptors.DockerignoreNotOwned;
            DiagnosticLogger.Log(Log, descriptor.Create(result.Path), ProjectFile);
        }

        WrittenFiles = results.Where(r => r.Outcome == FileOutcome.Written).Select(r => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(r.Path)).ToArray();
        Dockerfile = new Microsoft.Build.Utilities.TaskItem(collected.DockerfileFullPath);
        Dockerfile.SetMetadata("BuildContext", collected.ContextRoot);
        Dockerfile.SetMetadata("ImageName", DockerfileWriter.ImageName(facts));
        Dockerfile.SetMetadata("Ports", string.Join(";", ports.Select(p => $"{p.Number}/{p.Protocol}")));
        Dockerfile.SetMetadata("Secrets", string.Join(";", DockerfileWriter.Secrets(facts).Select(s => s.Id)));

        var summary = string.Join(", ", results.Select(r => $"{r.Path} ({Describe(r.Outcome)})"));
        Log.LogMessage(
            MessageImportance.Normal,
            $"MultiStage.Sdk: {summary}. Build the image from {collected.ContextRoot}: {DockerfileWriter.BuildCommand(facts)}");
        return true;
    }

    /// <summary>A compose file at the context root that the SDK did not write, which a generated compose.yaml would shadow.</summary>
    private static string? UserComposeFile(string contextRoot) =>
        ComposeWriter.ComposeFileNames
            .Select(name => System.IO.Path.Combine(contextRoot, name))
            .FirstOrDefault(path => System.IO.File.Exists(path) && !GeneratedFileMarker.IsGenerated(System.IO.File.ReadAllText(path)));

    private ProjectFacts ProjectValues()
    {
        var usesAspNetCoreDirectly = UsingWebSdk || FrameworkReferences.Any(r => IsAspNetCore(r.ItemSpec));
        return new ProjectFacts
        {
            AssemblyName = AssemblyName,
            TargetFramework = TargetFramework,
            IsMultiTargeted = MSBuildList.Split(TargetFrameworks).Count > 0,
            IsWebApp = usesAspNetCoreDirectly,
            UsesAspNetCore = usesAspNetCoreDirectly || TransitiveFrameworkReferences.Any(r => IsAspNetCore(r.ItemSpec)),
            SelfContained = SelfContained,
            PublishAot = PublishAot,
            PublishTrimmed = PublishTrimmed,
            PublishSingleFile = PublishSingleFile,
            InvariantGlobalization = InvariantGlobalization,
            RuntimeIdentifiers = RuntimeIdentifierList(),
            Ports = ContainerPorts.Select(p => new ContainerPort(p.ItemSpec, p.GetMetadata("Type"))).ToList(),
            EnvironmentVariables = ContainerEnvironmentVariables.Select(e => new NameValue(e.ItemSpec, e.GetMetadata("Value"))).ToList(),
            Labels = ContainerLabels.Select(l => new NameValue(l.ItemSpec, l.GetMetadata("Value"))).ToList(),
            ContainerUser = Blank(ContainerUser),
            ContainerWorkingDirectory = Blank(ContainerWorkingDirectory),
            AppCommandArgs = ContainerAppCommandArgs.Select(a => a.ItemSpec).ToList(),
            DefaultArgs = ContainerDefaultArgs.Select(a => a.ItemSpec).ToList(),
            ContainerRepository = Blank(ContainerRepository),
            ContainerFamily = Blank(ContainerFamily),
            ContainerBaseImage = Blank(ContainerBaseImage),
            BuildImage = Blank(BuildImage),
            DockerfileSyntax = Blank(DockerfileSyntax),
            ImageRegistry = Blank(ImageRegistry),
            PinDigests = PinDigests,
            ImageDigests = ImageDigests
                .GroupBy(d => d.ItemSpec, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().GetMetadata("Digest").Trim(), StringComparer.Ordinal),
            Metadata = new PackageMetadata
            {
                Title = Blank(Title),
                // The .NET SDK fills these with defaults when unset; a default says nothing about the image.
                Description = Blank(Description) is { } description && description != "Package Description" ? description : null,
                Authors = Blank(Authors) is { } authors && authors != AssemblyName ? authors : null,
                Vendor = Blank(Company) is { } company && company != AssemblyName ? company : null,
                License = Blank(PackageLicenseExpression),
                ProjectUrl = Blank(PackageProjectUrl),
                RepositoryUrl = Blank(RepositoryUrl),
            },
        };
    }

    private JavaScriptClientSettings ClientSettings() => new()
    {
        Enabled = !string.Equals(Client?.Trim(), "false", StringComparison.OrdinalIgnoreCase),
        ClientPath = Blank(ClientPath),
        SpaRoot = Blank(SpaRoot),
        BuildScript = Blank(ClientBuildScript),
        OutputPath = Blank(ClientOutputPath),
        Target = Blank(ClientTarget),
        NodeVersion = Blank(NodeVersion),
        NodeImage = Blank(NodeImage),
    };

    /// <summary>The container's runtime identifiers if set, else the project's.</summary>
    private IReadOnlyList<string> RuntimeIdentifierList()
    {
        foreach (var candidate in new[] { ContainerRuntimeIdentifiers, ContainerRuntimeIdentifier, RuntimeIdentifiers, RuntimeIdentifier })
        {
            var rids = MSBuildList.Split(candidate);
            if (rids.Count > 0)
            {
                return rids;
            }
        }

        return Array.Empty<string>();
    }

    private static bool IsAspNetCore(string framework) => string.Equals(framework, AspNetCoreFramework, StringComparison.OrdinalIgnoreCase);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private static string Describe(FileOutcome outcome) => outcome switch
    {
        FileOutcome.Written => "written",
        FileOutcome.Unchanged => "unchanged",
        _ => "left alone: not generated",
    };
}
