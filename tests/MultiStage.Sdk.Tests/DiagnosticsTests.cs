using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// Every diagnostic code through a real build: an error names the property and the value, fails the build and
/// writes nothing; a warning leaves the build green.
/// </summary>
public class DiagnosticsTests
{
    public static TheoryData<string, string, string, string> PropertyErrors => new()
    {
        // code, project properties, project items, text the message must contain
        { "MULTISTAGE1010", "", "<ContainerPort Include=\"abc\" />", "ContainerPort 'abc'" },
        { "MULTISTAGE1010", "", "<ContainerPort Include=\"0\" />", "ContainerPort '0'" },
        { "MULTISTAGE1010", "", "<ContainerPort Include=\"70000\" />", "ContainerPort '70000'" },
        { "MULTISTAGE1010", "", "<ContainerPort Include=\"8080/sctp\" />", "ContainerPort '8080/sctp'" },
        { "MULTISTAGE1011", "", "<ContainerPort Include=\"8080\" Type=\"sctp\" />", "Type 'sctp'" },
        { "MULTISTAGE1012", "", "<ContainerEnvironmentVariable Include=\"1BAD\" Value=\"x\" />", "ContainerEnvironmentVariable '1BAD'" },
        { "MULTISTAGE1013", "", "<ContainerLabel Include=\"bad key\" Value=\"x\" />", "ContainerLabel 'bad key'" },
        { "MULTISTAGE1014", "", "<ContainerEnvironmentVariable Include=\"GREETING\" Value=\"line one&#10;RUN rm -rf /\" />", "ContainerEnvironmentVariable 'GREETING' Value" },
        { "MULTISTAGE1014", "", "<ContainerLabel Include=\"note\" Value=\"a&#13;b\" />", "ContainerLabel 'note' Value" },
        { "MULTISTAGE1015", "<ContainerUser>bad user</ContainerUser>", "", "ContainerUser 'bad user'" },
        { "MULTISTAGE1016", "<ContainerWorkingDirectory>relative/dir</ContainerWorkingDirectory>", "", "ContainerWorkingDirectory 'relative/dir'" },
        { "MULTISTAGE1021", "<MultiStageBuildContext>../does-not-exist</MultiStageBuildContext>", "", "MultiStageBuildContext '../does-not-exist'" },
        { "MULTISTAGE1022", "", "<ProjectReference Include=\"../Missing/Missing.csproj\" />", "Missing.csproj" },
        { "MULTISTAGE1024", "<ContainerBaseImage>not an image!</ContainerBaseImage>", "", "ContainerBaseImage 'not an image!'" },
        { "MULTISTAGE1024", "<MultiStageBuildImage>sdk image</MultiStageBuildImage>", "", "MultiStageBuildImage 'sdk image'" },
        { "MULTISTAGE1050", "", "<ContainerPort Include=\"8080\" /><ContainerHealthCheck Include=\"/a\" /><ContainerHealthCheck Include=\"/b\" />", "ContainerHealthCheck is given more than once ('/a', '/b')" },
        { "MULTISTAGE1051", "", "<ContainerPort Include=\"8080\" /><ContainerHealthCheck Include=\"healthz\" />", "ContainerHealthCheck 'healthz'" },
        { "MULTISTAGE1052", "", "<ContainerPort Include=\"8080\" /><ContainerHealthCheck Include=\"/healthz\" Interval=\"30\" />", "ContainerHealthCheck Interval '30'" },
        { "MULTISTAGE1053", "", "<ContainerHealthCheck Include=\"/healthz\" />", "ContainerHealthCheck '/healthz' needs a TCP port" },
        { "MULTISTAGE1054", "<SelfContained>true</SelfContained><RuntimeIdentifier>linux-x64</RuntimeIdentifier>", "<ContainerPort Include=\"8080\" /><ContainerHealthCheck Include=\"/healthz\" />", "ContainerHealthCheck '/healthz' needs dotnet in the image or Native AOT" },
        { "MULTISTAGE3001", "<RuntimeIdentifiers>linux-x64;linux-musl-x64</RuntimeIdentifiers>", "", "linux-x64;linux-musl-x64" },
        { "MULTISTAGE3003", "<ContainerFamily>bookworm-slim</ContainerFamily>", "", "runtime:10.0-bookworm-slim" },
        { "MULTISTAGE3003", "<ContainerFamily>windowsservercore</ContainerFamily>", "", "ContainerFamily 'windowsservercore'" },
        { "MULTISTAGE3004", "<MultiStagePinDigests>true</MultiStagePinDigests>", "", "mcr.microsoft.com/dotnet/sdk:10.0-noble" },
        { "MULTISTAGE3005", "<MultiStagePinDigests>true</MultiStagePinDigests>", "<MultiStageImageDigest Include=\"mcr.microsoft.com/dotnet/sdk:10.0-noble\" Digest=\"sha1:abc\" />", "Digest 'sha1:abc'" },
        { "MULTISTAGE3006", "<ContainerFamily>alpine</ContainerFamily><RuntimeIdentifier>linux-x64</RuntimeIdentifier>", "", "ContainerFamily 'alpine'" },
    };

