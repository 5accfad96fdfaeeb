using System.Collections.Concurrent;
using MultiStage.Sdk.Tests.Infrastructure;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// The diagnostic cases of all the diagnostic test classes (DiagnosticsTests, ArrangedDiagnosticsTests,
/// DiagnosticWarningsTests, FrontEndDiagnosticsTests), built one family per dotnet build: the errors of each code
/// range (1xxx project input, 2xxx files on disk, 3xxx image selection), and the warnings, whose build must
/// succeed. A family is built when its first test asks for a case, once for the whole test run.
/// </summary>
internal static class DiagnosticBatches
{
    private static readonly Lazy<IReadOnlyDictionary<string, (string Family, string Project, Action<TestRepository> Arrange)>> Cases = new(Collect);

    private static readonly ConcurrentDictionary<string, Lazy<BatchResult>> Built = new();

    /// <summary>What the family's build printed for one case.</summary>
    public static CaseResult Case(string name) => Batch(name).For(name);

    /// <summary>The build of the case's family.</summary>
    public static BatchResult Batch(string name)
    {
        if (!Cases.Value.TryGetValue(name, out var known))
        {
            throw new ArgumentException($"No diagnostic case is named {name}.", nameof(name));
        }

        return Built.GetOrAdd(known.Family, family => new Lazy<BatchResult>(() => Build(family))).Value;
    }

    private static BatchResult Build(string family)
    {
        var batch = CaseBatch.Create("diagnostics-" + family);
        foreach (var (name, known) in Cases.Value.Where(c => c.Value.Family == family).OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            known.Arrange(batch.Add(name, known.Project));
        }

        return batch.Build();
    }

    private static IReadOnlyDictionary<string, (string, string, Action<TestRepository>)> Collect()
    {
        const string app = "App/App.csproj";
        var cases = new Dictionary<string, (string, string, Action<TestRepository>)>();
        foreach (var row in DiagnosticsTests.Rows)
        {
            var (code, properties, items) = ((string)row[0], (string)row[1], (string)row[2]);
            cases.Add(
                DiagnosticsTests.CaseName(code, properties, items, (string)row[3]),
                (ErrorFamily(code), app, repository => repository.WriteProject("App/App.csproj", Projects.Console(properties: properties, items: items), Projects.ConsoleProgram())));
        }

        foreach (var (code, arrange) in ArrangedDiagnosticsTests.Arrangements)
        {
            cases.Add(code, (ErrorFamily(code), app, arrange));
        }

        foreach (var row in FrontEndDiagnosticsTests.Errors)
        {
            var (code, properties) = ((string)row[0], (string)row[1]);
            cases.Add(FrontEndDiagnosticsTests.ErrorCase(code, properties), (ErrorFamily(code), FrontEndDiagnosticsTests.Project, repository => FrontEndDiagnosticsTests.ArrangeError(repository, properties)));
        }

        foreach (var (code, arrange) in DiagnosticWarningsTests.Arrangements)
        {
            cases.Add(code, ("warnings", app, arrange));
        }

        foreach (var (code, arrange) in FrontEndDiagnosticsTests.Warnings)
        {
            cases.Add(code, ("warnings", FrontEndDiagnosticsTests.Project, arrange));
        }

        return cases;
    }

    /// <summary>MULTISTAGE1010 is in errors-1xxx.</summary>
    private static string ErrorFamily(string code) => $"errors-{code["MULTISTAGE".Length]}xxx";
}
