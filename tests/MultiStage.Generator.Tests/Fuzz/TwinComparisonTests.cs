using MultiStage.Generator.Facts;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// Each way a value can escape its place makes <see cref="TwinComparison"/> report it: the fuzz test's properties
/// fail when the quoting does, whatever instruction the value lands in.
/// </summary>
public class TwinComparisonTests
{
    private const string Value = "x\" y $HOME";

    private static readonly BenignTwin Twin = BenignTwin.Of(Projects.Web("net10.0") with
    {
        EnvironmentVariables = new[] { new NameValue("A", Value), new NameValue("B", "z") },
        AppCommandArgs = new[] { Value },
        RestoreFiles = new[] { "a\"b/c.props" },
    });

    private static string Token => Twin.Facts.EnvironmentVariables[0].Value;

    private static string PathImage => Twin.Facts.RestoreFiles[0];

    private static string OtherToken => Twin.Facts.EnvironmentVariables[1].Value;

    private static List<string> Compare(string hostile, string benign, out int compared)
    {
        var problems = new List<string>();
        var hostileRead = InstructionReading.Read(BuildKitRules.Parse("FROM img AS base\n" + hostile));
        var benignRead = InstructionReading.Read(BuildKitRules.Parse("FROM img AS base\n" + benign));
        TwinComparison.CheckSkeleton(hostileRead, benignRead, problems);
        compared = problems.Count == 0 ? TwinComparison.CheckArguments(hostileRead, benignRead, Twin, problems) : 0;
        return problems;
    }

    [Theory]
    [InlineData("ENV A=\"x\\\" y \\$HOME\"\n", "ENV A=\"{0}\"\n")]
    [InlineData("ENTRYPOINT [\"dotnet\", \"x\\\" y $HOME\"]\n", "ENTRYPOINT [\"dotnet\", \"{0}\"]\n")]
    [InlineData("COPY [\"a\\\\\\\"b/c.props\", \"a\\\\\\\"b/\"]\n", "COPY [\"{1}\", \"{2}/\"]\n")]
    [InlineData("RUN dotnet restore 'a\"b/c.props'\n", "RUN dotnet restore \"{1}\"\n")]
    public void A_value_quoted_right_is_read_back_whole_in_its_place(string hostile, string benign)
    {
        var problems = Compare(hostile, Format(benign), out var compared);

        Assert.Empty(problems);
        Assert.True(compared > 0);
    }

    [Theory]
    // A quote not escaped ends the value: the rest is another word.
    [InlineData("ENV A=\"x\" y \\$HOME\"\n", "ENV A=\"{0}\"\n")]
    // A '$' not escaped expands a variable.
    [InlineData("ENV A=\"x\\\" y $HOME\"\n", "ENV A=\"{0}\"\n")]
    // A value in another value's place.
    [InlineData("ENV A=\"z\"\nENV B=\"x\\\" y \\$HOME\"\n", "ENV A=\"{0}\"\nENV B=\"{3}\"\n")]
    // A JSON string not escaped splits the array.
    [InlineData("ENTRYPOINT [\"dotnet\", \"x\", \"y $HOME\"]\n", "ENTRYPOINT [\"dotnet\", \"{0}\"]\n")]
    // COPY reads its JSON strings as words again: a '"' escaped only for JSON is a quote to it.
    [InlineData("COPY [\"a\\\"b/c.props\", \"a\\\"b/\"]\n", "COPY [\"{1}\", \"{2}/\"]\n")]
    // A shell word not quoted is two words to the shell.
    [InlineData("RUN dotnet restore a\"b/c.props\n", "RUN dotnet restore \"{1}\"\n")]
    // A value that starts a line of its own adds an instruction.
    [InlineData("ENV A=\"x\"\nRUN id\n", "ENV A=\"{0}\"\n")]
    // A line continuation in a value takes the next instruction in.
    [InlineData("ENV A=\"x\\\\\" \\\nENV B=\"z\"\n", "ENV A=\"{0}\"\nENV B=\"{3}\"\n")]
    public void A_value_that_escapes_its_place_is_reported(string hostile, string benign)
    {
        Assert.NotEmpty(Compare(hostile, Format(benign), out _));
    }

    [Fact]
    public void A_heredoc_marker_a_value_leaves_unquoted_stops_the_reading()
    {
        Assert.Throws<BuildKitRules.WordException>(() => BuildKitRules.Parse("FROM img AS base\nRUN dotnet restore <<EOF\n"));
    }

    [Fact]
    public void A_stage_that_starts_from_another_stage_is_part_of_the_skeleton()
    {
        var problems = Compare("FROM base AS final\n", "FROM img AS final\n", out _);

        Assert.Single(problems, p => p.StartsWith("skeleton:", StringComparison.Ordinal));
    }

    private static string Format(string benign) =>
        benign.Replace("{0}", Token).Replace("{1}", PathImage).Replace("{2}", PathImage.Substring(0, PathImage.LastIndexOf('/'))).Replace("{3}", OtherToken);
}
