using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using static MultiStage.Sdk.Tests.DiagnosticsTests;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// Errors whose case needs more than a property or an item: another framework, another folder or project, a file
/// in the way, a global.json pin. Each case's repository is arranged below under its code and built in its
/// family's batch (<see cref="DiagnosticBatches"/>).
/// </summary>
public class ArrangedDiagnosticsTests
{
    internal static readonly IReadOnlyDictionary<string, Action<TestRepository>> Arrangements = new Dictionary<string, Action<TestRepository>>
    {
        ["MULTISTAGE1001"] = repository => repository.WriteProject(
            "App/App.csproj",
            Projects.Console(targetFramework: "net48", properties: "<LangVersion>latest</LangVersion>").Replace("<ImplicitUsings>enable</ImplicitUsings>", "<ImplicitUsings>disable</ImplicitUsings>"),
            "System.Console.WriteLine(\"framework\");\n"),
        ["MULTISTAGE1003"] = repository => repository.WriteProject(
            "App/App.csproj",
            Projects.Console(properties: "<MultiStageTargetFramework>net9.0</MultiStageTargetFramework>")
                .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks>"),
            Projects.ConsoleProgram()),
        ["MULTISTAGE1004"] = repository => repository.WriteProject(
            "App/App.csproj",
            Projects.Console(properties: "<LangVersion>latest</LangVersion>")
                .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net472;net48</TargetFrameworks>")
                .Replace("<ImplicitUsings>enable</ImplicitUsings>", "<ImplicitUsings>disable</ImplicitUsings>"),
            "System.Console.WriteLine(\"framework\");\n"),
        ["MULTISTAGE1020"] = repository => repository
            .WriteFile("elsewhere/readme.txt", "a sibling folder\n")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageBuildContext>../elsewhere</MultiStageBuildContext>"), Projects.ConsoleProgram()),
        ["MULTISTAGE1023"] = repository => repository
            .WriteProject("Lib/Lib.csproj", Projects.Library())
            .WriteProject(
                "App/App.csproj",
                Projects.Console(properties: "<MultiStageBuildContext>.</MultiStageBuildContext>", items: "<ProjectReference Include=\"../Lib/Lib.csproj\" />"),
                Projects.ConsoleProgram()),
        ["MULTISTAGE2003"] = repository => repository
            .WriteFile("App/blocker", "a file where the Dockerfile's folder would go\n")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageDockerfilePath>blocker/Dockerfile</MultiStageDockerfilePath>"), Projects.ConsoleProgram()),
        // The batch builds from its solution folder, so this machine's dotnet does not itself insist on the pinned
        // 8.0 SDK; the image build, which runs in the context root, would.
        ["MULTISTAGE3002"] = repository => repository
            .WriteFile("global.json", TestRepository.GlobalJson("\"version\": \"8.0.100\", \"rollForward\": \"latestFeature\""))
            .WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram()),
    };

    [Fact]
    public void An_unsupported_target_framework_is_an_error() =>
        AssertFailedWithNothingWritten(DiagnosticBatches.Case("MULTISTAGE1001"), "MULTISTAGE1001", "TargetFramework 'net48'");

    [Fact]
    public void A_MultiStageTargetFramework_the_project_does_not_target_is_an_error() =>
        AssertFailedWithNothingWritten(DiagnosticBatches.Case("MULTISTAGE1003"), "MULTISTAGE1003", "MultiStageTargetFramework 'net9.0'");

    [Fact]
    public void A_multi_targeted_project_without_any_container_framework_is_an_error() =>
        AssertFailedWithNothingWritten(DiagnosticBatches.Case("MULTISTAGE1004"), "MULTISTAGE1004", "net472;net48");

    [Fact]
    public void A_build_context_that_does_not_contain_the_project_is_an_error() =>
        // Nothing written anywhere in the repository: not in App, not in the context folder elsewhere/.
        AssertFailedWithNothingWritten(DiagnosticBatches.Case("MULTISTAGE1020"), "MULTISTAGE1020", "MultiStageBuildContext '../elsewhere'");

    [Fact]
    public void A_project_reference_outside_the_build_context_is_an_error() =>
        AssertFailedWithNothingWritten(DiagnosticBatches.Case("MULTISTAGE1023"), "MULTISTAGE1023", "Lib.csproj");

    [Fact]
    public void An_unwritable_target_is_an_error_and_nothing_is_written() =>
        // Not even the temporary file a write goes through.
        AssertFailedWithNothingWritten(DiagnosticBatches.Case("MULTISTAGE2003"), "MULTISTAGE2003", "blocker");

    [Fact]
    public void A_global_json_sdk_older_than_the_target_framework_is_an_error() =>
        AssertFailedWithNothingWritten(DiagnosticBatches.Case("MULTISTAGE3002"), "MULTISTAGE3002", "global.json pins SDK '8.0.100'");
}
