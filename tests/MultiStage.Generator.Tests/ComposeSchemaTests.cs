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
/// The golden compose files (Golden/compose-*.yaml) against the Compose Specification's JSON schema, and the schema
/// check itself.
/// </summary>
public class ComposeSchemaTests
{
    // One node run validates every golden compose file; each test then checks its own.
    private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> SchemaResults = new(ValidateGoldenComposeFiles);

    private static readonly string[] GoldenFiles =
    {
        "compose-single-web.yaml", "compose-two-services.yaml", "compose-ports-changed.yaml", "compose-project-gone.yaml", "compose-dev-service.yaml",
    };

    public static TheoryData<string> GoldenNames => new(GoldenFiles);

    [Theory]
    [MemberData(nameof(GoldenNames))]
    public void The_golden_compose_file_is_valid_against_the_compose_specification(string name)
    {
        Assert.True(SchemaResults.Value.TryGetValue(name, out var result), $"{name} was not validated");
        Assert.True(result.GetProperty("valid").GetBoolean(), $"compose-spec schema errors in {name}: {result.GetProperty("errors")}");
    }

    [Fact]
    public void The_schema_check_rejects_what_compose_would_reject()
    {
        using var folder = new TemporaryFolder();
        var invalid = folder.Write("compose.yaml", "services:\n  api:\n    image: 5\n    ports: \"8080:8080\"\n    environmnet:\n      A: b\n");

        var (exitCode, output) = NodeTools.RunScript("validate-compose.mjs", null, invalid);

        Assert.Equal(1, exitCode);
        Assert.Contains("must be string", output);
        Assert.Contains("must be array", output);
        Assert.Contains("environmnet", output);
    }

    [Fact]
    public void Every_golden_compose_file_belongs_to_a_test()
    {
        var stale = Directory.GetFiles(GoldenFile.Folder, "compose-*.yaml").Select(Path.GetFileName).Except(GoldenFiles).ToList();

        Assert.Empty(stale);
    }

    private static IReadOnlyDictionary<string, JsonElement> ValidateGoldenComposeFiles()
    {
        var files = GoldenFiles.Select(GoldenFile.PathOf).Where(File.Exists).ToArray();
        var (_, output) = NodeTools.RunScript("validate-compose.mjs", null, files);
        var results = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith('{'))
            {
                throw new InvalidOperationException("Unexpected output from validate-compose.mjs:\n" + output);
            }

            var result = JsonDocument.Parse(line).RootElement.Clone();
            results[Path.GetFileName(result.GetProperty("file").GetString()!)] = result;
        }

        return results;
    }
}
