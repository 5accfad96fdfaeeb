using System.Text.Json.Nodes;
using MultiStage.Bench;

// bench/run.sh runs the benchmark; "report" renders results.md and chart.svg again from results.json.
var results = Path.Combine(BenchPaths.Bench, "results");
if (args.Length > 0 && args[0] == "report")
{
    var json = JsonNode.Parse(File.ReadAllText(Path.Combine(results, "results.json")))!.AsObject();
    ResultFiles.WriteReports(json, results);
    return 0;
}

if (args.Length > 0)
{
    Console.Error.WriteLine("usage: bench/run.sh [report]   (settings: BENCH_* variables, see bench/README.md)");
    return 2;
}

try
{
    return new BenchRun(BenchOptions.FromEnvironment(), results).Run();
}
catch (BenchException e)
{
    Console.Error.WriteLine("bench: error: " + e.Message);
    return 1;
}
