using System.Text.RegularExpressions;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// The fuzz test's oracle for MultiStageDockerfileFragment content, stated on its own from the documented rules and
/// the BuildKit model (<see cref="BuildKitRules"/>), not from the product's reader.
/// </summary>
internal static class FragmentOracle
{
    /// <summary>The frontends with heredocs, as the README states them: docker/dockerfile 1.4 and newer.</summary>
    public static bool ReadsHeredocs(string? syntax) => syntax is "docker/dockerfile:1" or "docker/dockerfile:1.7-labs";

    /// <summary>
    /// Lines the frontends read differently, stated on their own: Docker 20.10's parser continues a line at a final
    /// '\' (then spaces or tabs) always, the current one only when no '\' comes before it; a '\' then other white
    /// space continues nothing, though it reads as a continuation. A parser directive inside a fragment is a comment.
    /// </summary>
    private static bool ReadAlike(string line) =>
        line.TrimStart().StartsWith('#')
            ? !Regex.IsMatch(line, @"^\s*#\s*(syntax|escape|check)\s*=", RegexOptions.IgnoreCase)
            : !Regex.IsMatch(line, @"\\\\[ \t]*\z") && !Regex.IsMatch(line, @"\\[ \t]*[\u00a0\u3000\u2000-\u200a\u202f\u205f\u1680\u0085]\s*\z");

    /// <summary>As BuildKit reads a fragment between two instructions of a stage: instructions only, no FROM, and the next instruction intact.</summary>
    public static bool KeepsStagesWhole(IReadOnlyList<string> lines, bool heredocs)
    {
        if (lines.Any(l => !PlacementRules.IsPlaceableValue(l)))
        {
            return false;
        }

        try
        {
            var parsed = BuildKitRules.Parse("FROM x AS s\n" + string.Join("\n", lines) + "\nUSER app\n", heredocs);

            // Heredoc content is no Dockerfile syntax to the frontends that read it (line n is model line n + 1).
            if (Enumerable.Range(0, lines.Count).Any(n => !parsed.Any(i => i.HeredocLine >= 0 && n + 1 >= i.HeredocLine && n + 1 <= i.EndLine) && !ReadAlike(lines[n])))
            {
                return false;
            }

            return parsed.Count >= 2 && parsed[^1].Text == "USER app"
                && parsed.Skip(1).Take(parsed.Count - 2).All(i => i.Keyword != "FROM" && Instructions.Contains(i.Keyword));
        }
        catch (BuildKitRules.WordException)
        {
            return false;
        }
    }

    private static readonly HashSet<string> Instructions = new(StringComparer.Ordinal)
    {
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };
}
