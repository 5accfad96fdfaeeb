using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
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
using Xunit.Abstractions;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// Property-based test of the generator against hostile project values: for every random value set, either it is
/// refused with 1xxx codes naming the offending values and nothing is written, or the Dockerfile, read by BuildKit's
/// rules (and dockerfile-ast), has the skeleton of the same project's with benign values and every hostile value
/// whole in the benign value's place (<see cref="DockerfileProperties"/>), whatever layout the writer chooses.
///
/// The default run (and CI) checks 10,000 value sets from a fixed seed. A longer run, or another seed:
///   MULTISTAGE_FUZZ_COUNT=200000 dotnet test tests/MultiStage.Generator.Tests --filter Category=Fuzz
///   MULTISTAGE_FUZZ_SEED=12345 dotnet test tests/MultiStage.Generator.Tests --filter Category=Fuzz
/// A failure names the seed and case: MULTISTAGE_FUZZ_CASE=&lt;case&gt; (with the same seed) runs that case alone,
/// and HostileFacts.Create(seed, case) gives its facts. With MULTISTAGE_FUZZ_REPORT=&lt;folder&gt; every failing
/// case's problems, facts and Dockerfile are written there.
/// </summary>
[Trait("Category", "Fuzz")]
public class FuzzTests(ITestOutputHelper output)
{
    public const int DefaultSeed = 20260117;
    public const int DefaultCount = 10_000;
    private const int ChunkSize = 2_500;
    private const int ShownFailures = 8;
    private const string ReportVariable = "MULTISTAGE_FUZZ_REPORT";

    [Fact]
    public void Every_hostile_value_is_placed_safely_or_rejected_with_a_coded_error()
    {
        var seed = Setting("MULTISTAGE_FUZZ_SEED", DefaultSeed);
        var single = Setting("MULTISTAGE_FUZZ_CASE", -1);
        var first = Math.Max(single, 0);
        var count = single >= 0 ? 1 : Setting("MULTISTAGE_FUZZ_COUNT", DefaultCount);
        var clock = Stopwatch.StartNew();
        var failures = new List<string>();
        var failed = 0;
        int written = 0, rejected = 0;
        var comparedValues = 0L;
        var astDeviations = new ConcurrentDictionary<string, int>();

        // Chunks keep memory flat for long runs; each chunk is parsed by one node process, two chunks at a time.
        var chunks = Enumerable.Range(0, (count + ChunkSize - 1) / ChunkSize)
            .Select(c => Enumerable.Range(first + (c * ChunkSize), Math.Min(ChunkSize, count - (c * ChunkSize))).ToList());
        var gate = new object();
        Parallel.ForEach(chunks, new ParallelOptions { MaxDegreeOfParallelism = 2 }, indexes =>
        {
            var cases = indexes.Select(i => (Index: i, Facts: HostileFacts.Create(seed, i))).Select(c => (c.Index, c.Facts, Result: Generate.Dockerfile(c.Facts))).ToList();
            var accepted = cases.Where(c => !c.Result.HasErrors).ToList();
            var parsed = DockerfileAst.Parse(accepted.Select(c => c.Result.Text ?? string.Empty).ToList())
                .Select((p, n) => (accepted[n].Index, Parsed: p))
                .ToDictionary(p => p.Index, p => p.Parsed);
            var problemsByCase = new List<(int Index, ProjectFacts Facts, string? Text, List<string> Problems)>();
            foreach (var (index, facts, result) in cases)
            {
                var problems = new List<string>();
                if (result.HasErrors)
                {
                    DockerfileProperties.CheckRejection(facts, result, problems);
                }
                else if (result.Text is null)
                {
                    problems.Add("no errors and no text");
                }
                else
                {
                    // The same project with benign values: its Dockerfile is the skeleton the hostile one must keep.
                    var twin = BenignTwin.Of(facts);
                    var check = DockerfileProperties.CheckDockerfile(facts, result, twin, Generate.Dockerfile(twin.Facts), parsed[index], problems);
                    Interlocked.Add(ref comparedValues, check.ComparedValues);
                    foreach (var deviation in check.Deviations)
                    {
                        astDeviations.AddOrUpdate(deviation, 1, (_, n) => n + 1);
                    }
                }

                problemsByCase.Add((index, facts, result.Text, problems));
            }

            lock (gate)
            {
                written += accepted.Count;
                rejected += cases.Count - accepted.Count;
                foreach (var (index, facts, text, problems) in problemsByCase.Where(c => c.Problems.Count > 0))
                {
                    failed++;
                    if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } folder)
                    {
                        Directory.CreateDirectory(folder);
                        File.WriteAllText(Path.Combine(folder, $"case-{index}.txt"), string.Join("\n", problems) + "\n\n" + HostileFacts.Describe(facts) + "\n");
                        if (text is not null)
                        {
                            File.WriteAllText(Path.Combine(folder, $"case-{index}.Dockerfile"), text);
                        }
                    }

                    if (failures.Count < ShownFailures)
                    {
                        failures.Add(Report(seed, index, facts, text, problems));
                    }
                }
            }
        });

        output.WriteLine($"{count} value sets from seed {seed} in {clock.Elapsed.TotalSeconds:F1} s: {written} written, {rejected} rejected, {failed} failed; "
            + $"{comparedValues} hostile values read back in their benign twin's place.");
        foreach (var (deviation, times) in astDeviations.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"dockerfile-ast read {times} Dockerfiles differently from BuildKit ({deviation}); BuildKit's reading was checked in full.");
        }

        Assert.True(failed == 0, $"{failed} of {count} value sets (seed {seed}) broke the Dockerfile; the first {failures.Count}:\n\n" + string.Join("\n\n", failures));

        // The generator of value sets must exercise both outcomes, or the test proves little.
        if (single < 0)
        {
            Assert.True(written > count / 4, $"only {written} of {count} value sets were written");
            Assert.True(rejected > count / 10, $"only {rejected} of {count} value sets were rejected");
            Assert.True(comparedValues > written, $"only {comparedValues} hostile values were compared in place in {written} written Dockerfiles");
        }
    }

    private static string Report(int seed, int index, ProjectFacts facts, string? text, IReadOnlyList<string> problems)
    {
        var report = new StringBuilder();
        report.Append($"Seed {seed}, case {index}:\n");
        foreach (var problem in problems.Take(10))
        {
            report.Append("  - ").Append(problem).Append('\n');
        }

        report.Append("Facts:\n").Append(HostileFacts.Describe(facts)).Append('\n');
        if (text is not null)
        {
            report.Append("Dockerfile:\n").Append(text.Length > 6000 ? text.Substring(0, 6000) + "..." : text);
        }

        return report.ToString();
    }

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
