using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiStage.Generator.Dockerfile;

/// <summary>
/// What a MultiStageDockerfileFragment may hold: whole instructions of the current stage. It may not start another
/// stage (FROM), leave a line continuation open at its end, or hold a line that is no instruction, comment or
/// continuation; and no value in it may hold a character no Dockerfile line can.
/// </summary>
internal static class FragmentRules
{
    private static readonly HashSet<string> Instructions = new(StringComparer.OrdinalIgnoreCase)
    {
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN",
        "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };

    /// <summary>The first problem: its line number (1-based) and what is wrong; null when the fragment can be spliced in.</summary>
    public static (int Line, string Problem)? FirstProblem(IReadOnlyList<string> lines)
    {
        var continued = false;
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            if (DockerfileSyntax.FindUnplaceableCharacter(line) is { } c)
            {
                return (n + 1, $"it holds {DockerfileSyntax.DescribeCharacter(c)}.");
            }

            var text = line.Trim();
            var wasContinued = continued;
            continued = text.Length > 0 && !text.StartsWith("#", StringComparison.Ordinal) && text.TrimEnd(' ', '\t').EndsWith("\\", StringComparison.Ordinal)
                || (wasContinued && (text.Length == 0 || text.StartsWith("#", StringComparison.Ordinal)));
            if (wasContinued || text.Length == 0 || text.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            var keyword = text.Split(new[] { ' ', '\t' }, 2)[0];
            if (string.Equals(keyword, "FROM", StringComparison.OrdinalIgnoreCase))
            {
                return (n + 1, "FROM would start another stage.");
            }

            if (!Instructions.Contains(keyword))
            {
                return (n + 1, $"'{keyword}' is not a Dockerfile instruction.");
            }
        }

        return continued ? (lines.Count, "the last instruction ends with a line continuation ('\\') that would swallow the generated line after it.") : null;
    }
}
