using System.Collections.Generic;
using System.IO;
using System.Linq;
using MultiStage.Generator.Compose;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator;

/// <summary>
/// Everything one generation produced: the files to write (each rendered from what is on disk now), the plan the
/// image targets build from, the diagnostics, and the files and folders it depended on. Nothing is written yet.
/// </summary>
internal sealed record GenerationResult
{
    /// <summary>The project file (absolute), which diagnostics name.</summary>
    public string ProjectFile { get; init; } = string.Empty;

    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = new List<Diagnostic>();

    /// <summary>The plan, when no error stopped it.</summary>
    public ImagePlan? Plan { get; init; }

    /// <summary>The build context root (absolute).</summary>
    public string ContextRoot { get; init; } = string.Empty;

    public PlannedFile? Dockerfile { get; init; }

    public PlannedFile? Dockerignore { get; init; }

    /// <summary>compose.yaml at the context root, merged with the other projects' services.</summary>
    public PlannedFile? Compose { get; init; }

    /// <summary>The files and folders the result was made from (missing ones stood for by their nearest existing folder).</summary>
    public IReadOnlyCollection<string> ConsultedPaths { get; init; } = new List<string>();

    public bool HasErrors => Diagnostics.Any(d => d.IsError) || Plan is null;
}

/// <summary>
/// The generator: the targets' inputs in, one <see cref="GenerationResult"/> out. It reads the project's files
/// (noting each one) but writes nothing; <see cref="GeneratedFiles"/> does that.
/// </summary>
internal static class MultiStageGenerator
{
    public static GenerationResult Generate(IEnumerable<GeneratorInput> inputs)
    {
        var project = ProjectInputs.Read(inputs);
        var collected = FactsCollector.Collect(project);
        if (collected.Facts is null || collected.Diagnostics.Any(d => d.IsError))
        {
            return new GenerationResult { ProjectFile = project.Location.ProjectFile, Diagnostics = collected.Diagnostics, ContextRoot = collected.ContextRoot, ConsultedPaths = collected.ConsultedPaths };
        }

        var planned = ImagePlanner.Plan(collected.Facts);
        var diagnostics = collected.Diagnostics.Concat(planned.Diagnostics).ToList();
        if (planned.Plan is not { } plan || diagnostics.Any(d => d.IsError))
        {
            return new GenerationResult { ProjectFile = project.Location.ProjectFile, Diagnostics = diagnostics, ContextRoot = collected.ContextRoot, ConsultedPaths = collected.ConsultedPaths };
        }

        var (dockerfileText, spliceProblem) = DockerfileWriter.WriteChecked(plan);
        if (spliceProblem is not null)
        {
            diagnostics.Add(DiagnosticDescriptors.SplicedDockerfileMisread.Create(spliceProblem));
            return new GenerationResult { ProjectFile = project.Location.ProjectFile, Diagnostics = diagnostics, ContextRoot = collected.ContextRoot, ConsultedPaths = collected.ConsultedPaths };
        }

        var contextRoot = collected.ContextRoot;
        var service = ComposeService.From(plan);
        bool ProjectExists(string path) => ProjectFiles.FileExists(Path.Combine(contextRoot, path));
        return new GenerationResult
        {
            ProjectFile = project.Location.ProjectFile,
            Diagnostics = diagnostics,
            Plan = plan,
            ContextRoot = contextRoot,
            Dockerfile = new PlannedFile(collected.DockerfileFullPath, _ => dockerfileText),
            Dockerignore = project.GenerateDockerignore
                ? new PlannedFile(
                    collected.DockerignoreFullPath,
                    existing => DockerignoreWriter.Write(existing, plan.Paths.ProjectPath, plan.Paths.BuildOutputFolders, ProjectExists))
                : null,
            Compose = project.GenerateCompose
                ? new PlannedFile(
                    Path.Combine(contextRoot, ComposeWriter.FileName),
                    existing => ComposeWriter.Write(existing, service, ProjectExists))
                : null,
            ConsultedPaths = collected.ConsultedPaths,
        };
    }
}
