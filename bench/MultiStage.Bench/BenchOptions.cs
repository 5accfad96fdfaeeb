namespace MultiStage.Bench;

/// <summary>The run's settings, from BENCH_* variables (see bench/README.md).</summary>
internal sealed record BenchOptions(
    int Rounds, int Warmup, int Edits, int LargeEdits, IReadOnlyList<string> Engines, int RegistryPort, string DockerData, string DockerRun, bool KeepImages)
{
    public static BenchOptions FromEnvironment()
    {
        var options = new BenchOptions(
            Number("BENCH_ROUNDS", 9), Number("BENCH_WARMUP", 2), Number("BENCH_EDITS", 5), Number("BENCH_LARGE_EDITS", 3),
            (Value("BENCH_ENGINES") ?? "buildkit buildah").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Number("BENCH_REGISTRY_PORT", 5000),
            Value("BENCH_DOCKER_DATA") ?? "/var/lib/multistage-bench-docker", Value("BENCH_DOCKER_RUN") ?? "/run/multistage-bench",
            Value("BENCH_KEEP_IMAGES") == "1");
        Require(options.Rounds >= 7, $"BENCH_ROUNDS must be at least 7 (is {options.Rounds})");
        Require(options.Edits >= 1, $"BENCH_EDITS must be at least 1 (is {options.Edits})");
        Require(options.LargeEdits >= 1, $"BENCH_LARGE_EDITS must be at least 1 (is {options.LargeEdits})");
        Require(options.Engines.Count >= 1, "BENCH_ENGINES names no engine");
        foreach (var engine in options.Engines)
        {
            Require(engine is "buildkit" or "buildah", $"BENCH_ENGINES: unknown engine {engine}");
        }

        return options;
    }

    public bool Uses(string engine) => Engines.Contains(engine);

    /// <summary>The engines in alternating order, round by round, so drift in the machine's load falls on all alike.</summary>
    public IReadOnlyList<string> EngineOrder(int round) => round % 2 == 1 ? Engines : Rotated(2, Engines);

    /// <summary>The items, starting at the n-th (1-based, wrapping).</summary>
    public static IReadOnlyList<T> Rotated<T>(int n, IReadOnlyList<T> items)
    {
        var k = (n - 1) % items.Count;
        return items.Skip(k).Concat(items.Take(k)).ToList();
    }

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new BenchException(message);
        }
    }

    private static string? Value(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static int Number(string name, int fallback) =>
        Value(name) is { } text ? (int.TryParse(text, out var n) ? n : throw new BenchException($"{name} is not a number: {text}")) : fallback;
}
