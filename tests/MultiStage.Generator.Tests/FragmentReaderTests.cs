using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Tests.Fuzz;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>
/// Fragments read as BuildKit reads them: line continuations the frontends disagree on, heredocs and the frontend
/// that reads them, parser directives, and the spliced file checked as a whole.
/// </summary>
public class FragmentReaderTests
{
    private const string Frontend = "docker/dockerfile:1";

    private static GeneratedDockerfile Splice(string content, string? syntax = null, FragmentPoint point = FragmentPoint.BeforeAppCopy) =>
        Generate.Dockerfile(Projects.Web("net10.0") with
        {
            DockerfileSyntax = syntax,
            Fragments = new[] { new DockerfileFragment("docker/extra.dockerfile", point, content.Split('\n')) },
        });

    private static void AssertRefused(GeneratedDockerfile result, string code, int line, string named)
    {
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(code, diagnostic.Code);
        Assert.Contains($"'docker/extra.dockerfile' line {line}", diagnostic.Message);
        Assert.Contains(named, diagnostic.Message);
        Assert.Null(result.Text);
    }

    private static void AssertSplicedAsWritten(GeneratedDockerfile result, string content)
    {
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.Contains("(MultiStageDockerfileFragment Point=\"BeforeAppCopy\").\n" + content + "\nUSER 1654\n", result.Text!);
    }

