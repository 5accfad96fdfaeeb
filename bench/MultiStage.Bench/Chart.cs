using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static MultiStage.Bench.Format;

namespace MultiStage.Bench;

/// <summary>bench/results/chart.svg from results.json: one panel of horizontal bars per measure, and the targets.</summary>
internal static class Chart
{
    private const int Width = 1200;
    private const int BarHeight = 18;
    private const int Gap = 6;
    private const int ColumnWidth = 560;
    private const int Left = 40;
    private const int Right = 620;
    private const string Ink = "#1f2328";
    private const string Muted = "#57606a";

    private static readonly IReadOnlyDictionary<string, string> Colors = new Dictionary<string, string>
    {
        ["multistage"] = "#1f6feb", ["visual-studio"] = "#8b949e", ["dotnet-docker"] = "#b6bdc6", [Builder.PublishContainer] = "#d4a72c", ["plain"] = "#b6bdc6",
    };

    private static readonly IReadOnlyDictionary<string, string> ShortLabels = new Dictionary<string, string>
    {
        ["multistage"] = "MultiStage.Sdk", ["visual-studio"] = "Visual Studio", ["dotnet-docker"] = "dotnet-docker", [Builder.PublishContainer] = "PublishContainer",
    };

    private sealed record Row(string Label, double? Value, string Color, bool Strong);

