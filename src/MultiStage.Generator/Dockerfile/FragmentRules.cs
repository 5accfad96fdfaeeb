using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;

namespace MultiStage.Generator.Dockerfile;

/// <summary>
/// What a MultiStageDockerfileFragment may hold: whole instructions of the current stage, read as BuildKit reads
/// them (<see cref="DockerfileReader"/>). It may not start another stage (FROM), leave a line continuation or a
/// heredoc open at its end, hold a line the frontends read differently, a line that is no instruction, comment or
/// continuation, or a parser directive; no value in it may hold a character no Dockerfile line can. A heredoc needs
/// a frontend that reads heredocs (Dockerfile syntax 1.4 and newer), chosen with MultiStageDockerfileSyntax.
/// </summary>
internal static class FragmentRules
{
    private static readonly HashSet<string> Instructions = new(StringComparer.OrdinalIgnoreCase)
    {
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN",
        "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
    };

    // parser.reDirectives, for the directives BuildKit knows. Only the top of the whole Dockerfile holds directives,
    // and a fragment never comes first, so such a line would be a plain comment: the escape or frontend it names
    // would silently not apply.
    private static readonly Regex Directive = new(@"^#\s*(syntax|escape|check)\s*=", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    // docker/dockerfile tags: heredocs are read from 1.4 on; "1" and "latest" follow the newest 1.x.
    private static readonly Regex FrontendTag = new(@"^(\d{1,6})(?:\.(\d{1,6}))?(?:\.\d+)?(?:-[A-Za-z0-9.]+)?\z", RegexOptions.CultureInvariant);

    /// <summary>A fragment's first problem as a coded error; null when it can be spliced in.</summary>
    public static Diagnostic? Check(DockerfileFragment fragment, string? dockerfileSyntax)
    {
        if (FirstProblem(fragment.Lines) is { } problem)
        {
            return DiagnosticDescriptors.InvalidFragment.Create(fragment.Path, problem.Line, problem.Problem);
        }

        var reading = DockerfileReader.Read(fragment.Lines, heredocs: true);
        if (reading.HasHeredoc && !ReadsHeredocs(dockerfileSyntax))
        {
            var chosen = string.IsNullOrWhiteSpace(dockerfileSyntax)
                ? "no MultiStageDockerfileSyntax is set, so the builder's own frontend reads the file (Docker Engine 20.10's has no heredocs)"
                : $"MultiStageDockerfileSyntax '{dockerfileSyntax!.Trim()}' is not known to be one";
            return DiagnosticDescriptors.FragmentHeredocNeedsFrontend.Create(fragment.Path, reading.FirstHeredocLine + 1, chosen);
        }

        return null;
    }

    /// <summary>The first problem that keeps any frontend from reading the fragment as whole instructions: its line number (1-based) and what is wrong.</summary>
    public static (int Line, string Problem)? FirstProblem(IReadOnlyList<string> lines)
    {
        var problems = new List<(int Line, string Problem)>();
        for (var n = 0; n < lines.Count; n++)
        {
            if (DockerfileQuoting.FindUnplaceableCharacter(lines[n]) is { } c)
            {
                problems.Add((n + 1, $"it holds {DockerfileQuoting.DescribeCharacter(c)}."));
                break;
            }
        }

        // Heredocs are read here even where the frontend lacks them: Check refuses them after this with its own code.
        var reading = DockerfileReader.Read(lines, heredocs: true);
        if (reading.Problem is { } unreadable)
        {
            problems.Add((reading.ProblemLine + 1, unreadable));
        }

        foreach (var instruction in reading.Instructions)
        {
            var keyword = instruction.Keyword;
            if (keyword == "FROM")
            {
                problems.Add((instruction.FirstLine + 1, "FROM would start another stage."));
            }
            else if (!Instructions.Contains(keyword))
            {
                problems.Add((instruction.FirstLine + 1, $"'{keyword.ToLowerInvariant()}' is not a Dockerfile instruction."));
            }
        }

        for (var n = 0; n < lines.Count; n++)
        {
            if (Directive.Match(lines[n].TrimStart()) is { Success: true } directive && !reading.Instructions.Any(i => i.IsHeredocLine(n)))
            {
                problems.Add((n + 1, $"a parser directive ({directive.Groups[1].Value}) counts only at the top of the whole Dockerfile, and a fragment never comes first; here it would be an ordinary comment."));
            }
        }

        if (reading.OpenAtEnd)
        {
            problems.Add((lines.Count, "the last instruction ends with a line continuation ('\\') that would swallow the generated line after it."));
        }

        return problems.Count == 0 ? null : problems.OrderBy(p => p.Line).First();
    }

    /// <summary>
    /// Whether the frontend a "# syntax=" line selects reads heredocs: docker/dockerfile 1.4 and newer. Without the
    /// line the builder's own frontend reads the file, and Docker Engine 20.10's has none; an image this cannot tell
    /// the version of (a digest alone, another frontend) is taken as lacking them.
    /// </summary>
    public static bool ReadsHeredocs(string? dockerfileSyntax)
    {
        var image = (dockerfileSyntax ?? string.Empty).Trim();
        var at = image.IndexOf('@');
        image = at >= 0 ? image.Substring(0, at) : image;
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        var repository = colon > slash ? image.Substring(0, colon) : image;
        var tag = colon > slash ? image.Substring(colon + 1) : (at >= 0 ? string.Empty : "latest");
        if (repository is not ("docker/dockerfile" or "docker.io/docker/dockerfile"))
        {
            return false;
        }

        if (tag is "latest" or "labs")
        {
            return true;
        }

        var version = FrontendTag.Match(tag);
        if (!version.Success)
        {
            return false;
        }

        var major = int.Parse(version.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return major > 1 || (major == 1 && (!version.Groups[2].Success || int.Parse(version.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= 4));
    }
}
