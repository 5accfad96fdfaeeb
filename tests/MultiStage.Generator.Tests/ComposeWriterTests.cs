using System.Text.Json;
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
using MultiStage.Generator.Tests.Fuzz;
using MultiStage.Generator.Tests.Infrastructure;
using MultiStage.Tests.Shared;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace MultiStage.Generator.Tests;

/// <summary>
/// compose.yaml at the context root: one service per project, merged across the projects' builds. Whole outputs are
/// golden files (Golden/compose-*.yaml); every output is also read back with a YAML parser (YamlDotNet) and the golden
/// files are validated against the Compose Specification's JSON schema (ComposeSchemaTests).
/// </summary>
public class ComposeWriterTests
{
    private static readonly ProjectFacts Api = Projects.Web("net10.0") with
    {
        ProjectPath = "src/Api/Api.csproj",
        DockerfilePath = "src/Api/Dockerfile",
        AssemblyName = "Api",
        ContainerRepository = "api",
        Ports = new[] { new ContainerPort("8080", "tcp"), new ContainerPort("5353", "udp") },
        EnvironmentVariables = new[]
        {
            new NameValue("GREETING", "say \"hello\""),
            new NameValue("PRICE", "$5 and ${HOME} and $$"),
            new NameValue("WINDOWS_PATH", @"C:\temp\new"),
            new NameValue("Logging__LogLevel__Default", "Information"),
            new NameValue("EMPTY", ""),
            new NameValue("SPACED", "  a: b # not a comment  "),
            new NameValue("UNICODE", "ünïcode 😀\ttab"),
        },
    };

    private static readonly ProjectFacts Worker = Projects.Worker("net10.0") with
    {
        ProjectPath = "src/Worker/Worker.csproj",
        DockerfilePath = "src/Worker/Dockerfile",
        AssemblyName = "Worker",
        ContainerRepository = "worker",
        EnvironmentVariables = new[] { new NameValue("DOTNET_ENVIRONMENT", "Production") },
    };

    private static readonly ProjectFacts Admin = Projects.Web("net10.0") with
    {
        ProjectPath = "tools/Admin/Admin.csproj",
        DockerfilePath = "tools/Admin/Dockerfile",
        AssemblyName = "Admin",
        ContainerRepository = "example/admin-ui",
    };

    [Fact]
    public void One_web_service_has_its_build_image_ports_and_escaped_environment()
    {
        var text = Write(null, Api);

        GoldenFile.AssertMatches("compose-single-web.yaml", text);
        var service = Services(text)["api"];
        Assert.Equal(".", Scalar(service, "build", "context"));
        Assert.Equal("src/Api/Dockerfile", Scalar(service, "build", "dockerfile"));
        Assert.Equal("api", Scalar(service, "image"));
        Assert.Equal(new[] { "8080:8080", "5353:5353/udp" }, Sequence(service, "ports"));
        AssertEnvironmentRoundTrips(service, Api.EnvironmentVariables);
    }

