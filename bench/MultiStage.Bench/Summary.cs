using System.Text.Json.Nodes;
using static MultiStage.Bench.Format;

namespace MultiStage.Bench;

/// <summary>results.json from a run's measurements: medians, ratios, the targets met or missed, the machine.</summary>
internal static class Summary
{
    public static JsonObject Build(Measurements m, BenchOptions options)
    {
        var machine = m.Machine;
        var load = new JsonObject
        {
            ["start"] = machine["load_start"], ["overhead"] = machine["load_overhead"], ["containers"] = machine["load_containers"],
            ["large"] = machine["load_large"], ["end"] = machine["load_end"],
        };
        // Busy: other work before the run started (1-minute load above the core count), or a load during the run well above
        // what the run's own builds add (at most about the core count).
        var cores = int.Parse(machine["cores"], System.Globalization.CultureInfo.InvariantCulture);
        double OneMinute(string l) => double.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var busy = OneMinute(machine["load_start"]) > cores
            || new[] { "load_overhead", "load_containers", "load_large", "load_end" }.Any(k => OneMinute(machine[k]) > 2 * cores);
        var overhead = Overhead(m, options);
        var small = Containers(m, "small", options.Engines);
        var large = Containers(m, "large", options.Engines);
        AddImages(small, m);
        return new JsonObject
        {
            ["date"] = machine["date"],
            ["machine"] = new JsonObject
            {
                ["cores"] = cores, ["cpu"] = machine["cpu"], ["memory_gib"] = double.Parse(machine["memory_gib"], System.Globalization.CultureInfo.InvariantCulture),
                ["os"] = machine["os"], ["kernel"] = machine["kernel"], ["dotnet_sdk"] = machine["dotnet"], ["buildah"] = machine["buildah"],
                ["buildah_storage_driver"] = machine["storage_driver"], ["docker"] = machine["docker"], ["registry"] = machine["registry"],
                ["load_average"] = load, ["busy"] = busy,
            },
            ["multistage_sdk"] = machine["multistage_sdk"],
            ["run_seconds"] = long.Parse(machine["run_seconds"], System.Globalization.CultureInfo.InvariantCulture),
            ["engines"] = new JsonArray(options.Engines.Select(e => (JsonNode?)e).ToArray()),
            ["edits"] = new JsonObject { ["small"] = options.Edits, ["large"] = options.LargeEdits },
            ["overhead"] = overhead,
            ["containers"] = new JsonObject { ["small"] = small, ["large"] = large },
            ["targets"] = Targets.Evaluate(overhead, small, large, options.Engines),
        };
    }

    private static JsonObject Overhead(Measurements m, BenchOptions options)
    {
        var rows = m.Overhead.Where(r => !r.Round.StartsWith('w')).ToList();
        var sdk = rows.Where(r => r.Side == "sdk").ToList();
        var plain = rows.Where(r => r.Side == "plain").ToList();
        var sdkMs = sdk.Select(r => (double?)r.WallMs).ToList();
        var plainMs = plain.Select(r => (double?)r.WallMs).ToList();
        var targetMs = sdk.Select(r => (double?)r.TargetMs).ToList();
        List<double?> TaskMs(int calls) => m.Task.Where(r => r.Calls == calls).Select(r => (double?)r.TaskMs).ToList();
        return new JsonObject
        {
            ["command"] = "dotnet build Bench.slnx -clp:PerformanceSummary (no change since the last build)",
            ["rounds"] = sdkMs.Count,
            ["warmup_builds_per_side"] = options.Warmup,
            ["sdk_ms"] = Array(sdkMs),
            ["plain_ms"] = Array(plainMs),
            ["sdk_median_ms"] = Median(sdkMs),
            ["plain_median_ms"] = Median(plainMs),
            ["ratio"] = Round(Median(sdkMs)!.Value / Median(plainMs)!.Value, 3),
            ["paired_ratio_median"] = Round(Median(sdk.Select(r => (double?)r.WallMs / plain.First(p => p.Round == r.Round).WallMs))!.Value, 3),
            ["target_ms"] = Array(targetMs),
            ["target_median_ms"] = Median(targetMs),
            ["targets_summed"] = new JsonArray(sdk.SelectMany(r => r.Targets).Where(n => n != "-").Distinct().Order(StringComparer.Ordinal).Select(n => (JsonNode?)n).ToArray()),
            ["task"] = new JsonObject
            {
                ["what"] = "GenerateMultiStageFiles task time (Task Performance Summary) of `dotnet msbuild bench/artifacts/work/task-calls.proj`, which generates Bench.Api's files once, or 3 times, in one MSBuild process",
                ["one_call_ms"] = Array(TaskMs(1)),
                ["three_calls_ms"] = Array(TaskMs(3)),
                ["first_call_median_ms"] = Median(TaskMs(1)),
                ["later_call_ms"] = Round(Math.Max(0, (Median(TaskMs(3))!.Value - Median(TaskMs(1))!.Value) / 2), 1),
            },
        };
    }

