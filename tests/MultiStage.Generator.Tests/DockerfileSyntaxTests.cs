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

namespace MultiStage.Generator.Tests;

public class DockerfileSyntaxTests
{
    [Theory]
    [InlineData("App.dll", "\"App.dll\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\app", "\"C:\\\\app\"")]
    [InlineData("a\nb\rc\td", "\"a\\nb\\rc\\td\"")]
    [InlineData("\u0001\u007f", "\"\\u0001\\u007f\"")]
    [InlineData("line\u2028separator\u2029", "\"line\\u2028separator\\u2029\"")]
    [InlineData("$HOME 'single' ünïcode", "\"$HOME 'single' ünïcode\"")]
    [InlineData("", "\"\"")]
    public void JsonString_escapes_quotes_backslashes_and_every_control_character(string value, string expected)
    {
        Assert.Equal(expected, JsonQuoting.Quote(value));
    }

    [Fact]
    public void JsonArray_is_an_exec_form_array_of_JSON_strings()
    {
        Assert.Equal("[\"dotnet\", \"My \\\"App\\\".dll\", \"--flag\"]", DockerfileQuoting.JsonArray(new[] { "dotnet", "My \"App\".dll", "--flag" }));
    }

    [Fact]
    public void JsonArray_of_nothing_is_an_empty_array()
    {
        Assert.Equal("[]", DockerfileQuoting.JsonArray(Array.Empty<string>()));
    }

    [Fact]
    public void CopyArray_leaves_plain_paths_as_they_are()
    {
        Assert.Equal("[\"src/My App/My App.csproj\", \"src/My App/\"]", DockerfileQuoting.CopyArray(new[] { "src/My App/My App.csproj", "src/My App/" }));
    }

    [Theory]
    // COPY expands variables and quotes after reading the JSON, so each gets a '\' that JSON then escapes again.
    [InlineData("a$b", "[\"a\\\\$b\"]")]
    [InlineData("it's", "[\"it\\\\'s\"]")]
    [InlineData("say\"x\"", "[\"say\\\\\\\"x\\\\\\\"\"]")]
    [InlineData(@"a\b", "[\"a\\\\\\\\b\"]")]
    public void CopyArray_escapes_what_COPY_would_expand_after_reading_the_JSON(string path, string expected)
    {
        Assert.Equal(expected, DockerfileQuoting.CopyArray(new[] { path }));
    }

    [Theory]
    [InlineData("Payments", "\"Payments\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("$5 and ${HOME}", "\"\\$5 and \\${HOME}\"")]
    [InlineData(@"C:\temp", "\"C:\\\\temp\"")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("", "\"\"")]
    public void QuotedWord_escapes_backslash_quote_and_dollar_for_ENV_and_LABEL(string value, string expected)
    {
        Assert.Equal(expected, DockerfileQuoting.QuotedWord(value));
    }

    [Theory]
    [InlineData("src/Api/Api.csproj", "\"src/Api/Api.csproj\"")]
    [InlineData("My App/My App.csproj", "\"My App/My App.csproj\"")]
    [InlineData("net10.0", "\"net10.0\"")]
    public void ShellArgument_double_quotes_plainly_safe_values(string value, string expected)
    {
        Assert.Equal(expected, DockerfileQuoting.ShellArgument(value));
    }

    [Theory]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("a$b", "'a$b'")]
    [InlineData("a`b`", "'a`b`'")]
    [InlineData("x;rm -rf /", "'x;rm -rf /'")]
    [InlineData("a\"b", "'a\"b'")]
    [InlineData("", "''")]
    public void ShellArgument_single_quotes_anything_the_shell_would_interpret(string value, string expected)
    {
        Assert.Equal(expected, DockerfileQuoting.ShellArgument(value));
    }

    [Theory]
    [InlineData("a\nb", '\n')]
    [InlineData("a\rb", '\r')]
    [InlineData("a\u0000b", '\u0000')]
    [InlineData("a\u007fb", '\u007f')]
    [InlineData("a\u0085b", '\u0085')]
    [InlineData("a\u2028b", '\u2028')]
    [InlineData("a\u2029b", '\u2029')]
    public void A_line_break_or_control_character_cannot_be_placed_in_a_value(string value, char expected)
    {
        Assert.Equal(expected, DockerfileQuoting.FindUnplaceableCharacter(value));
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("tab\tseparated")]
    [InlineData("$ \" \\ ' ` * ünïcode")]
    [InlineData("")]
    public void Printable_text_and_tabs_can_be_placed_in_a_value(string value)
    {
        Assert.Null(DockerfileQuoting.FindUnplaceableCharacter(value));
    }

    [Theory]
    [InlineData("src/a\tb.csproj", '\t')]
    [InlineData("src/a\nb.csproj", '\n')]
    [InlineData("src/*.csproj", '*')]
    [InlineData("src/a?.csproj", '?')]
    [InlineData("src/[a].csproj", '[')]
    [InlineData("src/a]/a.csproj", ']')]
    [InlineData(@"src\a.csproj", '\\')]
    [InlineData("src/$(X)/a.csproj", '$')]
    [InlineData("src/`id`/a.csproj", '`')]
    public void A_path_cannot_hold_control_glob_or_expansion_characters(string path, char expected)
    {
        Assert.Equal(expected, DockerfileQuoting.FindUnplaceablePathCharacter(path));
    }

    [Theory]
    [InlineData("src/My App (v2)/My.App-2_x.csproj")]
    [InlineData("ünïcode/App.csproj")]
    [InlineData("it's/App.csproj")]
    public void A_path_with_spaces_quotes_and_letters_can_be_placed(string path)
    {
        Assert.Null(DockerfileQuoting.FindUnplaceablePathCharacter(path));
    }

    [Theory]
    [InlineData('\n', "a line break (\\n)")]
    [InlineData('\r', "a carriage return (\\r)")]
    [InlineData('\t', "a tab")]
    [InlineData('\u0001', "the control character U+0001")]
    [InlineData('\u0085', "the control character U+0085")]
    [InlineData('\u2028', "the line separator U+2028")]
    [InlineData('*', "the character '*'")]
    public void DescribeCharacter_names_the_character_for_a_message(char c, string expected)
    {
        Assert.Equal(expected, DockerfileQuoting.DescribeCharacter(c));
    }
}