    [Fact]
    public void A_dev_stage_gets_a_dev_service_with_the_sources_mounted_in_the_dev_profile()
    {
        var api = Api with { DevStage = true, RestoreFiles = new[] { "Directory.Build.props" } };
        var text = Write(Write(null, Worker), api);

        GoldenFile.AssertMatches("compose-dev-service.yaml", text);
        var services = Services(text);
        Assert.Equal(new[] { "api", "api-dev", "worker" }, services.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        var dev = services["api-dev"];
        Assert.Equal("dev", Scalar(dev, "build", "target"));
        Assert.Equal(new[] { "dev" }, Sequence(dev, "profiles"));
        Assert.Equal(
            new[] { ".:/src", "/src/src/Api/bin", "/src/src/Api/obj", "${HOME}/.microsoft/usersecrets:/root/.microsoft/usersecrets:ro", "${HOME}/.aspnet/https:/root/.aspnet/https:ro" },
            Sequence(dev, "volumes"));
        Assert.Equal(Sequence(services["api"], "ports"), Sequence(dev, "ports"));

        // Merged again, the project's block (both services) is replaced whole.
        Assert.Equal(text, Write(text, api));
    }

    [Fact]
    public void A_second_project_is_merged_beside_the_first()
    {
        var text = Write(Write(null, Api), Worker);

        GoldenFile.AssertMatches("compose-two-services.yaml", text);
        var services = Services(text);
        Assert.Equal(new[] { "api", "worker" }, services.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        AssertEnvironmentRoundTrips(services["api"], Api.EnvironmentVariables);
        AssertEnvironmentRoundTrips(services["worker"], Worker.EnvironmentVariables);
        Assert.False(((YamlMappingNode)services["worker"]).Children.ContainsKey("ports"));
    }

    [Fact]
    public void A_project_whose_ports_change_replaces_its_own_service_and_keeps_the_others()
    {
        var before = Write(Write(null, Api), Worker);
        var moved = Api with { Ports = new[] { new ContainerPort("5000", "tcp") } };

        var text = Write(before, moved);

        GoldenFile.AssertMatches("compose-ports-changed.yaml", text);
        Assert.Equal(new[] { "5000:5000" }, Sequence(Services(text)["api"], "ports"));
        Assert.Equal(Block(before, Worker), Block(text, Worker));
        Assert.Single(Services(text).Children.Keys, k => ((YamlScalarNode)k).Value == "api");
    }

    [Fact]
    public void A_service_whose_project_file_is_gone_is_dropped()
    {
        var before = Write(Write(Write(null, Api), Worker), Admin);

        var text = ComposeWriter.Write(before, Service(Worker), project => project != Api.ProjectPath);

        GoldenFile.AssertMatches("compose-project-gone.yaml", text);
        Assert.Equal(new[] { "example-admin-ui", "worker" }, Services(text).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.DoesNotContain(Api.ProjectPath, text);
    }

    [Fact]
    public void Writing_the_same_service_again_gives_identical_bytes()
    {
        var once = Write(null, Api);
        var twice = Write(once, Api);
        var all = Write(Write(Write(null, Api), Worker), Admin);

        Assert.Equal(once, twice);
        Assert.Equal(all, Write(all, Worker));
        Assert.Equal(all, Write(Write(Write(all, Admin), Api), Worker));
    }

    [Fact]
    public void Services_come_out_in_the_same_order_whatever_order_the_projects_build_in()
    {
        var projects = new[] { Api, Worker, Admin };
        var orders = new[] { new[] { 0, 1, 2 }, new[] { 0, 2, 1 }, new[] { 1, 0, 2 }, new[] { 1, 2, 0 }, new[] { 2, 0, 1 }, new[] { 2, 1, 0 } };

        var outputs = orders.Select(order => order.Aggregate((string?)null, (text, i) => Write(text, projects[i]))!).ToList();

        Assert.All(outputs, output => Assert.Equal(outputs[0], output));
        Assert.Equal(new[] { "api", "example-admin-ui", "worker" }, Services(outputs[0]).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
    }

    [Fact]
    public void Blocks_someone_reordered_or_spaced_out_are_still_merged_and_sorted()
    {
        // Blocks are found by their "# service from" line, not by position.
        var sorted = Write(Write(null, Api), Worker);
        var header = sorted.Substring(0, sorted.IndexOf("  # service from", StringComparison.Ordinal));
        var shuffled = header + Block(sorted, Worker) + "\n" + Block(sorted, Api);

        var rewritten = Write(shuffled, Admin);

        Assert.Equal(new[] { "api", "example-admin-ui", "worker" }, Services(rewritten).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal(Block(sorted, Api), Block(rewritten, Api));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("$HOME")]
    [InlineData("${X:-y}")]
    [InlineData("$$")]
    [InlineData("a\\b\\\\c")]
    [InlineData("\"quoted\" 'single'")]
    [InlineData("key: value # comment")]
    [InlineData("- item")]
    [InlineData("  leading and trailing  ")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak\r\nand\u2028separator\u0085next")]
    [InlineData("\u0000\u0007\u001b\u007f\u0090\u009f")]
    [InlineData("yes")]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("0x1F")]
    [InlineData("")]
    [InlineData("😀 𝄞 中文 e\u0301 \u00a0 \u3000 \u202e")]
    public void A_scalar_reads_back_as_the_value_once_compose_undoes_its_dollar_doubling(string value)
    {
        var yaml = "value: " + ComposeWriter.Scalar(value) + "\n";

        var scalar = (YamlScalarNode)((YamlMappingNode)Parse(yaml).RootNode)["value"];

        Assert.Equal(YamlDotNet.Core.ScalarStyle.DoubleQuoted, scalar.Style);
        Assert.Equal(value, Undouble(scalar.Value!));
    }

    [Fact]
    public void Environment_values_of_random_accepted_projects_round_trip_through_compose()
    {
        // The fuzz test's value generator: every project the Dockerfile generator accepts gets a compose service too.
        // A variable named twice keeps its last value, as ENV lines do.
        var checkedValues = 0;
        using var folder = new TemporaryFolder();
        var files = new List<string>();
        for (var index = 0; index < 2_000; index++)
        {
            var facts = HostileFacts.Create(FuzzTests.DefaultSeed, index);
            if (Generate.Dockerfile(facts).HasErrors)
            {
                continue;
            }

            var text = Write(null, facts);
            var service = Services(text).Children.Single().Value;
            var lastValues = facts.EnvironmentVariables.GroupBy(v => v.Name, StringComparer.Ordinal).Select(g => g.Last()).ToList();
            AssertEnvironmentRoundTrips(service, lastValues);
            checkedValues += facts.EnvironmentVariables.Count;
            if (files.Count < 200)
            {
                files.Add(folder.Write($"{index}/compose.yaml", text));
            }
        }

        Assert.True(checkedValues > 1_000, $"only {checkedValues} values were checked");

        // The first 200 are checked against the compose specification as well, in one node run.
        Assert.NotEmpty(files);
        var (exitCode, output) = NodeTools.RunScript("validate-compose.mjs", null, files.ToArray());
        Assert.True(exitCode == 0, "compose-spec schema errors:\n" + string.Join("\n", output.Split('\n').Where(l => l.Contains("\"valid\":false", StringComparison.Ordinal)).Take(5)));
    }

    private static ComposeService Service(ProjectFacts facts) => ComposeService.From(Generate.Plan(facts));

    private static string Write(string? existing, ProjectFacts facts)
    {
        var text = ComposeWriter.Write(existing, Service(facts), _ => true);
        Parse(text);
        return text;
    }

    /// <summary>Parses YAML with YamlDotNet: exactly one document, or the test fails.</summary>
    private static YamlDocument Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Assert.Single(stream.Documents);
    }

    private static YamlMappingNode Services(string yaml) =>
        (YamlMappingNode)((YamlMappingNode)Parse(yaml).RootNode)["services"];

    private static string? Scalar(YamlNode node, params string[] path) =>
        ((YamlScalarNode)path.Aggregate(node, (current, key) => ((YamlMappingNode)current)[key])).Value;

    private static IReadOnlyList<string?> Sequence(YamlNode service, string key) =>
        ((YamlSequenceNode)((YamlMappingNode)service)[key]).Children.Select(c => ((YamlScalarNode)c).Value).ToList();

    /// <summary>The environment holds each variable once, in order, double-quoted; un-doubling '$' gives the value.</summary>
    private static void AssertEnvironmentRoundTrips(YamlNode service, IReadOnlyList<NameValue> expected)
    {
        var mapping = (YamlMappingNode)service;
        if (expected.Count == 0)
        {
            Assert.False(mapping.Children.ContainsKey("environment"));
            return;
        }

        var environment = ((YamlMappingNode)mapping["environment"]).Children
            .Select(pair => (Name: (YamlScalarNode)pair.Key, Value: (YamlScalarNode)pair.Value))
            .ToList();
        Assert.All(environment, pair => Assert.Equal(YamlDotNet.Core.ScalarStyle.DoubleQuoted, pair.Value.Style));
        Assert.Equal(expected.Select(v => v.Name), environment.Select(pair => Undouble(pair.Name.Value!)));
        Assert.Equal(expected.Select(v => v.Value), environment.Select(pair => Undouble(pair.Value.Value!)));
    }

    /// <summary>Compose reads "$$" as a literal '$' (and "$NAME" as a variable): the writer doubles every '$'.</summary>
    private static string Undouble(string value)
    {
        Assert.DoesNotMatch(@"(?<!\$)(\$\$)*\$(?!\$)", value);
        return value.Replace("$$", "$", StringComparison.Ordinal);
    }

    /// <summary>One project's block, from its "# service from" line to the next block.</summary>
    private static string Block(string yaml, ProjectFacts facts)
    {
        var start = yaml.IndexOf("  # service from " + facts.ProjectPath + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no block for {facts.ProjectPath}");
        var next = yaml.IndexOf("  # service from ", start + 1, StringComparison.Ordinal);
        return next < 0 ? yaml.Substring(start) : yaml.Substring(start, next - start);
    }
}
