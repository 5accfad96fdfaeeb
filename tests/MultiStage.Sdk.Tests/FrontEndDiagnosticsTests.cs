using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using static MultiStage.Sdk.Tests.DiagnosticsTests;
using static MultiStage.Sdk.Tests.FrontEndTests;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// The front-end diagnostics: a web app at src/Web whose client is arranged below, built with the other
/// diagnostics of its family (<see cref="DiagnosticBatches"/>).
/// </summary>
public class FrontEndDiagnosticsTests
{
    internal const string Project = "src/Web/Web.csproj";

    internal static readonly IReadOnlyDictionary<string, Action<TestRepository>> Warnings = new Dictionary<string, Action<TestRepository>>
    {
        ["MULTISTAGE1030"] = repository => WebApp(repository).WriteFile("src/Web/ClientApp/package.json", Vite),
        ["MULTISTAGE1031"] = repository => WebApp(repository)
            .WriteFile("src/Web/ClientApp/package.json", Vite)
            .WriteFile("src/Web/ClientApp/package-lock.json", LockfileV3)
            .WriteFile("src/Web/ClientApp/.nvmrc", "system\n"),
        ["MULTISTAGE1035"] = repository => WebApp(repository, properties: "<SpaRoot>ClientApp\\</SpaRoot>")
            .WriteFile("src/Web/ClientApp/package.json", """{ "scripts": { "dev": "vite" } }"""),
        ["MULTISTAGE1036"] = repository => WebApp(repository).WriteFile("src/Web/ClientApp/package.json", "{ \"scripts\": "),
    };

    [Fact]
    public void A_client_without_a_lockfile_is_a_warning()
    {
        var result = DiagnosticWarningsTests.Warned("MULTISTAGE1030");

        Assert.Contains("    npm install\n", result.Repository.ReadFile("src/Web/Dockerfile"));
    }

    [Fact]
    public void An_unreadable_nvmrc_is_a_warning()
    {
        var result = DiagnosticWarningsTests.Warned("MULTISTAGE1031");

        Assert.True(result.Says("warning", "MULTISTAGE1031", "src/Web/ClientApp/.nvmrc 'system'"), result.Describe());
    }

    [Fact]
    public void A_declared_client_without_a_build_script_is_a_warning_and_no_stage()
    {
        var result = DiagnosticWarningsTests.Warned("MULTISTAGE1035");

        Assert.DoesNotContain("AS client", result.Repository.ReadFile("src/Web/Dockerfile"));
    }

    [Fact]
    public void A_package_json_that_is_not_JSON_is_a_warning_and_no_stage()
    {
        DiagnosticWarningsTests.Warned("MULTISTAGE1036");
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        // code, project properties, text the message must contain
        { "MULTISTAGE1032", "<MultiStageNodeVersion>latest-and-greatest</MultiStageNodeVersion>", "MultiStageNodeVersion 'latest-and-greatest'" },
        { "MULTISTAGE1033", "<MultiStageClientPath>frontend</MultiStageClientPath>", "MultiStageClientPath 'frontend'" },
        { "MULTISTAGE1034", "<SpaRoot>{outside}</SpaRoot>", "SpaRoot" },
        { "MULTISTAGE1024", "<MultiStageNodeImage>node 24</MultiStageNodeImage>", "MultiStageNodeImage 'node 24'" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void A_bad_client_setting_is_an_error_that_writes_nothing(string code, string properties, string named)
    {
        AssertFailedWithNothingWritten(DiagnosticBatches.Case(ErrorCase(code, properties)), code, named);
    }

    /// <summary>A row's case: its code and its place in the table.</summary>
    internal static string ErrorCase(string code, string properties) =>
        $"client-{code}-row{Errors.ToList().FindIndex(r => (string)r[0] == code && (string)r[1] == properties)}";

    /// <summary>A web app with a client in ClientApp; {outside} in the properties is a client folder beside the repository, so outside its build context.</summary>
    internal static void ArrangeError(TestRepository repository, string properties)
    {
        var outside = repository.Root + "-outside";
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "package.json"), Vite);
        WebApp(repository, properties: properties.Replace("{outside}", $"../../../{Path.GetFileName(outside)}/"))
            .WriteFile("src/Web/ClientApp/package.json", Vite)
            .WriteFile("src/Web/ClientApp/package-lock.json", LockfileV3);
    }
}
