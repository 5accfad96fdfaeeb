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
using Xunit;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>The fuzz test's model of BuildKit's reading, pinned to cases from BuildKit's own lexer and parser tests.</summary>
public class BuildKitRulesTests
{
    [Theory]
    [InlineData("hello", "hello")]
    [InlineData("\"hello world\"", "hello world")]
    [InlineData("'hello world'", "hello world")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"a\\$b\"", "a$b")]
    [InlineData("\"a\\\\b\"", "a\\b")]
    [InlineData("\"a\\nb\"", "a\\nb")]
    [InlineData("'a\\b'", "a\\b")]
    [InlineData("a\\ b", "a b")]
    [InlineData("a\\$b", "a$b")]
    [InlineData("\\'", "'")]
    [InlineData("he\"ll\"o", "hello")]
    [InlineData("\"\"", "")]
    public void ProcessWord_removes_quotes_and_escapes_as_BuildKit_does(string word, string expected)
    {
        Assert.Equal(expected, BuildKitRules.ProcessWord(word));
    }

    [Theory]
    [InlineData("$HOME")]
    [InlineData("\"${X:-y}\"")]
    [InlineData("\"unterminated")]
    [InlineData("'unterminated")]
    public void ProcessWord_refuses_what_would_expand_or_not_end(string word)
    {
        Assert.Throws<BuildKitRules.WordException>(() => BuildKitRules.ProcessWord(word));
    }

    [Theory]
    [InlineData("A=\"b c\"", new[] { "A=\"b c\"" })]
    [InlineData("A=b C=d", new[] { "A=b", "C=d" })]
    [InlineData("A=b\\ c", new[] { "A=b\\ c" })]
    [InlineData("\"k\"=\"v \\\" w\"", new[] { "\"k\"=\"v \\\" w\"" })]
    [InlineData("A=\"b\u3000c\" D=e\u3000F=g", new[] { "A=\"b\u3000c\"", "D=e", "F=g" })]
    public void ParseWords_splits_at_white_space_outside_quotes(string arguments, string[] expected)
    {
        Assert.Equal(expected, BuildKitRules.ParseWords(arguments));
    }

    [Fact]
    public void Parse_joins_continuation_lines_skips_comments_and_keeps_line_numbers()
    {
        var instructions = BuildKitRules.Parse(
            "# syntax=docker/dockerfile:1\n# a comment\nFROM x AS build\nRUN a \\\n    # inside\n    b \\\\\nENV A=\"1\"\nCOPY [\"<<EOF\", \"./\"]\n");

        Assert.Equal(new[] { "FROM", "RUN", "ENV", "COPY" }, instructions.Select(i => i.Keyword));
        Assert.Equal((3, 5), (instructions[1].Line, instructions[1].EndLine));
        Assert.Equal("RUN a     b \\\\", instructions[1].Text);
        Assert.Equal("[\"<<EOF\", \"./\"]", instructions[3].Json?.Raw);
    }

    [Fact]
    public void Parse_reads_flags_only_before_the_arguments()
    {
        var copy = BuildKitRules.Parse("FROM x\nCOPY [\"--from=build --chmod=777\", \"./\"]\nCOPY --from=build /app .\n").Where(i => i.Keyword == "COPY").ToList();

        Assert.Empty(copy[0].Flags!);
        Assert.Equal("[\"--from=build --chmod=777\", \"./\"]", copy[0].Json?.Raw);
        Assert.Equal(new[] { "--from=build" }, copy[1].Flags);
        Assert.Equal(new[] { "/app", "." }, copy[1].Args);
    }

    [Fact]
    public void Parse_reports_a_heredoc_outside_JSON_form()
    {
        Assert.Throws<BuildKitRules.WordException>(() => BuildKitRules.Parse("FROM x\nRUN cat <<EOF\nhi\nEOF\n"));
        Assert.Single(BuildKitRules.Parse("FROM x\nRUN cat '<<EOF'\n"), i => i.Keyword == "RUN");
    }
}
