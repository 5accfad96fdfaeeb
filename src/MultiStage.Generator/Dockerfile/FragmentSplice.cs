using System.Collections.Generic;
using System.Linq;

namespace MultiStage.Generator.Dockerfile;

/// <summary>Where a fragment's lines landed in the generated Dockerfile (0-based first line, and how many).</summary>
internal sealed record SplicedFragment(string Path, int FirstLine, int LineCount);

/// <summary>
/// The whole-file check after the fragments are spliced in. Each fragment is checked alone first
/// (<see cref="FragmentRules"/>), but what matters is how BuildKit reads the result: a continuation or heredoc
/// that runs from one fragment into the generated lines or another fragment changes it even when every part looked
/// whole. So the generated file is read with the same reader, and its instructions must be exactly the generator's
/// own (read without the fragments) and each fragment's (read alone): same keywords, same lines, nothing swallowed.
/// </summary>
internal static class FragmentSplice
{
    /// <summary>What reads differently, as a sentence; null when the spliced file reads as it was generated.</summary>
    public static string? Check(string text, IReadOnlyList<SplicedFragment> fragments, bool heredocs)
    {
        if (fragments.Count == 0)
        {
            return null;
        }

        var lines = text.Split('\n').ToList();
        if (text.EndsWith("\n", System.StringComparison.Ordinal))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var owner = new string?[lines.Count];
        foreach (var fragment in fragments)
        {
            for (var n = fragment.FirstLine; n < fragment.FirstLine + fragment.LineCount; n++)
            {
                owner[n] = fragment.Path;
            }
        }

        string Where(int line) => owner[line] is { } path ? $"line {line + 1} (from {path})" : $"line {line + 1} (generated)";
        string Describe(ReadInstruction? instruction) => instruction is null
            ? "no instruction"
            : $"{instruction.Keyword} from {Where(instruction.FirstLine)} to line {instruction.LastLine + 1}";
        var actual = DockerfileReader.Read(lines, heredocs);
        if (actual.Problem is { } problem)
        {
            return $"{Where(actual.ProblemLine)}: {problem}";
        }

        var intended = new List<ReadInstruction>();
        var generated = Enumerable.Range(0, lines.Count).Where(n => owner[n] is null).ToList();
        var own = DockerfileReader.Read(generated.Select(n => lines[n]).ToList(), heredocs);
        if (own.Problem is { } ownProblem)
        {
            return $"{Where(generated[own.ProblemLine])}: {ownProblem}";
        }

        intended.AddRange(own.Instructions.Select(i => new ReadInstruction(i.Keyword, generated[i.FirstLine], generated[i.LastLine])));
        foreach (var fragment in fragments)
        {
            var alone = DockerfileReader.Read(lines.GetRange(fragment.FirstLine, fragment.LineCount), heredocs);
            intended.AddRange(alone.Instructions.Select(i => new ReadInstruction(i.Keyword, fragment.FirstLine + i.FirstLine, fragment.FirstLine + i.LastLine)));
        }

        intended.Sort((a, b) => a.FirstLine.CompareTo(b.FirstLine));
        for (var i = 0; i < System.Math.Max(intended.Count, actual.Instructions.Count); i++)
        {
            var wrote = i < intended.Count ? intended[i] : null;
            var read = i < actual.Instructions.Count ? actual.Instructions[i] : null;
            if (wrote is null || read is null || wrote.Keyword != read.Keyword || wrote.FirstLine != read.FirstLine || wrote.LastLine != read.LastLine)
            {
                return $"BuildKit would read {Describe(read)} where the file has {Describe(wrote)}.";
            }
        }

        return actual.OpenAtEnd ? "the last instruction ends with a line continuation." : null;
    }
}
