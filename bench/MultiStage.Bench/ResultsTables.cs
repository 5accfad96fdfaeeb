using System.Text.Json.Nodes;
using static MultiStage.Bench.Format;

namespace MultiStage.Bench;

/// <summary>The tables of results.md, each with the paragraph that says what it measures.</summary>
internal static class ResultsTables
{
    public static IEnumerable<string> PushAfterEdit(JsonObject results, IReadOnlyList<string> engines)
    {
        var (small, large) = Sets(results);
        var edits = results["edits"]!;
        yield return "## Push after a one-line edit";
        yield return "";
        yield return "From a one-line edit to the image pushed to the run's registry on loopback: the rebuild, then its push (`docker push`, "
            + "`buildah push`), one after the other as a CI job runs them; PublishContainer builds and pushes in one command. "
            + $"Medians over the edits (bench/sample: {edits["small"]}, bench/sample-large: {edits["large"]} of Orders.Api). "
            + "\"vs dotnet-docker\": against the dotnet-docker shape on the same engine (PublishContainer against BuildKit's); \"vs PublishContainer\": against "
            + "`dotnet publish -t:PublishContainer` of the same edit. A run from before the push was timed shows \"-\".";
        yield return "";
        yield return "| builder | bench/sample, edit in Bench.Api | vs dotnet-docker | vs PublishContainer | bench/sample-large, edit in Orders.Api | vs dotnet-docker | vs PublishContainer |";
        yield return "| --- | --- | --- | --- | --- | --- | --- |";
        double? Pushed(JsonNode? entry) => Double(entry?["edit_app"]?["median_to_registry_s"]);
        foreach (var entry in Order(small, engines))
        {
            var largeEntry = large[Key(entry)];
            yield return $"| {entry["label"]} | {Seconds(Pushed(entry))} | {Times(VsDotnetDocker(small, entry, engines, Pushed))} | {Times(Ratio(Pushed(entry), Pushed(small[PublishContainerKey])))} | "
                + $"{Seconds(Pushed(largeEntry))} | {Times(largeEntry is null ? null : VsDotnetDocker(large, largeEntry, engines, Pushed))} | {Times(Ratio(Pushed(largeEntry), Pushed(large[PublishContainerKey])))} |";
        }

        yield return "";
    }

    public static IEnumerable<string> NewLayerBytes(JsonObject results, IReadOnlyList<string> engines)
    {
        var (small, large) = Sets(results);
        var edits = results["edits"]!;
        yield return "## New layer bytes after a one-line edit (what a push sends)";
        yield return "";
        yield return "Every image of the run is pushed to the run's own registry (Debian's docker-registry on loopback), one repository per engine; "
            + "\"new layer bytes\" are the compressed bytes of the image's layers the registry did not hold before that push, which is what the push sends. "
            + $"Medians over the edits (bench/sample: {edits["small"]}, bench/sample-large: {edits["large"]} of each kind). "
            + "\"% of dotnet-docker\": against the dotnet-docker shape on the same engine (PublishContainer against BuildKit's).";
        yield return "";
        yield return "| builder | bench/sample, edit in Bench.Api | bench/sample-large, edit in Orders.Api | % of dotnet-docker | edit in Orders.Domain | % of dotnet-docker | second service (Orders.Worker after Orders.Api) |";
        yield return "| --- | --- | --- | --- | --- | --- | --- |";
        foreach (var entry in Order(large, engines))
        {
            var smallEntry = small[Key(entry)];
            string Layers(JsonNode? p) => p is null ? "" : $" ({Number(Median(Doubles(p["new_layers"]))!.Value)} of {p["image_layers"]} layers)";
            double? Bytes(JsonNode? p) => Double(p?["median_new_layer_bytes"]);
            yield return $"| {entry["label"]} | {Size(Bytes(smallEntry?["edit_app"]))}{Layers(smallEntry?["edit_app"])} | "
                + $"{Size(Bytes(entry["edit_app"]))}{Layers(entry["edit_app"])} | {Percent(VsDotnetDocker(large, entry, engines, e => Bytes(e["edit_app"])))} | "
                + $"{Size(Bytes(entry["edit_domain"]))}{Layers(entry["edit_domain"])} | {Percent(VsDotnetDocker(large, entry, engines, e => Bytes(e["edit_domain"])))} | "
                + $"{Size(Bytes(entry["second_service"]))}{Layers(entry["second_service"])} |";
        }

        yield return "";
    }

