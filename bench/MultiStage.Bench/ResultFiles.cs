using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MultiStage.Bench;

/// <summary>bench/results: results.json, and results.md and chart.svg rendered from it.</summary>
internal static class ResultFiles
{
    public static void Write(JsonObject results, string folder)
    {
        Directory.CreateDirectory(folder);
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        File.WriteAllText(Path.Combine(folder, "results.json"), results.ToJsonString(options) + "\n");
        WriteReports(results, folder);
    }

    public static void WriteReports(JsonObject results, string folder)
    {
        var markdown = ResultsMarkdown.Render(results);
        File.WriteAllText(Path.Combine(folder, "results.md"), markdown);
        File.WriteAllText(Path.Combine(folder, "chart.svg"), Chart.Render(results));
        Console.WriteLine(markdown);
    }
}

/// <summary>A benchmark run that cannot go on, with the reason.</summary>
internal sealed class BenchException(string message) : Exception(message);

/// <summary>Where the benchmark's files are.</summary>
internal static class BenchPaths
{
    public static string Root { get; } = FindRoot();

    public static string Bench => Path.Combine(Root, "bench");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MultiStageSdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new BenchException("MultiStageSdk.sln not found above " + AppContext.BaseDirectory);
    }
}