    public static string Render(JsonObject results)
    {
        var engines = Strings(results["engines"]);
        var builders = Builder.All(engines);
        var small = results["containers"]!["small"]!.AsObject();
        var large = results["containers"]!["large"]!.AsObject();
        var o = results["overhead"]!;
        var targets = results["targets"]!.AsArray().Select(t => t!.AsObject()).ToList();
        var byId = targets.ToDictionary(t => (string)t["id"]!);
        string Shown(string id) => byId.TryGetValue(id, out var t) ? $"{t["shown"]}{(ResultsMarkdown.Met(t) ? "" : " (missed)")}" : "not measured";
        string Mark(string id) => !byId.TryGetValue(id, out var t) ? "not measured" : ResultsMarkdown.Met(t) ? "target met" : "target missed";
        List<Row> Rows(JsonObject set, Func<JsonNode, double?> pick) => builders.Select(b => new Row(
            b.Engine == Builder.Dotnet ? ShortLabels[b.Variant] : $"{ShortLabels[b.Variant]}, {Builder.EngineLabels[b.Engine]}",
            set[b.Key] is { } entry ? pick(entry) : null, Colors[b.Variant], b.Variant == "multistage")).ToList();
        double? Pick(JsonNode entry, string phase, string field) => Double(entry[phase]?[field]);
        static string SecondsFormat(double v) => $"{Fixed(v, 1)} s";
        static string BytesFormat(double v) => v >= 1e6 ? $"{Fixed(v / 1e6, 2)} MB" : $"{Fixed(v / 1e3, 1)} kB";

        var panels = new List<string>();
        var y = 124;
        var rowHeight = PanelHeight(builders.Count) + 24;
        void Pair(string titleA, string noteA, List<Row> rowsA, Func<double, string> formatA, string titleB, string noteB, List<Row> rowsB, Func<double, string> formatB)
        {
            panels.Add(Panel(Left, y, titleA, noteA, rowsA, formatA));
            panels.Add(Panel(Right, y, titleB, noteB, rowsB, formatB));
            y += rowHeight;
        }

        Pair("New layer bytes after a one-line edit (sample-large)",
            $"what a push sends, median; MultiStage.Sdk / dotnet-docker: BuildKit {Shown("edit_bytes_buildkit")}, buildah {Shown("edit_bytes_buildah")} (<= 5%)",
            Rows(large, e => Pick(e, "edit_app", "median_new_layer_bytes")), BytesFormat,
            "Rebuild after an edit in Orders.Api (sample-large)", $"seconds, median; MultiStage.Sdk / dotnet-docker on BuildKit {Shown("leaf_rebuild_buildkit")} (<= 0.70)",
            Rows(large, e => Pick(e, "edit_app", "median_s")), SecondsFormat);
        Pair("Rebuild after an edit in Orders.Domain (sample-large)", "seconds, median; the project every other one references",
            Rows(large, e => Pick(e, "edit_domain", "median_s")), SecondsFormat,
            "Second service: Orders.Worker after Orders.Api", "seconds, right after the cold build of Orders.Api",
            Rows(large, e => Pick(e, "second_service", "median_s")), SecondsFormat);
        Pair("Cold build of Orders.Api (sample-large)", "seconds; no layer cache, empty cache mounts",
            Rows(large, e => Pick(e, "cold", "median_s")), SecondsFormat,
            "New layer bytes of the second service", "what pushing Orders.Worker sends after Orders.Api",
            Rows(large, e => Pick(e, "second_service", "median_new_layer_bytes")), BytesFormat);
        Pair("bench/sample: rebuild after a one-line edit",
            $"seconds, median; vs VS: BuildKit {Shown("rebuild_vs_visual_studio_buildkit")}, buildah {Shown("rebuild_vs_visual_studio_buildah")} (<= 0.80)",
            Rows(small, e => Pick(e, "edit_app", "median_s")), SecondsFormat,
            "bench/sample: cold build", "seconds; no layer cache, empty cache mounts", Rows(small, e => Pick(e, "cold", "median_s")), SecondsFormat);

        List<Row> ShapeRows(string field) => Builder.Shapes.Select(v => new Row(ShortLabels[v], Double(small[$"buildah/{v}"]?[field]), Colors[v], v == "multistage")).ToList();
        panels.Add(Panel(Left, y, "bench/sample: app bytes in the final image", $"final image minus its base image (buildah); {Mark("app_bytes")}",
            ShapeRows("app_bytes"), v => $"{Fixed(v / 1000, 1)} kB"));
        panels.Add(Panel(Right, y, "bench/sample: files in the build context", "what the builder sends, after each .dockerignore", ShapeRows("context_files"), Number));
        y += PanelHeight(3) + 24;
        panels.Add(Panel(Left, y, "No-change dotnet build",
            $"milliseconds, median of {o["rounds"]}; ratio {Fixed(Double(o["ratio"])!.Value, 3)} (<= 1.03, {Mark("overhead_ratio")})",
            new List<Row>
            {
                new("MultiStage.Sdk", Double(o["sdk_median_ms"]), Colors["multistage"], true),
                new("plain Web SDK", Double(o["plain_median_ms"]), Colors["plain"], false),
                new("generation targets", Double(o["target_median_ms"]), Colors["multistage"], false),
            }, v => $"{Number(v)} ms"));

        // The targets, met or missed.
        var list = new List<string> { Text(Right, y, "Targets", 15, bold: true) };
        for (var i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            var met = ResultsMarkdown.Met(t);
            var line = y + 26 + (i * 22);
            list.Add($"<circle cx=\"{Right + 6}\" cy=\"{line - 4}\" r=\"5\" fill=\"{(met ? "#1a7f37" : "#cf222e")}\"/>");
            list.Add(Text(Right + 18, line, (string)t["label"]!, 12, bold: !met));
            list.Add(Text(Width - 40, line, $"{t["shown"]}  ({t["target"]}){(met ? "" : ": missed")}", 12, fill: met ? Muted : "#cf222e", anchor: "end"));
        }

        var height = Math.Max(y + PanelHeight(3), y + 26 + (targets.Count * 22)) + 20;
        var m = results["machine"]!;
        var loadNote = m["busy"]!.GetValue<bool>() ? $"; machine busy with other work (load {m["load_average"]!["containers"]})" : "";
        var docker = Regex.Match((string?)m["docker"] ?? "", "version ([^,]+)") is { Success: true } d ? d.Groups[1].Value : "?";
        var buildah = ((string?)m["buildah"] ?? "").Replace("buildah version ", "").Split(' ')[0];
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">
            <rect width="100%" height="100%" fill="#ffffff"/>
            {Text(Left, 44, "MultiStage.Sdk vs the Visual Studio and dotnet-docker Dockerfile shapes and PublishContainer", 21, bold: true)}
            {Text(Left, 70, $"bench/sample (web API + library) and bench/sample-large (2 services, 5 projects, ~4.5 MB of packages); BuildKit (Docker {docker}) and buildah {buildah}, same stand-in base images", 13, fill: Muted)}
            {Text(Left, 90, $"{((string)results["date"]!)[..10]}, {m["cores"]} cores, {m["memory_gib"]} GiB, {m["os"]}, .NET SDK {m["dotnet_sdk"]}{loadNote}. One run: compare as ratios.", 13, fill: Muted)}
            {string.Join("\n", panels)}
            {string.Join("\n", list)}
            </svg>

            """;
    }

    private static int PanelHeight(int count) => 40 + (count * (BarHeight + Gap));

    /// <summary>A title, a note, and one horizontal bar per row, scaled to the largest value.</summary>
    private static string Panel(int x, int y, string title, string note, List<Row> rows, Func<double, string> format)
    {
        const int LabelWidth = 190;
        var max = rows.Select(r => r.Value ?? 0).DefaultIfEmpty(0).Max() is var largest && largest > 0 ? largest : 1;
        var barSpace = ColumnWidth - LabelWidth - 80;
        var parts = new List<string> { Text(x, y, title, 15, bold: true), Text(x, y + 18, note, 11, fill: Muted) };
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var top = y + 30 + (i * (BarHeight + Gap));
            parts.Add(Text(x, top + 14, row.Label, 12, bold: row.Strong));
            if (row.Value is not { } value)
            {
                parts.Add(Text(x + LabelWidth, top + 14, "not measured", 12, fill: Muted));
                continue;
            }

            var length = Math.Max(2, value / max * barSpace);
            parts.Add($"<rect x=\"{x + LabelWidth}\" y=\"{top}\" width=\"{Fixed(length, 1)}\" height=\"{BarHeight}\" rx=\"3\" fill=\"{row.Color}\"/>");
            parts.Add(Text(x + LabelWidth + length + 6, top + 14, format(value), 12, bold: row.Strong));
        }

        return string.Join("\n", parts);
    }

    private static string Text(double x, double y, string content, int size, bool bold = false, string fill = Ink, string anchor = "start") =>
        $"<text x=\"{Number(Math.Round(x, 1))}\" y=\"{Number(y)}\" font-size=\"{size}\" font-weight=\"{(bold ? "bold" : "normal")}\" fill=\"{fill}\" text-anchor=\"{anchor}\">"
        + content.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;") + "</text>";
}