    [Theory]
    [MemberData(nameof(PropertyErrors))]
    public void A_bad_value_is_an_error_that_names_it_and_writes_nothing(string code, string properties, string items, string named)
    {
        var repository = TestRepository.Create(code)
            .WriteProject("App/App.csproj", Projects.Console(properties: properties, items: items), Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        AssertFailedWithNothingWritten(repository, result, code, named);
    }

    [Fact]
    public void An_unsupported_target_framework_is_an_error()
    {
        var repository = TestRepository.Create("MULTISTAGE1001")
            .WriteProject(
                "App/App.csproj",
                Projects.Console(targetFramework: "net48", properties: "<LangVersion>latest</LangVersion>").Replace("<ImplicitUsings>enable</ImplicitUsings>", "<ImplicitUsings>disable</ImplicitUsings>"),
                "System.Console.WriteLine(\"framework\");\n");

        var result = repository.Build("App/App.csproj");

        AssertFailedWithNothingWritten(repository, result, "MULTISTAGE1001", "TargetFramework 'net48'");
    }

    [Fact]
    public void An_end_of_life_target_framework_is_a_warning_and_the_dockerfile_is_written()
    {
        var repository = TestRepository.Create("MULTISTAGE1002")
            .WriteProject("App/App.csproj", Projects.Console(targetFramework: "net6.0", properties: "<CheckEolTargetFramework>false</CheckEolTargetFramework>"), Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE1002" }, result.WarningCodes);
        Assert.Contains("TargetFramework 'net6.0' is out of support", result.Output);
        var dockerfile = repository.ReadFile("App/Dockerfile");
        Assert.Equal("mcr.microsoft.com/dotnet/runtime:6.0", GeneratedDockerfile.FinalImage(dockerfile));
        Assert.Contains("USER 1654\n", dockerfile);
    }

    [Fact]
    public void A_MultiStageTargetFramework_the_project_does_not_target_is_an_error()
    {
        var repository = TestRepository.Create("MULTISTAGE1003")
            .WriteProject(
                "App/App.csproj",
                Projects.Console(properties: "<MultiStageTargetFramework>net9.0</MultiStageTargetFramework>")
                    .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks>"),
                Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        AssertFailedWithNothingWritten(repository, result, "MULTISTAGE1003", "MultiStageTargetFramework 'net9.0'");
    }

    [Fact]
    public void A_multi_targeted_project_without_any_container_framework_is_an_error()
    {
        var repository = TestRepository.Create("MULTISTAGE1004")
            .WriteProject(
                "App/App.csproj",
                Projects.Console(properties: "<LangVersion>latest</LangVersion>")
                    .Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net472;net48</TargetFrameworks>")
                    .Replace("<ImplicitUsings>enable</ImplicitUsings>", "<ImplicitUsings>disable</ImplicitUsings>"),
                "System.Console.WriteLine(\"framework\");\n");

        var result = repository.Build("App/App.csproj");

        AssertFailedWithNothingWritten(repository, result, "MULTISTAGE1004", "net472;net48");
    }

    [Fact]
    public void A_root_user_is_a_warning()
    {
        var repository = TestRepository.Create("MULTISTAGE1017")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<ContainerUser>root</ContainerUser>"), Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE1017" }, result.WarningCodes);
        Assert.Contains("USER root\n", repository.ReadFile("App/Dockerfile"));
    }

    [Fact]
    public void APP_UID_set_to_root_is_the_same_warning_and_does_not_change_USER()
    {
        var repository = TestRepository.Create("MULTISTAGE1017-app-uid")
            .WriteFile("App/docker/final.dockerfile", "ENV APP_UID=0\nUSER root\n")
            .WriteProject(
                "App/App.csproj",
                Projects.Console(items: """
                    <ContainerEnvironmentVariable Include="APP_UID" Value="0" />
                    <MultiStageDockerfileFragment Include="docker/final.dockerfile" Point="AfterAppCopy" />
                    """),
                Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE1017" }, result.WarningCodes);
        Assert.Contains("ContainerEnvironmentVariable 'APP_UID' with Value '0' makes root the app's user", result.Output);
        Assert.Contains("final.dockerfile' line 1 (ENV APP_UID=0) makes root the app's user", result.Output);
        var dockerfile = repository.ReadFile("App/Dockerfile");
        Assert.DoesNotContain("USER $", dockerfile);
        Assert.EndsWith("USER root\nUSER 1654\nENTRYPOINT [\"dotnet\", \"App.dll\"]\n", dockerfile);
    }

    [Fact]
    public void A_build_context_that_does_not_contain_the_project_is_an_error()
    {
        var repository = TestRepository.Create("MULTISTAGE1020")
            .WriteFile("elsewhere/readme.txt", "a sibling folder\n")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageBuildContext>../elsewhere</MultiStageBuildContext>"), Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        AssertFailedWithNothingWritten(repository, result, "MULTISTAGE1020", "MultiStageBuildContext '../elsewhere'");
        Assert.False(repository.FileExists("elsewhere/.dockerignore"));
    }

    [Fact]
    public void A_project_reference_outside_the_build_context_is_an_error()
    {
        var repository = TestRepository.Create("MULTISTAGE1023")
            .WriteProject("Lib/Lib.csproj", Projects.Library())
            .WriteProject(
                "App/App.csproj",
                Projects.Console(properties: "<MultiStageBuildContext>.</MultiStageBuildContext>", items: "<ProjectReference Include=\"../Lib/Lib.csproj\" />"),
                Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        AssertFailedWithNothingWritten(repository, result, "MULTISTAGE1023", "Lib.csproj");
        Assert.False(repository.FileExists("App/.dockerignore"));
    }

    [Fact]
    public void A_local_package_folder_outside_the_build_context_is_a_warning()
    {
        var repository = TestRepository.Create("MULTISTAGE1025");
        var outside = Path.Combine(Path.GetDirectoryName(repository.Root)!, Path.GetFileName(repository.Root) + "-feed");
        Directory.CreateDirectory(outside);
        File.Copy(SdkPackage.NupkgPath, Path.Combine(outside, Path.GetFileName(SdkPackage.NupkgPath)));
        repository.WriteFile("NuGet.config", TestRepository.NuGetConfig(outside));
        repository.WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE1025" }, result.WarningCodes);
        Assert.Contains(outside, result.Output);
        Assert.True(repository.FileExists("App/Dockerfile"));
    }

    [Fact]
    public void An_unwritable_target_is_an_error_and_nothing_is_written()
    {
        var repository = TestRepository.Create("MULTISTAGE2003")
            .WriteFile("App/blocker", "a file where the Dockerfile's folder would go\n")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageDockerfilePath>blocker/Dockerfile</MultiStageDockerfilePath>"), Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        AssertFailedWithNothingWritten(repository, result, "MULTISTAGE2003", "blocker");
        Assert.Empty(Directory.GetFiles(repository.Root, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_global_json_sdk_older_than_the_target_framework_is_an_error()
    {
        var repository = TestRepository.Create("MULTISTAGE3002");
        repository.WriteFile("global.json", TestRepository.GlobalJson("\"version\": \"8.0.100\", \"rollForward\": \"latestFeature\""));
        repository.WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram());

        // Built from outside the repository, so this machine's dotnet does not itself insist on the pinned 8.0 SDK;
        // the image build, which runs in the context root, would.
        var outside = DotnetCli.Run(Path.GetDirectoryName(repository.Root)!, "build", repository.PathOf("App/App.csproj"), "-nologo");
        var result = new BuildResult(outside.ExitCode, outside.Output);

        AssertFailedWithNothingWritten(repository, result, "MULTISTAGE3002", "global.json pins SDK '8.0.100'");
    }

    [Fact]
    public void Every_code_has_a_documentation_page()
    {
        var documented = Directory.GetFiles(Path.Combine(Repository.Root, "docs", "diagnostics"), "MULTISTAGE*.md").Select(Path.GetFileNameWithoutExtension).ToHashSet();

        foreach (var descriptor in Generator.Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.Contains(descriptor.Code, documented);
        }
    }

    private static void AssertFailedWithNothingWritten(TestRepository repository, BuildResult result, string code, string named)
    {
        Assert.False(result.Succeeded, result.Output);
        Assert.Contains(code, result.ErrorCodes);
        Assert.Contains(named, result.Output);
        Assert.False(repository.FileExists("App/Dockerfile"), "An error must write no Dockerfile.");
        Assert.False(repository.FileExists(".dockerignore"), "An error must write no .dockerignore.");
    }
}
