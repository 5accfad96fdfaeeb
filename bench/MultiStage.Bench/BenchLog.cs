using MultiStage.Harness;

namespace MultiStage.Bench;

/// <summary>What the run says, and the commands it runs with their logs in bench/artifacts/logs.</summary>
internal sealed class BenchLog(string logs, IDictionary<string, string?> dotnetEnvironment)
{
    public string Logs { get; } = logs;

    public void Say(string text) => Console.WriteLine($"\n== {text}");

    public void Note(string text) => Console.WriteLine($"bench: {text}");

    public string PathOf(string name) => Path.Combine(Logs, name + ".log");

    /// <summary>Runs a dotnet command as every dotnet command of the run runs; its output goes to the named log.</summary>
    public ProcessResult Dotnet(string name, string folder, IEnumerable<string> arguments, IDictionary<string, string?>? extra = null, bool check = true)
    {
        var environment = new Dictionary<string, string?>(dotnetEnvironment);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        return Run(name, "dotnet", arguments, folder, environment, check);
    }

    /// <summary>Runs a program with its output in the named log; throws with the log's end when it fails and <paramref name="check"/> is set.</summary>
    public ProcessResult Run(string name, string program, IEnumerable<string> arguments, string folder, IDictionary<string, string?>? environment = null, bool check = true)
    {
        var list = arguments.ToList();
        var result = ProcessRunner.Run(program, list, folder, environment, TimeSpan.FromMinutes(30));
        File.WriteAllText(PathOf(name), result.Output);
        if (check && !result.Succeeded)
        {
            throw new BenchException($"{Path.GetFileName(program)} {string.Join(' ', list)} failed in {folder} (log: {PathOf(name)}):\n{Tail(result.Output, 40)}");
        }

        return result;
    }

    public static string Tail(string text, int lines) => string.Join('\n', text.TrimEnd().Split('\n').TakeLast(lines));
}
