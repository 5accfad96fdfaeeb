using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using MultiStage.Generator;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Output;

namespace MultiStage.Sdk.Tasks;

/// <summary>
/// Runs the generator on the targets' input list, writes the Dockerfile, the context root's .dockerignore (and
/// compose.yaml when asked) where their content changed, saves what the image targets need, and logs.
/// Files without the generated-file marker are never touched.
/// </summary>
public sealed class GenerateMultiStageFiles : Microsoft.Build.Utilities.Task
{
    /// <summary>The generator's inputs (_MultiStageGeneratorInput): a property by name with its Value, an item itself with its input's name in Input.</summary>
    [Required]
    public ITaskItem[] Inputs { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Where to save what the image targets need (see <see cref="ImageBuildState"/>).</summary>
    [Required]
    public string ImageBuildStateFile { get; set; } = string.Empty;

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
        var result = MultiStageGenerator.Generate(Inputs.Select(ToGeneratorInput));
        DiagnosticLogger.LogAll(Log, result.Diagnostics, result.ProjectFile);
        if (result.HasErrors || result.Plan is null || result.Dockerfile is null)
        {
            return false;
        }

        var written = GeneratedFiles.Write(result);
        DiagnosticLogger.LogAll(Log, written.Diagnostics, result.ProjectFile);
        if (written.Failed)
        {
            return false;
        }

        ImageBuildState.From(result.Dockerfile.Path, result.Plan, result.ContextRoot).Save(ImageBuildStateFile);
        ConsultedPaths = written.ConsultedPaths.Select(p => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(p)).ToArray();
        CanSkipWhenUnchanged = result.Diagnostics.Count == 0 && written.Diagnostics.Count == 0;

        var summary = string.Join(", ", written.Files.Select(f => $"{f.Path} ({Describe(f.Outcome)})"));
        Log.LogMessage(MessageImportance.Normal, $"MultiStage.Sdk: {summary}. Build the image from {result.ContextRoot}: {result.Plan.BuildCommand}");
        return true;
    }

    /// <summary>An input item as the generator takes it: exactly the metadata the up-to-date check hashes.</summary>
    private static GeneratorInput ToGeneratorInput(ITaskItem item) => GeneratorInput.FromListEntry(item.ItemSpec, item.GetMetadata);

    private static string Describe(FileOutcome outcome) => outcome switch
    {
        FileOutcome.Written => "written",
        FileOutcome.Unchanged => "unchanged",
        _ => "left alone: not generated",
    };
}
