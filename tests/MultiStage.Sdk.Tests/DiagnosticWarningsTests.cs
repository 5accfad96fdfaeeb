using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// Warnings leave the build green and the Dockerfile written. The cases, arranged below under their codes, are
/// built together (<see cref="DiagnosticBatches"/>): that build must succeed as a whole.
/// </summary>
public class DiagnosticWarningsTests
{
    private const string AppUidRoot = "MULTISTAGE1017-app-uid";

    internal static readonly IReadOnlyDictionary<string, Action<TestRepository>> Arrangements = new Dictionary<string, Action<TestRepository>>
    {
        ["MULTISTAGE1002"] = repository => repository.WriteProject(
            "App/App.csproj", Projects.Console(targetFramework: "net6.0", properties: "<CheckEolTargetFramework>false</CheckEolTargetFramework>"), Projects.ConsoleProgram()),
        ["MULTISTAGE1017"] = repository => repository.WriteProject(
            "App/App.csproj", Projects.Console(properties: "<ContainerUser>root</ContainerUser>"), Projects.ConsoleProgram()),
        [AppUidRoot] = repository => repository
            .WriteFile("App/docker/final.dockerfile", "ENV APP_UID=0\nUSER root\n")
            .WriteProject(
                "App/App.csproj",
                Projects.Console(items: """
                    <ContainerEnvironmentVariable Include="APP_UID" Value="0" />
                    <MultiStageDockerfileFragment Include="docker/final.dockerfile" Point="AfterAppCopy" />
                    """),
                Projects.ConsoleProgram()),
        ["MULTISTAGE1025"] = repository =>
        {
            var outside = OutsideFeed(repository);
            Directory.CreateDirectory(outside);
            File.Copy(SdkPackage.NupkgPath, Path.Combine(outside, Path.GetFileName(SdkPackage.NupkgPath)));
            repository.WriteFile("NuGet.config", TestRepository.NuGetConfig(outside));
            repository.WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram());
        },
    };

    [Fact]
    public void An_end_of_life_target_framework_is_a_warning_and_the_dockerfile_is_written()
    {
        var result = Warned("MULTISTAGE1002");

        Assert.True(result.Says("warning", "MULTISTAGE1002", "TargetFramework 'net6.0' is out of support"), result.Describe());
        var dockerfile = result.Repository.ReadFile("App/Dockerfile");
        Assert.Equal("mcr.microsoft.com/dotnet/runtime:6.0", GeneratedDockerfile.FinalImage(dockerfile));
        Assert.Contains("USER 1654\n", dockerfile);
    }

    [Fact]
    public void A_root_user_is_a_warning()
    {
        var result = Warned("MULTISTAGE1017");

        Assert.Contains("USER root\n", result.Repository.ReadFile("App/Dockerfile"));
    }

    [Fact]
    public void APP_UID_set_to_root_is_the_same_warning_and_does_not_change_USER()
    {
        var result = DiagnosticBatches.Case(AppUidRoot);

        Assert.False(result.Failed, result.Describe());
        Assert.True(result.WarningCodes.All(c => c == "MULTISTAGE1017") && result.WarningCodes.Count > 0, result.Describe());
        Assert.True(result.Says("warning", "MULTISTAGE1017", "ContainerEnvironmentVariable 'APP_UID' with Value '0' makes root the app's user"), result.Describe());
        Assert.True(result.Says("warning", "MULTISTAGE1017", "final.dockerfile' line 1 (ENV APP_UID=0) makes root the app's user"), result.Describe());
        var dockerfile = result.Repository.ReadFile("App/Dockerfile");
        Assert.DoesNotContain("USER $", dockerfile);
        Assert.Contains("USER root\nUSER 1654\nENTRYPOINT [\"dotnet\", \"App.dll\"]\n", dockerfile);
        Assert.Equal("USER 1654", dockerfile.Split('\n').Last(l => l.StartsWith("USER ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_local_package_folder_outside_the_build_context_is_a_warning()
    {
        var result = Warned("MULTISTAGE1025");

        Assert.True(result.Says("warning", "MULTISTAGE1025", OutsideFeed(result.Repository)), result.Describe());
        Assert.True(result.Repository.FileExists("App/Dockerfile"));
    }

    /// <summary>A feed folder beside the case's repository, so outside its build context.</summary>
    private static string OutsideFeed(TestRepository repository) => repository.Root + "-feed";

    /// <summary>The case built without an error and warned with exactly its code; so did the whole batch.</summary>
    internal static CaseResult Warned(string code)
    {
        var result = DiagnosticBatches.Case(code);
        Assert.False(result.Failed, result.Describe());
        Assert.True(result.WarningCodes.SequenceEqual(new[] { code }), $"Expected warning {code} alone, got [{string.Join(", ", result.WarningCodes)}].\n{result.Describe()}");
        Assert.True(DiagnosticBatches.Batch(code).Build.Succeeded, DiagnosticBatches.Batch(code).Build.Output);
        return result;
    }
}