    public static IEnumerable<string> Large(JsonObject results, IReadOnlyList<string> engines)
    {
        var large = Sets(results).Large;
        var edits = results["edits"]!["large"];
        yield return "## bench/sample-large: rebuilds, cold build, second service";
        yield return "";
        yield return "Five projects (bench/sample-large): Orders.Api and Orders.Worker (two web services), Orders.Storage and Orders.Reports (libraries), "
            + "and Orders.Domain, which every other project references; NuGet packages of about 4.5 MB in Orders.Api's publish output. "
            + "Edit in Orders.Api: a string in Program.cs (nothing references the project). Edit in Orders.Domain: a string in a method body (the project's "
            + $"public surface, and so its reference assembly, stays the same). Rebuild times are medians of {edits} edits of each kind, the builders in rotating order. "
            + "Cold: Orders.Api with every layer cache and cache mount empty; second service: Orders.Worker built right after it, on what that build left.";
        yield return "";
        yield return "| builder | cold build (Orders.Api) | second service (Orders.Worker) | rebuild after edit in Orders.Api | vs dotnet-docker | rebuild after edit in Orders.Domain | vs dotnet-docker | restore re-ran on edit |";
        yield return "| --- | --- | --- | --- | --- | --- | --- | --- |";
        foreach (var entry in Order(large, engines))
        {
            var rebuilds = entry["edit_app"] is not null && entry["edit_domain"] is not null ? new[] { entry["edit_app"]!, entry["edit_domain"]! } : null;
            yield return $"| {entry["label"]} | {Seconds(MedianSeconds(entry["cold"]))} | {Seconds(MedianSeconds(entry["second_service"]))} | {Seconds(MedianSeconds(entry["edit_app"]))} | "
                + $"{Times(VsDotnetDocker(large, entry, engines, e => MedianSeconds(e["edit_app"])))} | {Seconds(MedianSeconds(entry["edit_domain"]))} | "
                + $"{Times(VsDotnetDocker(large, entry, engines, e => MedianSeconds(e["edit_domain"])))} | {RestoredIn(rebuilds)} |";
        }

        yield return "";
        yield return "Rebuilds, each: " + string.Join("; ", Order(large, engines).Select(e =>
            $"{e["label"]}: Orders.Api {EachSeconds(e["edit_app"])} s, Orders.Domain {EachSeconds(e["edit_domain"])} s")) + ".";
        yield return "";
    }

    public static IEnumerable<string> Small(JsonObject results, IReadOnlyList<string> engines)
    {
        var small = Sets(results).Small;
        yield return "## bench/sample: container builds";
        yield return "";
        yield return "The same solution (bench/sample), the same stand-in base images, each Dockerfile built with BuildKit (`docker build`, Docker Engine 20.10) "
            + "and with buildah (`buildah bud --layers`), and PublishContainer. "
            + $"Cold: nothing of the Dockerfile in the layer cache, empty NuGet cache mounts. Rebuild: after a one-line edit of Bench.Api/Program.cs, median of {results["edits"]!["small"]}. "
            + "\"Restore re-ran\": the restore step was not served from the layer cache, or NuGet restored a project in any step (the Visual Studio shape's "
            + "`dotnet build` restores again: its restore layer lacks files restore reads, NuGet.config among them, which `COPY . .` then brings). "
            + "App bytes, app files and build context are measured on buildah's images.";
        yield return "";
        yield return "| builder | cold build | rebuild after edit | rebuild vs MultiStage.Sdk | restore re-ran on edit | new layer bytes after edit | app bytes (final - base) | app files | files in build context |";
        yield return "| --- | --- | --- | --- | --- | --- | --- | --- | --- |";
        foreach (var entry in Order(small, engines))
        {
            var ms = small[$"{Builder.ComparedEngine((string)entry["engine"]!, engines)}/multistage"];
            var edit = entry["edit_app"];
            yield return $"| {entry["label"]} | {Seconds(MedianSeconds(entry["cold"]))} | {Seconds(MedianSeconds(edit))} | {Times(Ratio(MedianSeconds(edit), MedianSeconds(ms?["edit_app"])))} | "
                + $"{RestoredIn(edit is null ? null : new[] { edit })} | {Size(Double(edit?["median_new_layer_bytes"]))} | {Bytes(Double(entry["app_bytes"]))} | "
                + $"{entry["app_files"]?.ToString() ?? "-"} | {entry["context_files"]?.ToString() ?? "-"} |";
        }

        yield return "";
        yield return "Rebuilds, each: " + string.Join("; ", Order(small, engines).Select(e => $"{e["label"]} {EachSeconds(e["edit_app"])} s")) + ". "
            + "Steps from the layer cache in each rebuild: " + string.Join("; ", Order(small, engines).Where(e => (string?)e["engine"] != Builder.Dotnet)
                .Select(e => $"{e["label"]} {string.Join(", ", Doubles(e["edit_app"]!["cached_steps"]).Select(c => Number(c!.Value)))} of {e["edit_app"]!["steps"]}")) + ".";
        yield return "";
        yield return "## PublishContainer";
        yield return "";
        yield return "`dotnet publish -t:PublishContainer` of the plain twin (no MultiStage.Sdk), on the host, to the run's registry, "
            + "with `ContainerBaseImage` the stand-in of the generated Dockerfiles' final base image pushed there. Its times include the push (to loopback, "
            + "the app's layer only: the SDK mounts the base image's layers from their repository). Cold: a fresh copy of the solution (no bin/, obj/), an empty packages "
            + "folder and HTTP cache; rebuilds are the host's incremental builds. Restore checks package signatures online, as in the container builds.";
        yield return "";
    }