    private static JsonObject Containers(Measurements m, string sample, IReadOnlyList<string> engines)
    {
        var result = new JsonObject();
        foreach (var builder in Builder.All(engines))
        {
            List<BuildRow> Rows(string phase, string service = "api") => m.Builds
                .Where(r => r.Engine == builder.Engine && r.Sample == sample && r.Variant == builder.Variant && r.Service == service && r.Phase == phase).ToList();
            var cold = Phase(Rows("cold"));
            if (cold is null)
            {
                continue;
            }

            result[builder.Key] = new JsonObject
            {
                ["label"] = builder.Label,
                ["engine"] = builder.Engine,
                ["variant"] = builder.Variant,
                ["dockerfile"] = DockerfileOf(builder.Variant, sample),
                ["cold"] = cold,
                ["second_service"] = Phase(Rows("second", "worker")),
                ["edit_app"] = Phase(Rows("edit-app")),
                ["edit_domain"] = Phase(Rows("edit-domain")),
            };
        }

        return result;
    }

    private static JsonObject? Phase(List<BuildRow> rows)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var seconds = rows.Select(r => (double?)r.Seconds).ToList();
        var bytes = rows.Select(r => (double?)r.NewLayerBytes).ToList();
        var toRegistry = rows.Select(r => (double?)r.ToRegistrySeconds).ToList();
        return new JsonObject
        {
            ["seconds"] = Array(seconds),
            ["median_s"] = Median(seconds),
            // The push after the build (image builds); PublishContainer pushes within its own time, so null there.
            ["push_seconds"] = Array(rows.Select(r => r.PushSeconds)),
            ["to_registry_seconds"] = Array(toRegistry),
            ["median_to_registry_s"] = Median(toRegistry),
            ["new_layer_bytes"] = Array(bytes),
            ["median_new_layer_bytes"] = Median(bytes),
            ["new_layers"] = Array(rows.Select(r => (double?)r.NewLayers)),
            ["image_layers"] = rows[0].ImageLayers,
            ["steps"] = rows[0].Steps,
            ["cached_steps"] = Array(rows.Select(r => (double?)r.CachedSteps)),
            ["restore_step_cached"] = new JsonArray(rows.Select(r => (JsonNode?)r.RestoreStepCached).ToArray()),
            // Lines "Restored /src/....csproj" in a build's log: NuGet restored something, in any step.
            ["nuget_restores"] = Array(rows.Select(r => (double?)r.NugetRestored)),
            ["load"] = new JsonArray(rows.Select(r => (JsonNode?)r.Load).ToArray()),
        };
    }

    /// <summary>The app bytes and build contexts of bench/sample's images (buildah).</summary>
    private static void AddImages(JsonObject small, Measurements m)
    {
        foreach (var image in m.Images)
        {
            if (small[$"buildah/{image.Variant}"] is not JsonObject entry)
            {
                continue;
            }

            entry["base_image"] = image.BaseImage;
            entry["app_bytes"] = image.AppBytes;
            entry["app_files"] = image.AppFiles.Count;
            entry["workdir"] = image.Workdir;
            entry["user"] = image.User;
            entry["entrypoint"] = image.Entrypoint;
            entry["context_files"] = image.ContextFiles.Count;
            entry["context"] = new JsonArray(image.ContextFiles.Select(f => (JsonNode?)f.Path).ToArray());
            entry["app"] = new JsonArray(image.AppFiles.Select(f => (JsonNode?)new JsonObject { ["path"] = f.Path, ["bytes"] = f.Bytes }).ToArray());
        }
    }

    private static string DockerfileOf(string variant, string sample) => (variant, sample) switch
    {
        ("multistage", "small") => "src/Bench.Api/Dockerfile (generated by dotnet build)",
        ("multistage", _) => "src/Orders.*/Dockerfile (generated by dotnet build)",
        (Builder.PublishContainer, _) => "none: dotnet publish -t:PublishContainer",
        (_, "small") => $"bench/anchors/{variant}.Dockerfile",
        _ => $"bench/anchors/sample-large/{variant}.Orders.*.Dockerfile",
    };

    public static JsonArray Array(IEnumerable<double?> values) => new(values.Select(v => v is null ? null : (JsonNode?)v.Value).ToArray());
}
