using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Tests.Infrastructure;

/// <summary>A Dockerfile generated from facts as the generator does it (plan, then write), or the diagnostics that stopped it.</summary>
internal sealed record GeneratedDockerfile(string? Text, ImagePlan? Plan, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

internal static class Generate
{
    public static GeneratedDockerfile Dockerfile(ProjectFacts facts)
    {
        var planned = ImagePlanner.Plan(facts);
        if (planned.Plan is null)
        {
            return new GeneratedDockerfile(null, null, planned.Diagnostics);
        }

        // As the generator does it: a spliced file that reads differently from what was written is not written.
        var (text, spliceProblem) = DockerfileWriter.WriteChecked(planned.Plan);
        return spliceProblem is null
            ? new GeneratedDockerfile(text, planned.Plan, planned.Diagnostics)
            : new GeneratedDockerfile(null, planned.Plan, planned.Diagnostics.Append(DiagnosticDescriptors.SplicedDockerfileMisread.Create(spliceProblem)).ToList());
    }

    /// <summary>The codes of every diagnostic the facts give.</summary>
    public static IReadOnlyList<string> Codes(ProjectFacts facts) => Dockerfile(facts).Diagnostics.Select(d => d.Code).ToList();

    /// <summary>The Dockerfile of facts that must give one without an error.</summary>
    public static string Text(ProjectFacts facts)
    {
        var result = Dockerfile(facts);
        Xunit.Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Text!;
    }

    /// <summary>The lines of <see cref="Text"/>.</summary>
    public static IReadOnlyList<string> Lines(ProjectFacts facts) => Text(facts).Split('\n');

    /// <summary>The plan for facts that must have one.</summary>
    public static ImagePlan Plan(ProjectFacts facts)
    {
        var planned = ImagePlanner.Plan(facts);
        Xunit.Assert.True(planned.Plan is not null, string.Join("\n", planned.Diagnostics));
        return planned.Plan!;
    }
}