    public static IEnumerable<string> Overhead(JsonObject results)
    {
        var o = results["overhead"]!;
        var task = o["task"]!;
        string All(JsonNode? values) => string.Join(", ", Doubles(values).Select(v => Number(v!.Value)));
        yield return "## Build overhead";
        yield return "";
        yield return $"`dotnet build Bench.slnx` with nothing changed, {o["rounds"]} rounds after {o["warmup_builds_per_side"]} warm-up builds per side, "
            + "the two sides interleaved (the first alternating), each build in fresh MSBuild processes (no node reuse, no MSBuild server).";
        yield return "";
        yield return "| project | median | all rounds (ms) |";
        yield return "| --- | --- | --- |";
        yield return $"| Bench.Api with MultiStage.Sdk | {o["sdk_median_ms"]} ms | {All(o["sdk_ms"])} |";
        yield return $"| Bench.Api on the plain Web SDK | {o["plain_median_ms"]} ms | {All(o["plain_ms"])} |";
        yield return $"| ratio | {Fixed(Double(o["ratio"])!.Value, 3)} | median of the per-round ratios: {Fixed(Double(o["paired_ratio_median"])!.Value, 3)} |";
        yield return $"| generation targets ({string.Join(", ", Strings(o["targets_summed"]))}) | {o["target_median_ms"]} ms | {All(o["target_ms"])} |";
        yield return "";
        yield return $"Where the generation targets' time goes: the GenerateMultiStageFiles task takes {task["first_call_median_ms"]} ms on its first call in an MSBuild process "
            + $"(median of {task["one_call_ms"]!.AsArray().Count}: {All(task["one_call_ms"])} ms) and about {task["later_call_ms"]} ms on each later call in the same process "
            + $"(three calls: {All(task["three_calls_ms"])} ms), so most of it is loading and compiling the task assembly. A build in fresh MSBuild processes pays that "
            + "only when something the files are made from changed: on a no-change build the up-to-date check (_MultiStageCheckUpToDate) finds nothing new and the task does not run.";
        yield return "";
    }

    public static IEnumerable<string> Contexts(JsonObject small)
    {
        var withContext = Builder.Shapes.Select(v => small[$"buildah/{v}"]).Where(e => e?["context"] is not null).ToList();
        if (withContext.Count == 0)
        {
            yield break;
        }

        yield return "## Build contexts";
        yield return "";
        yield return "Files the builder sends for bench/sample (`FROM scratch` + `COPY . /context` with each context's own .dockerignore, buildah). "
            + "The working trees hold the host's bin/ and obj/ and a .git folder; the MultiStage.Sdk tree also holds global.json and the packed SDK "
            + "(local-packages/), which exist because the SDK comes from a local feed here.";
        yield return "";
        foreach (var c in withContext)
        {
            yield return $"- {Builder.VariantLabels[(string)c!["variant"]!]} ({c["context_files"]}): {string.Join(", ", Strings(c["context"]).Select(p => $"`{p}`"))}";
        }

        yield return "";
    }

    private static (JsonObject Small, JsonObject Large) Sets(JsonObject results) =>
        (results["containers"]!["small"]!.AsObject(), results["containers"]!["large"]!.AsObject());

    private static string PublishContainerKey => $"{Builder.Dotnet}/{Builder.PublishContainer}";

    private static string Key(JsonNode entry) => $"{entry["engine"]}/{entry["variant"]}";

    private static IEnumerable<JsonNode> Order(JsonObject set, IReadOnlyList<string> engines) =>
        Builder.All(engines).Select(b => set[b.Key]).OfType<JsonNode>();

    private static double? MedianSeconds(JsonNode? phase) => Double(phase?["median_s"]);

    private static string EachSeconds(JsonNode? phase) =>
        phase is null ? "-" : string.Join(", ", Doubles(phase["seconds"]).Select(s => Fixed(s!.Value, 1)));

    private static double? VsDotnetDocker(JsonObject set, JsonNode entry, IReadOnlyList<string> engines, Func<JsonNode, double?> pick)
    {
        var anchor = set[$"{Builder.ComparedEngine((string)entry["engine"]!, engines)}/dotnet-docker"];
        return Ratio(pick(entry), anchor is null ? null : pick(anchor));
    }

    /// <summary>"no", or in how many rebuilds the restore step ran or NuGet restored something.</summary>
    private static string RestoredIn(IReadOnlyList<JsonNode>? phases)
    {
        if (phases is null)
        {
            return "-";
        }

        var cached = phases.SelectMany(p => Strings(p["restore_step_cached"])).ToList();
        var restores = phases.SelectMany(p => Doubles(p["nuget_restores"])).ToList();
        var ran = cached.Count(v => v != "yes" && v != "-");
        var restored = restores.Count(n => n > 0);
        return ran == 0 && restored == 0 ? "no" : $"yes ({Math.Max(ran, restored)} of {restores.Count})";
    }
}
