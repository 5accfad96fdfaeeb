namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// The properties that hold for any layout the writer may choose, checked by setting a hostile project's Dockerfile
/// beside its <see cref="BenignTwin"/>'s: the same skeleton (no value adds, drops or reorders an instruction or
/// changes a stage), and every argument either the same text or the hostile value whole, as given, where the benign
/// one sits (no quote, escape, line break, '$' or heredoc marker in a value changes how the rest is read).
/// </summary>
internal static class TwinComparison
{
    /// <summary>The skeletons of the instructions, FROM by FROM knowing the stages before it.</summary>
    public static IReadOnlyList<string> Skeleton(IReadOnlyList<ReadInstruction> instructions)
    {
        var stages = new List<string>();
        var skeleton = new List<string>();
        foreach (var instruction in instructions)
        {
            skeleton.Add(instruction.Skeleton(stages));
            if (instruction.StageName is { } stage)
            {
                stages.Add(stage);
            }
        }

        return skeleton;
    }

    /// <summary>Problems where the hostile skeleton differs from the benign one; none when they are the same.</summary>
    public static void CheckSkeleton(IReadOnlyList<ReadInstruction> hostile, IReadOnlyList<ReadInstruction> benign, List<string> problems)
    {
        var hostileSkeleton = Skeleton(hostile);
        var benignSkeleton = Skeleton(benign);
        var first = Enumerable.Range(0, Math.Min(hostileSkeleton.Count, benignSkeleton.Count)).FirstOrDefault(n => hostileSkeleton[n] != benignSkeleton[n], -1);
        if (first < 0 && hostileSkeleton.Count == benignSkeleton.Count)
        {
            return;
        }

        first = first < 0 ? Math.Min(hostileSkeleton.Count, benignSkeleton.Count) : first;
        static string Window(IReadOnlyList<string> skeleton, int at) =>
            string.Join(" | ", skeleton.Skip(Math.Max(0, at - 1)).Take(3).DefaultIfEmpty("(end)"));
        problems.Add($"skeleton: {hostileSkeleton.Count} instructions, the benign twin's {benignSkeleton.Count}; from instruction {first + 1} "
            + $"the hostile file reads {Window(hostileSkeleton, first)}\n  where the benign one reads {Window(benignSkeleton, first)}");
    }

    /// <summary>
    /// Problems where an argument or flag of the hostile file is not what stands in the benign one's place; the
    /// number of places that held a hostile value, so a run can show it compared some.
    /// </summary>
    public static int CheckArguments(IReadOnlyList<ReadInstruction> hostile, IReadOnlyList<ReadInstruction> benign, BenignTwin twin, List<string> problems)
    {
        var compared = 0;
        for (var n = 0; n < Math.Min(hostile.Count, benign.Count); n++)
        {
            var (h, b) = (hostile[n], benign[n]);
            var where = $"line {h.Line + 1} ({h.Keyword}, instruction {n + 1})";
            for (var f = 0; f < Math.Min(h.Flags.Count, b.Flags.Count); f++)
            {
                // A cache mount's id and target are made from the project's path: only its fields must be the same.
                var same = h.Flags[f].StartsWith("--mount=", StringComparison.Ordinal)
                    ? ReadInstruction.MountKeys(h.Flags[f]).SequenceEqual(ReadInstruction.MountKeys(b.Flags[f]))
                    : twin.Corresponds(h.Flags[f], b.Flags[f]);
                if (!same)
                {
                    problems.Add($"{where}: flag {f + 1} is {Show(h.Flags[f])} where the benign twin has {Show(b.Flags[f])}");
                }
            }

            if (h.Arguments.Count != b.Arguments.Count)
            {
                problems.Add($"{where}: {h.Arguments.Count} arguments {ShowAll(h.Arguments)}\n  where the benign twin has {b.Arguments.Count} {ShowAll(b.Arguments)}");
                continue;
            }

            for (var a = 0; a < h.Arguments.Count; a++)
            {
                var (ha, ba) = (h.Arguments[a], b.Arguments[a]);
                if (ha.Reading != ba.Reading || !twin.Corresponds(ha.Text, ba.Text))
                {
                    problems.Add($"{where}: argument {a + 1} reads {Show(ha)}, not {HostileFacts.Literal(Shorten(twin.Restore(ba.Text)))} "
                        + $"(the benign twin has {Show(ba)})");
                }
                else if (ha.Text != ba.Text)
                {
                    compared++;
                }
            }
        }

        return compared;
    }

    private static string Show(ReadArgument argument) => HostileFacts.Literal(Shorten(argument.Text)) + (argument.Reading.Length > 0 ? $" ({argument.Reading.Trim()})" : string.Empty);

    private static string Show(string text) => HostileFacts.Literal(Shorten(text));

    private static string ShowAll(IReadOnlyList<ReadArgument> arguments) => "[" + string.Join(", ", arguments.Select(Show)) + "]";

    private static string Shorten(string text) => text.Length > 200 ? text.Substring(0, 200) + "..." : text;
}
