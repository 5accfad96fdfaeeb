using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MultiStage.Bench;

/// <summary>
/// (1) Build overhead: no-change dotnet build of Bench.Api with and without MultiStage.Sdk, interleaved; and the
/// generation task's first call in an MSBuild process against later calls in the same process.
/// </summary>
internal sealed class Overhead(Workspace workspace, BenchLog log, BenchOptions options, Measurements measurements)
{
    // "   38 ms  _MultiStageWriteFiles   1 calls" in MSBuild's Target and Task Performance Summaries.
    private static readonly Regex SummaryLine = new(@"^\s*(?<ms>\d+) ms\s+(?<name>\S+)\s+(?<calls>\d+) calls");

    public void Run()
    {
        log.Say($"Build overhead: {options.Warmup} warm-up and {options.Rounds} measured no-change builds per side, interleaved");
        measurements.Machine["load_overhead"] = Measurements.LoadAverage();
        for (var i = 1; i <= options.Warmup; i++)
        {
            NoChangeBuild("sdk", $"w{i}");
            NoChangeBuild("plain", $"w{i}");
        }

        for (var i = 1; i <= options.Rounds; i++)
        {
            // Alternate which side goes first, so drift in the machine's load falls on both alike.
            var order = i % 2 == 1 ? new[] { "sdk", "plain" } : new[] { "plain", "sdk" };
            foreach (var side in order)
            {
                NoChangeBuild(side, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            log.Note($"round {i}/{options.Rounds}: " + string.Join("  ", measurements.Overhead.TakeLast(2).Select(r => $"{r.Side} {r.WallMs} ms (targets {r.TargetMs} ms)")));
        }

        TaskCalls();
    }

    /// <summary>The lines of one performance summary ("Target" or "Task"): name, milliseconds, calls.</summary>
    public static IEnumerable<(string Name, long Ms, int Calls)> PerformanceSummary(string output, string kind)
    {
        var inside = false;
        foreach (var line in output.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (Regex.IsMatch(line, @"^[A-Za-z].*Summary:"))
            {
                inside = line.StartsWith(kind + " Performance Summary:", StringComparison.Ordinal);
                continue;
            }

            var match = SummaryLine.Match(line);
            if (inside && match.Success)
            {
                yield return (match.Groups["name"].Value, long.Parse(match.Groups["ms"].Value), int.Parse(match.Groups["calls"].Value));
            }
        }
    }

    private void NoChangeBuild(string side, string round)
    {
        var folder = workspace.Folder(Solution.Small, side == "sdk" ? "multistage" : "plain");
        var stopwatch = Stopwatch.StartNew();
        var result = log.Dotnet($"overhead-{side}-{round}", folder, new[] { "build", "Bench.slnx", "-nologo", "-tl:off", "-clp:PerformanceSummary" });
        var wall = stopwatch.ElapsedMilliseconds;
        // A no-change build compiles nothing: a Csc task in the summary means this build measured something else.
        BenchOptions.Require(!PerformanceSummary(result.Output, "Task").Any(t => t.Name == "Csc"), $"a no-change build compiled ({side}, round {round}): {log.PathOf($"overhead-{side}-{round}")}");
        var targets = PerformanceSummary(result.Output, "Target").Where(t => t.Name.Contains("MultiStage", StringComparison.Ordinal)).ToList();
        measurements.Overhead.Add(new OverheadRow(round, side, wall, targets.Sum(t => t.Ms), targets.Count == 0 ? new[] { "-" } : targets.Select(t => t.Name).ToList()));
    }

    /// <summary>The GenerateMultiStageFiles task called once in a fresh MSBuild process, and three times in one process. Alternating.</summary>
    private void TaskCalls()
    {
        log.Say("Generation task: first call in an MSBuild process against later calls in the same process");
        File.WriteAllText(Path.Combine(workspace.Work, "task-calls.proj"), """
            <Project>
              <!-- Calls the MultiStage.Sdk generation of Bench.Api once, or 3 times (Calls=3), in one MSBuild process, past the up-to-date check. -->
              <Target Name="Generate">
                <ItemGroup>
                  <_Call Include="1" />
                  <_Call Include="2;3" Condition="'$(Calls)' == '3'" />
                  <_Instance Include="small/multistage/src/Bench.Api/Bench.Api.csproj" AdditionalProperties="BenchCall=%(_Call.Identity);_MultiStageAlwaysGenerate=true" />
                </ItemGroup>
                <MSBuild Projects="@(_Instance)" Targets="_MultiStageWriteFiles" BuildInParallel="false" />
              </Target>
            </Project>

            """);
        for (var i = 1; i <= 5; i++)
        {
            foreach (var calls in new[] { 1, 3 })
            {
                var name = $"task-calls-{calls}-{i}";
                var result = log.Dotnet(name, workspace.Work, new[] { "msbuild", "task-calls.proj", "-t:Generate", $"-p:Calls={calls}", "-m:1", "-nologo", "-tl:off", "-clp:PerformanceSummary" });
                var task = PerformanceSummary(result.Output, "Task").FirstOrDefault(t => t.Name == "GenerateMultiStageFiles");
                BenchOptions.Require(task.Calls == calls, $"task-calls.proj did not call GenerateMultiStageFiles {calls} times: {log.PathOf(name)}");
                measurements.Task.Add(new TaskRow(i, calls, task.Ms));
            }
        }
    }
}
