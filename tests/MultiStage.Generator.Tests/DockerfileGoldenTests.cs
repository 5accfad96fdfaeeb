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
using MultiStage.Generator.Tests.Infrastructure;
using MultiStage.Tests.Shared;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>Whole generated Dockerfiles, compared byte for byte with Golden/&lt;scenario&gt;.Dockerfile.</summary>
public class DockerfileGoldenTests
{
    // One node run lints every golden Dockerfile; each scenario then checks its own result.
    private static readonly Lazy<IReadOnlyDictionary<string, string>> LintResults = new(LintGoldenDockerfiles);

    [Theory]
    [MemberData(nameof(GoldenScenarios.Names), MemberType = typeof(GoldenScenarios))]
    public void The_generated_Dockerfile_matches_its_golden_file(string scenario)
    {
        var result = Generate.Dockerfile(GoldenScenarios.All[scenario]);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        GoldenFile.AssertMatches(GoldenScenarios.GoldenName(scenario), result.Text!);
    }

    [Theory]
    [MemberData(nameof(GoldenScenarios.Names), MemberType = typeof(GoldenScenarios))]
    public void The_golden_Dockerfile_has_no_dockerfile_utils_problems(string scenario)
    {
        var name = GoldenScenarios.GoldenName(scenario);

        Assert.True(LintResults.Value.TryGetValue(name, out var problems), $"{name} was not linted");
        Assert.True(problems == "[]", $"dockerfile-utils reports for {name}: {problems}");
    }

    [Fact]
    public void Every_golden_Dockerfile_belongs_to_a_scenario()
    {
        var stale = Directory.GetFiles(GoldenFile.Folder, "*.Dockerfile")
            .Select(Path.GetFileName)
            .Except(GoldenScenarios.All.Keys.Select(GoldenScenarios.GoldenName))
            .ToList();

        Assert.Empty(stale);
    }

    private static IReadOnlyDictionary<string, string> LintGoldenDockerfiles()
    {
        var files = GoldenScenarios.All.Keys.Select(s => GoldenFile.PathOf(GoldenScenarios.GoldenName(s))).Where(File.Exists).ToArray();
        var (_, output) = NodeTools.RunScript("lint-dockerfiles.mjs", null, files);
        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith('{'))
            {
                throw new InvalidOperationException("Unexpected output from lint-dockerfiles.mjs:\n" + output);
            }

            using var json = JsonDocument.Parse(line);
            var file = json.RootElement.GetProperty("file").GetString()!;
            results[Path.GetFileName(file)] = json.RootElement.GetProperty("problems").GetRawText();
        }

        return results;
    }
}