    public static TheoryData<string, int, string> Refused => new()
    {
        // The current parser ends the RUN at the escaped '\' and starts a stage at FROM; Docker 20.10's continues it.
        { "RUN echo C:\\\\\nFROM scratch AS injected", 1, "escaped '\\'" },
        { "RUN echo C:\\\\ \t\nUSER root", 1, "escaped '\\'" },
        { "RUN echo C:\\\\\\\nUSER root", 1, "escaped '\\'" },

        // Refused, not read either way: the frontends disagree on it (see DockerfileReader.ContinuationProblem).
        { "ENV WINDIR=C:\\\\", 1, "Docker 20.10's frontend takes as a line continuation" },

        // A no-break space after '\' continues nothing in any frontend, though it reads as a continuation.
        { "RUN echo a \\\u00a0\nFROM scratch AS injected", 1, "U+00A0" },
        { "RUN echo a \\\u3000", 1, "U+3000" },
        { "RUN a \\\n    b \\\u00a0\nUSER root", 2, "U+00A0" },

        { "RUN cat <<EOF\nhello", 1, "no line 'EOF'" },
        { "RUN cat <<USER >/dev/null", 1, "no line 'USER'" },
        { "RUN cat <<-EOF\nhello\n  EOF", 1, "no line 'EOF'" },
        { "RUN cat <<EOF>out\nx\nEOF>out", 1, "not a plain word" },
        { "RUN cat ${X:-<<EOF}", 1, "${...}" },
        { "RUN cat $X<<EOF", 1, "'$'" },
        { "RUN echo \"<<EOF", 1, "quote that does not end" },
        { "# escape=`\nRUN echo hi", 1, "parser directive (escape)" },
        { "RUN echo hi\n#syntax=docker/dockerfile:1", 2, "parser directive (syntax)" },
        { "RUN echo a \\\n  # a comment", 2, "line continuation" },
        { "ENV A=1\n  echo loose words", 2, "'echo' is not a Dockerfile instruction" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_fragment_the_frontends_would_read_differently_is_refused_with_the_line(string content, int line, string named)
    {
        AssertRefused(Splice(content, Frontend), "MULTISTAGE1040", line, named);
    }

    [Theory]
    [InlineData("RUN <<EOF\necho hello\nEOF")]
    [InlineData("RUN <<-EOF\n\techo hello\n\tEOF")]
    [InlineData("RUN cat <<\"EOF\" > /etc/motd\n$HOME is not expanded\nEOF")]
    [InlineData("COPY <<'EOF' /app/note.txt\nFROM scratch AS not-a-stage\nUSER root\nEOF")]
    [InlineData("RUN <<one cat /dev/stdin && 3<<two cat /dev/fd/3\nfirst\none\nsecond\ntwo\nUSER root")]
    [InlineData("ONBUILD RUN <<EOF\necho later\nEOF")]
    public void A_heredoc_is_spliced_in_when_the_chosen_frontend_reads_heredocs(string content)
    {
        var result = Splice(content, Frontend);

        AssertSplicedAsWritten(result, content);
        var lines = result.Text!.Split('\n').ToList();
        var instructions = BuildKitRules.Parse(result.Text!, heredocs: true);
        Assert.Contains(instructions, i => i.Text == "USER 1654" && i.Line == lines.IndexOf("USER 1654"));
        Assert.Equal(new[] { "base", "build", "final" }, instructions.Where(i => i.Keyword == "FROM").Select(i => i.Args![^1]));
    }

    [Theory]
    [InlineData(null, "no MultiStageDockerfileSyntax is set")]
    [InlineData("docker/dockerfile:1.3", "MultiStageDockerfileSyntax 'docker/dockerfile:1.3' is not known")]
    [InlineData("example.com/my/frontend:1", "MultiStageDockerfileSyntax 'example.com/my/frontend:1' is not known")]
    public void A_heredoc_is_refused_when_the_frontend_may_not_read_heredocs(string? syntax, string named)
    {
        var result = Splice("ENV A=1\nRUN <<EOF\necho hello\nEOF", syntax);

        AssertRefused(result, "MULTISTAGE1038", 2, named);
        Assert.Contains("MultiStageDockerfileSyntax to docker/dockerfile:1", result.Diagnostics[0].Message);
    }

    [Theory]
    [InlineData("docker/dockerfile:1", true)]
    [InlineData("docker/dockerfile", true)]
    [InlineData("docker/dockerfile:latest", true)]
    [InlineData("docker.io/docker/dockerfile:1.4", true)]
    [InlineData("docker/dockerfile:1.7-labs", true)]
    [InlineData("docker/dockerfile:1.10.0", true)]
    [InlineData("docker/dockerfile:1.7@sha256:0000000000000000000000000000000000000000000000000000000000000000", true)]
    [InlineData("docker/dockerfile:1.3", false)]
    [InlineData("docker/dockerfile:1.3-labs", false)]
    [InlineData("docker/dockerfile:1.0", false)]
    [InlineData("docker/dockerfile@sha256:0000000000000000000000000000000000000000000000000000000000000000", false)]
    [InlineData("docker/dockerfile-copy:1", false)]
    [InlineData(null, false)]
    [InlineData("", false)]
    public void Heredocs_are_read_by_docker_dockerfile_from_1_4(string? syntax, bool reads)
    {
        Assert.Equal(reads, FragmentRules.ReadsHeredocs(syntax));
    }

    [Theory]
    [InlineData("ENV WINDIR=\"C:\\\\\"")]
    [InlineData("RUN echo 'C:\\' && echo done")]
    [InlineData("RUN apt-get update \\\n    # a comment inside\n\n    && apt-get install -y curl")]
    [InlineData("RUN echo a\u00a0b")]
    [InlineData("RUN cat <<<\"here-string\"")]
    [InlineData("RUN echo 'a <<EOF' \"<<EOF\" x<<y")]
    [InlineData("RUN [\"sh\", \"-c\", \"cat <<EOF\"]")]
    [InlineData("# a comment that names escape = nothing\nSTOPSIGNAL SIGINT")]
    public void A_benign_fragment_is_spliced_in_byte_for_byte_with_any_frontend(string content)
    {
        AssertSplicedAsWritten(Splice(content), content);
        AssertSplicedAsWritten(Splice(content, Frontend), content);
    }

    [Fact]
    public void A_heredoc_across_fragments_is_caught_alone_and_in_the_spliced_file()
    {
        var opener = new DockerfileFragment("docker/a.dockerfile", FragmentPoint.BeforeAppCopy, new[] { "RUN cat <<USER >/dev/null" });
        var closer = new DockerfileFragment("docker/b.dockerfile", FragmentPoint.AfterAppCopy, new[] { "USER" });
        var facts = Projects.Web("net10.0") with { DockerfileSyntax = Frontend, Fragments = new[] { opener, closer } };

        var alone = Generate.Dockerfile(facts);
        Assert.Contains(alone.Diagnostics, d => d.Code == "MULTISTAGE1040" && d.Message.Contains("'docker/a.dockerfile' line 1") && d.Message.Contains("no line 'USER'"));

        // Past the per-fragment check, the whole-file reading still sees the generated lines swallowed.
        var (text, problem) = DockerfileWriter.WriteChecked(WithUncheckedFragments(facts));
        Assert.NotNull(problem);
        Assert.Contains("from docker/a.dockerfile", problem);
        Assert.Equal(new[] { "base" }, BuildKitRules.Parse(text, heredocs: true).Where(i => i.Keyword == "FROM").Select(i => i.Args![^1]));
    }

    [Theory]
    [InlineData("RUN echo hi \\")]
    [InlineData("RUN echo C:\\\\")]
    [InlineData("RUN <<EOF")]
    public void The_spliced_file_is_checked_as_a_whole(string line)
    {
        var fragment = new DockerfileFragment("docker/a.dockerfile", FragmentPoint.BeforeAppCopy, new[] { line });
        var facts = Projects.Web("net10.0") with { DockerfileSyntax = Frontend, Fragments = new[] { fragment } };

        var (_, problem) = DockerfileWriter.WriteChecked(WithUncheckedFragments(facts));

        Assert.NotNull(problem);
        Assert.Contains("docker/a.dockerfile", problem);
    }

    [Fact]
    public void The_reader_gives_each_instruction_its_lines()
    {
        var reading = DockerfileReader.Read(
            new[] { "# syntax=docker/dockerfile:1", "FROM x AS a", "RUN a \\", "  # inside", "", "  b", "COPY <<EOF <<-END /x", "EOF", "body", "EOF", "\tEND", "USER app" },
            heredocs: true);

        Assert.Null(reading.Problem);
        Assert.Equal(
            new[] { ("FROM", 1, 1), ("RUN", 2, 5), ("COPY", 6, 10), ("USER", 11, 11) },
            reading.Instructions.Select(i => (i.Keyword, i.FirstLine, i.LastLine)));
        Assert.Equal(6, reading.FirstHeredocLine);
    }

    /// <summary>The plan of the facts with their fragments added past the per-fragment check, so only the whole-file reading can catch them.</summary>
    private static ImagePlan WithUncheckedFragments(ProjectFacts facts)
    {
        var plan = Generate.Plan(facts with { Fragments = Array.Empty<DockerfileFragment>() });
        return plan with { Customization = plan.Customization with { Fragments = facts.Fragments } };
    }
}
