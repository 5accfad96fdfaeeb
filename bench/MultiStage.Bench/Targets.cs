using System.Text.Json.Nodes;
using static MultiStage.Bench.Format;

namespace MultiStage.Bench;

/// <summary>The benchmark's targets (README "Benchmarks"), each met or missed, with the measured value as shown.</summary>
internal static class Targets
{
    public static JsonArray Evaluate(JsonObject overhead, JsonObject small, JsonObject large, IReadOnlyList<string> engines)
    {
        var targets = new JsonArray();
        void Add(string id, string label, string what, string target, double? value, string shown, Func<double, bool> check, JsonObject? extra = null)
        {
            var entry = new JsonObject
            {
                ["id"] = id, ["label"] = label, ["what"] = what, ["target"] = target, ["value"] = value, ["shown"] = shown,
            };
            foreach (var (key, node) in extra ?? new JsonObject())
            {
                entry[key] = node?.DeepClone();
            }

            entry["met"] = value is { } v && check(v);
            targets.Add(entry);
        }

        double? Get(JsonObject set, string engine, string variant, string phase, string field) => Double(set[$"{engine}/{variant}"]?[phase]?[field]);

        var ratio = Double(overhead["ratio"])!.Value;
        Add("overhead_ratio", "No-change build, SDK / plain", "No-change `dotnet build`: MultiStage.Sdk / plain Web SDK (medians)", "<= 1.03",
            ratio, Fixed(ratio, 3), v => v <= 1.03);
        var targetMedian = Double(overhead["target_median_ms"]);
        Add("target_time", "Generation targets' time", "Generation targets' own time (median, Target Performance Summary)", "< 20 ms",
            targetMedian, $"{Number(targetMedian ?? 0)} ms", v => v < 20);
        foreach (var engine in engines)
        {
            foreach (var (anchor, limit, name) in new[] { ("visual-studio", 0.8, "Visual Studio"), ("dotnet-docker", 1.0, "dotnet-docker") })
            {
                var value = Ratio(Get(small, engine, "multistage", "edit_app", "median_s"), Get(small, engine, anchor, "edit_app", "median_s"));
                var label = Builder.EngineLabels[engine];
                Add($"rebuild_vs_{anchor.Replace("-", "_")}_{engine}", $"bench/sample rebuild vs {name} ({label})",
                    $"bench/sample, rebuild after a one-line edit, {label}: MultiStage.Sdk / {name} shape (medians)", $"<= {Fixed(limit, 2)}",
                    value, Fixed(value, 3), v => v <= limit, new JsonObject { ["sample"] = "small", ["engine"] = engine, ["anchor"] = anchor });
            }
        }

        var rebuilds = new[] { small, large }.SelectMany(set => set.Select(p => p.Value!))
            .Where(e => (string?)e["variant"] == "multistage")
            .SelectMany(e => new[] { e["edit_app"], e["edit_domain"] }.OfType<JsonNode>()).ToList();
        var cached = rebuilds.SelectMany(p => Strings(p["restore_step_cached"])).ToList();
        var restored = rebuilds.SelectMany(p => Doubles(p["nuget_restores"])).ToList();
        var reused = cached.Count > 0 && cached.All(c => c == "yes") && restored.All(n => n == 0);
        Add("no_restore_on_edit", "No restore on a source edit",
            "No restore on a source edit, both solutions, every engine (restore step from the layer cache, no package restored)", "in every rebuild",
            reused ? cached.Count : null,
            reused ? $"{cached.Count} of {cached.Count} rebuilds" : $"restore ran in {cached.Count(c => c != "yes")} of {cached.Count}", _ => reused);

        var appBytes = Double(small["buildah/multistage"]?["app_bytes"]);
        var smallest = new[] { "visual-studio", "dotnet-docker" }.Select(v => Double(small[$"buildah/{v}"]?["app_bytes"]) ?? double.PositiveInfinity).Min();
        Add("app_bytes", "App bytes vs the smallest anchor", "bench/sample, app bytes in the final image (final minus base, buildah), against the smallest anchor's",
            double.IsFinite(smallest) ? $"<= {Grouped(smallest)}" : "<= the smallest anchor's", appBytes,
            appBytes is { } bytes ? Grouped(bytes) : "not measured", v => v <= smallest);

        foreach (var engine in engines)
        {
            var ms = Get(large, engine, "multistage", "edit_app", "median_new_layer_bytes");
            var dd = Get(large, engine, "dotnet-docker", "edit_app", "median_new_layer_bytes");
            var value = Ratio(ms, dd);
            var label = Builder.EngineLabels[engine];
            Add($"edit_bytes_{engine}", $"New layer bytes after an edit ({label})",
                $"bench/sample-large, bytes of new layers after a one-line edit of Orders.Api, {label}: MultiStage.Sdk / dotnet-docker shape (medians)", "<= 5%",
                value, value is { } r ? $"{Fixed(r * 100, 1)}% ({Grouped(ms!.Value)} / {Grouped(dd!.Value)})" : "not measured", v => v <= 0.05,
                new JsonObject { ["sample"] = "large", ["engine"] = engine });
        }

        if (engines.Contains("buildkit"))
        {
            var value = Ratio(Get(large, "buildkit", "multistage", "edit_app", "median_s"), Get(large, "buildkit", "dotnet-docker", "edit_app", "median_s"));
            Add("leaf_rebuild_buildkit", "Leaf-edit rebuild vs dotnet-docker (BuildKit)",
                "bench/sample-large, rebuild after a one-line edit of Orders.Api (a project nothing references), BuildKit: MultiStage.Sdk / dotnet-docker shape (medians)",
                "<= 0.70", value, Fixed(value, 3), v => v <= 0.7, new JsonObject { ["sample"] = "large", ["engine"] = "buildkit", ["anchor"] = "dotnet-docker" });
        }

        return targets;
    }
}
