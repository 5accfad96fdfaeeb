using System.Text.RegularExpressions;
using Xunit;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>One step of a buildah build, and whether the layer cache served it ("Using cache").</summary>
public sealed record BuildStep(string Instruction, bool UsedCache);

/// <summary>The outcome of <c>buildah bud</c> for a Dockerfile: the image tag and the builder's full log.</summary>
public sealed record ImageBuild(string Tag, DockerfileText Dockerfile, string? Platform, int ExitCode, string Log, TimeSpan Duration)
{
    private static readonly Regex StepLine = new(@"^(?:\[\d+/\d+\] )?STEP \d+/\d+: (?<instruction>.*)$");

    public bool Succeeded => ExitCode == 0;

    public IReadOnlyList<BuildStep> Steps
    {
        get
        {
            var steps = new List<BuildStep>();
            string? instruction = null;
            var cached = false;
            foreach (var line in Log.Split('\n').Select(l => l.TrimEnd('\r')))
            {
                var step = StepLine.Match(line);
                if (step.Success)
                {
                    if (instruction is not null)
                    {
                        steps.Add(new BuildStep(instruction, cached));
                    }

                    instruction = step.Groups["instruction"].Value;
                    cached = false;
                }
                else if (line.StartsWith("--> Using cache ", StringComparison.Ordinal))
                {
                    cached = true;
                }
            }

            if (instruction is not null)
            {
                steps.Add(new BuildStep(instruction, cached));
            }

            return steps;
        }
    }

    /// <summary>The single step whose instruction contains <paramref name="text"/>.</summary>
    public BuildStep Step(string text)
    {
        var matches = Steps.Where(s => s.Instruction.Contains(text, StringComparison.Ordinal)).ToList();
        Assert.True(matches.Count == 1, $"Expected one build step containing \"{text}\", found {matches.Count}.\n{Describe()}");
        return matches[0];
    }

    public void AssertSucceeded() =>
        Assert.True(Succeeded, $"buildah bud failed with exit code {ExitCode}.\n{Describe()}");

    /// <summary>The Dockerfile and the builder's log, for failure messages.</summary>
    public string Describe() =>
        $"Dockerfile {Dockerfile.Path} (context {Dockerfile.ContextFolder}, platform {Platform ?? "default"}):\n{Dockerfile.Text}\n"
        + $"buildah log ({Duration.TotalSeconds:0} s):\n{Log}";
}
