using System.Text.Json.Nodes;
using static MultiStage.Bench.Format;

namespace MultiStage.Bench;

/// <summary>bench/results/results.md from results.json: the targets met or missed, then the tables.</summary>
internal static class ResultsMarkdown
{
    public static string Render(JsonObject results)
    {
        var engines = Strings(results["engines"]);
        var machine = results["machine"]!.AsObject();
        var load = machine["load_average"]!.AsObject();
        var busy = machine["busy"]!.GetValue<bool>();
        var cores = machine["cores"]!.ToString();
        var small = results["containers"]!["small"]!.AsObject();
        var targets = results["targets"]!.AsArray().Select(t => t!.AsObject()).ToList();
        var md = new List<string>
        {
            "# MultiStage.Sdk benchmark results",
            "",
            $"Run of `bench/run.sh` on {results["date"]}: {machine["os"]}, {cores} cores ({machine["cpu"]}), "
            + $"{machine["memory_gib"]} GiB, .NET SDK {machine["dotnet_sdk"]}, {machine["docker"]} with its built-in BuildKit, "
            + $"{machine["buildah"]} ({machine["buildah_storage_driver"]} storage), {machine["registry"]} on loopback, "
            + $"MultiStage.Sdk {results["multistage_sdk"]} packed from the tree. Engines: {string.Join(" and ", engines.Select(e => Builder.EngineLabels[e]))}. "
            + $"The whole run took {Math.Round(Double(results["run_seconds"])!.Value / 60, MidpointRounding.AwayFromZero)} min.",
            "",
            "Times are from one run on one machine: compare them as ratios within the run, not as absolute numbers. "
            + $"Load average (1, 5, 15 min) at the start {load["start"]}, during the overhead builds {load["overhead"]}, at the start of the bench/sample container builds {load["containers"]}, "
            + $"of the bench/sample-large ones {load["large"]}, at the end {load["end"]}"
            + (busy ? ": the machine was busy with other work, which lengthens every time and adds noise." : $" (the run's own builds account for up to about {cores})."),
            "",
            "## Targets",
            "",
            "| what | target | measured | |",
            "| --- | --- | --- | --- |",
        };
        md.AddRange(targets.Select(t => $"| {t["what"]} | {t["target"]} | {t["shown"]} | {(Met(t) ? "met" : "**missed**")} |"));
        md.Add("");
        var missed = targets.Where(t => !Met(t)).ToList();
        if (missed.Count > 0)
        {
            md.Add("Missed:");
            md.Add("");
            md.AddRange(missed.Select(t => $"- {t["label"]}: {t["shown"]} against {t["target"]}.{WhyMissed(t, results, busy)}"));
            md.Add("");
        }

        md.AddRange(ResultsTables.PushAfterEdit(results, engines));
        md.AddRange(ResultsTables.NewLayerBytes(results, engines));
        md.AddRange(ResultsTables.Large(results, engines));
        md.AddRange(ResultsTables.Small(results, engines));
        md.AddRange(ResultsTables.Overhead(results));
        md.AddRange(ResultsTables.Contexts(small));
        return string.Join("\n", md);
    }

    public static bool Met(JsonObject target) => target["met"]?.GetValue<bool>() == true;

    private static string WhyMissed(JsonObject t, JsonObject results, bool busy)
    {
        var why = "";
        var task = results["overhead"]!["task"]!;
        if ((string?)t["id"] == "target_time")
        {
            why = $" The GenerateMultiStageFiles task takes {task["first_call_median_ms"]} ms on its first call in an MSBuild process and about {task["later_call_ms"]} ms on a later call "
                + "in the same process: most of the time is loading and JIT-compiling the task assembly, which a build in fresh MSBuild processes pays every time.";
        }
        else if (t["anchor"] is not null && t["value"] is not null)
        {
            var set = results["containers"]![(string?)t["sample"] == "large" ? "large" : "small"]!;
            var ms = set[$"{t["engine"]}/multistage"]!["edit_app"]!;
            var anchor = set[$"{t["engine"]}/{t["anchor"]}"]!;
            var msSeconds = Doubles(ms["seconds"]).OfType<double>().ToList();
            var anchorSeconds = Doubles(anchor["edit_app"]!["seconds"]).OfType<double>().ToList();
            string Range(List<double> s) => $"{Fixed(s.Min(), 1)}-{Fixed(s.Max(), 1)} s";
            var overlap = msSeconds.Min() <= anchorSeconds.Max() && anchorSeconds.Min() <= msSeconds.Max();
            why = $" Medians {Fixed(Double(ms["median_s"])!.Value, 2)} s and {Fixed(Double(anchor["edit_app"]!["median_s"])!.Value, 2)} s"
                + (overlap ? $", inside the spread of the rebuilds themselves (MultiStage.Sdk {Range(msSeconds)}, {anchor["label"]} {Range(anchorSeconds)})." : ".");
        }

        return busy ? why + " The machine was busy during the run; see the load averages above." : why;
    }
}
