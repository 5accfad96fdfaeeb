using System.Text.RegularExpressions;

namespace MultiStage.Harness;

/// <summary>One step of a build, and whether the layer cache served it (buildah "Using cache", BuildKit "CACHED").</summary>
public sealed record BuildStep(string Instruction, bool UsedCache)
{
    /// <summary>COPY, ADD and RUN make content; the other instructions only set metadata and cost nothing either way.</summary>
    public bool MakesContent => Regex.IsMatch(Instruction, @"^(COPY|ADD|RUN)\s", RegexOptions.IgnoreCase);
}

/// <summary>The steps in a builder's log: buildah bud's, and docker build --progress=plain's (BuildKit).</summary>
public static class BuildLog
{
    private static readonly Regex BuildahStep = new(@"^(?:\[\d+/\d+\] )?STEP \d+/\d+: (?<instruction>.*)$");
    /// <summary>"#12 [build 5/8] RUN ...": a step of a stage (vertex, stage, instruction).</summary>
    public static readonly Regex BuildKitStep = new(@"^#(?<vertex>\d+) \[(?<stage>[^\]]*?)\s*\d+/\d+\] (?<instruction>.*)$");
    private static readonly Regex BuildKitCached = new(@"^#(?<vertex>\d+) CACHED$");

    /// <summary>buildah: a "STEP n/m:" line a step, "--> Using cache" under it when the cache served it.</summary>
    public static IReadOnlyList<BuildStep> BuildahSteps(string log)
    {
        var steps = new List<BuildStep>();
        string? instruction = null;
        var cached = false;
        foreach (var line in Lines(log))
        {
            var step = BuildahStep.Match(line);
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

    /// <summary>BuildKit: "#12 [build 5/8] RUN ..." names a vertex once, "#12 CACHED" when the cache served it.</summary>
    public static IReadOnlyList<BuildStep> BuildKitSteps(string log)
    {
        var order = new List<string>();
        var instructions = new Dictionary<string, string>(StringComparer.Ordinal);
        var cached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Lines(log))
        {
            var header = BuildKitStep.Match(line);
            if (header.Success && header.Groups["stage"].Value != "internal")
            {
                var vertex = header.Groups["vertex"].Value;
                if (instructions.TryAdd(vertex, header.Groups["instruction"].Value))
                {
                    order.Add(vertex);
                }

                continue;
            }

            var hit = BuildKitCached.Match(line);
            if (hit.Success)
            {
                cached.Add(hit.Groups["vertex"].Value);
            }
        }

        return order.Select(v => new BuildStep(instructions[v], cached.Contains(v))).ToList();
    }

    public static IEnumerable<string> Lines(string log) => log.Split('\n').Select(l => l.TrimEnd('\r'));
}
