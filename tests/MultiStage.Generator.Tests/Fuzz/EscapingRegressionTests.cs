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
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>Values the fuzz test (<see cref="FuzzTests"/>) found placed unsafely, kept as plain cases.</summary>
public class EscapingRegressionTests
{
    private static readonly ProjectFacts Web = Projects.Web("net10.0");

    private static IReadOnlyList<string> Errors(ProjectFacts facts) =>
        Generate.Dockerfile(facts).Diagnostics.Where(d => d.IsError).Select(d => d.Code).ToList();

    // '$' in a .NET regular expression also matches before a final line break: these passed validation and
    // their line break split the instruction.
    [Fact]
    public void A_variable_name_ending_in_a_line_break_is_MULTISTAGE1012()
    {
        Assert.Equal(new[] { "MULTISTAGE1012" }, Errors(Web with { EnvironmentVariables = new[] { new NameValue("NAME\n", "value") } }));
    }

    [Fact]
    public void A_label_key_ending_in_a_line_break_is_MULTISTAGE1013()
    {
        Assert.Equal(new[] { "MULTISTAGE1013" }, Errors(Web with { Labels = new[] { new NameValue("com.example.team\n", "value") } }));
    }

    [Fact]
    public void A_user_ending_in_a_line_break_is_MULTISTAGE1015()
    {
        Assert.Equal(new[] { "MULTISTAGE1015" }, Errors(Web with { ContainerUser = "app\n" }));
    }

    [Fact]
    public void A_working_directory_ending_in_a_line_break_is_MULTISTAGE1016()
    {
        Assert.Equal(new[] { "MULTISTAGE1016" }, Errors(Web with { ContainerWorkingDirectory = "/app\n" }));
    }

    [Fact]
    public void A_registry_mirror_with_a_line_break_before_its_slash_is_MULTISTAGE1024()
    {
        Assert.Equal(new[] { "MULTISTAGE1024" }, Errors(Web with { ImageRegistry = "registry.example.com\n/" }));
    }

    [Fact]
    public void A_digest_ending_in_a_line_break_is_MULTISTAGE3005()
    {
        var images = Generate.Dockerfile(Web).Plan!.Images;
        var digest = "sha256:" + new string('a', 64);
        var facts = Web with
        {
            PinDigests = true,
            ImageDigests = new Dictionary<string, string> { [images.BuildImage] = digest + "\n", [images.FinalImage] = digest },
        };

        Assert.Equal(new[] { "MULTISTAGE3005" }, Errors(facts));
    }

    [Fact]
    public void An_image_override_is_trimmed_so_its_line_break_never_lands()
    {
        var text = Generate.Dockerfile(Web with { ContainerBaseImage = "myorg/aspnet:10.0\n" }).Text!;

        Assert.Contains("\nFROM myorg/aspnet:10.0 AS base\n", text);
    }

    // C1 control characters (U+0080-U+009F) were written raw: a double-quoted ENV or LABEL value cannot escape them,
    // U+0085 is a line break to YAML 1.1 and some editors, and the rest are not allowed in a YAML stream at all.
    [Theory]
    [InlineData("a\u0080b")]
    [InlineData("a\u0085b")]
    [InlineData("a\u0090b")]
    [InlineData("a\u009fb")]
    public void A_C1_control_character_in_a_value_is_MULTISTAGE1014(string value)
    {
        Assert.Equal(new[] { "MULTISTAGE1014" }, Errors(Web with { EnvironmentVariables = new[] { new NameValue("NAME", value) } }));
        Assert.Equal(new[] { "MULTISTAGE1014" }, Errors(Web with { Labels = new[] { new NameValue("com.example.team", value) } }));
    }

    [Fact]
    public void C1_control_characters_in_exec_form_arguments_are_JSON_escapes()
    {
        var text = Generate.Dockerfile(Web with { AppCommandArgs = new[] { "\u0085next\u0090" } }).Text!;

        Assert.Contains("ENTRYPOINT [\"dotnet\", \"App.dll\", \"\\u0085next\\u0090\"]\n", text);
        Assert.DoesNotContain(text, c => c is >= '\u0080' and <= '\u009f');
    }

    [Fact]
    public void JsonString_escapes_every_C1_control_character()
    {
        Assert.Equal("\"\\u0080\\u0085\\u009f\u00a0\"", JsonQuoting.Quote("\u0080\u0085\u009f\u00a0"));
    }

    // BuildKit reads each COPY source with Go's text/scanner, which skips a byte order mark that starts the word.
    [Fact]
    public void CopyArray_escapes_a_byte_order_mark_so_a_path_starting_with_one_keeps_it()
    {
        Assert.Equal("[\"\\\\\uFEFFApp/App.csproj\", \"\\\\\uFEFFApp/\"]", DockerfileQuoting.CopyArray(new[] { "\uFEFFApp/App.csproj", "\uFEFFApp/" }));
        Assert.Equal("\uFEFFApp/App.csproj", BuildKitRules.ProcessWord("\\\uFEFFApp/App.csproj"));
        Assert.Equal("App/App.csproj", BuildKitRules.ProcessWord("\uFEFFApp/App.csproj"));
    }

    [Fact]
    public void A_tab_is_still_placed_as_it_is_in_a_quoted_value()
    {
        var text = Generate.Dockerfile(Web with { EnvironmentVariables = new[] { new NameValue("NAME", "a\tb") } }).Text!;

        Assert.Contains("\nENV NAME=\"a\tb\"\n", text);
    }
}
