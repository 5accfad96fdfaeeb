using System.Globalization;
using System.Text.Json.Nodes;

namespace MultiStage.Bench;

/// <summary>Numbers as the results show them, and reading them back from results.json.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Fixed(double value, int digits) => value.ToString("F" + digits, Invariant);

    public static string Fixed(double? value, int digits) => value is { } v ? Fixed(v, digits) : "not measured";

    /// <summary>Thousands separated, as "en-US" shows them.</summary>
    public static string Grouped(double value) => value.ToString("#,##0.###", Invariant);

    public static string Bytes(double? n) => n is { } v ? Grouped(v) : "-";

    public static string Size(double? n) => n switch
    {
        null => "-",
        >= 1e6 => $"{Fixed(n.Value / 1e6, 2)} MB",
        >= 1e3 => $"{Fixed(n.Value / 1e3, 1)} kB",
        _ => $"{Number(n.Value)} B",
    };

    public static string Seconds(double? s) => s is { } v ? $"{Fixed(v, 1)} s" : "-";

    public static string Times(double? r) => r is { } v ? $"{Fixed(v, 2)}x" : "-";

    public static string Percent(double? r) => r is { } v ? $"{Fixed(v * 100, 1)}%" : "-";

    /// <summary>A number as JavaScript prints it: no trailing zeros, no exponent for the sizes here.</summary>
    public static string Number(double value) => value.ToString("0.###############", Invariant);

    public static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static double? Ratio(double? a, double? b) => a is null || b is null || b == 0 ? null : a / b;

    public static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    /// <summary>A number of results.json, whether read from the file or made by this run (as a long, an int or a double).</summary>
    public static double? Double(JsonNode? node) => node is not JsonValue value ? null
        : value.TryGetValue<double>(out var d) ? d
        : value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<int>(out var i) ? i
        : null;

    public static List<double?> Doubles(JsonNode? node) => node is JsonArray array ? array.Select(Double).ToList() : new List<double?>();

    public static List<string> Strings(JsonNode? node) => node is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? "-").ToList() : new List<string>();
}
