namespace MultiStage.Bench;

/// <summary>
/// The two solutions: bench/sample (small: Bench.Api and Bench.Core) and bench/sample-large (Orders.Api and
/// Orders.Worker, two services on Orders.Domain, Orders.Storage and Orders.Reports), with their one-line edits: a
/// string literal in a method body, so no project's public surface changes.
/// </summary>
internal sealed record Solution(string Name, string Source, string SolutionFile, IReadOnlyDictionary<string, string> Services, IReadOnlyDictionary<string, (string File, string Text)> Edits)
{
    public static readonly Solution Small = new("small", Path.Combine(BenchPaths.Bench, "sample"), "Bench.slnx",
        new Dictionary<string, string> { ["api"] = "Bench.Api" },
        new Dictionary<string, (string, string)> { ["app"] = ("src/Bench.Api/Program.cs", "Hello from Bench.Api") });

    public static readonly Solution Large = new("large", Path.Combine(BenchPaths.Bench, "sample-large"), "Orders.slnx",
        new Dictionary<string, string> { ["api"] = "Orders.Api", ["worker"] = "Orders.Worker" },
        new Dictionary<string, (string, string)>
        {
            ["app"] = ("src/Orders.Api/Program.cs", "Hello from Orders.Api"),
            ["domain"] = ("src/Orders.Domain/Catalog.cs", "Orders.Domain catalog"),
        });

    public static readonly Solution[] All = { Small, Large };

    public string ProjectFile(string service) => $"src/{Services[service]}/{Services[service]}.csproj";
}
