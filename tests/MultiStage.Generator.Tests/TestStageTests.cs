using MultiStage.Generator.Client;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>
/// The test stages: which projects count as the app's tests (a solution's, or MultiStageTestProject items, on real
/// folder trees), and what the Dockerfile does with them.
/// </summary>
public sealed class TestStageTests : IDisposable
{
    private const string TestSdk = "<ItemGroup><PackageReference Include=\"Microsoft.NET.Test.Sdk\" Version=\"18.0.1\" /></ItemGroup>";

    private readonly TemporaryFolder folder = new();

    public TestStageTests()
    {
        folder.CreateFolder("repo/.git");
        folder.Write("repo/src/Api/Api.csproj", Project("<ItemGroup><ProjectReference Include=\"../Core/Core.csproj\" /></ItemGroup>"));
        folder.Write("repo/src/Core/Core.csproj", Project());
        folder.Write("repo/src/Other/Other.csproj", Project());
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_solutions_test_projects_that_reach_the_app_are_restored_and_run()
    {
        folder.Write("repo/tests/Api.Tests/Api.Tests.csproj", Project(TestSdk + "<ItemGroup><ProjectReference Include=\"../../src/Api/Api.csproj\" /></ItemGroup>"));
        folder.Write("repo/tests/Core.Tests/Core.Tests.csproj", Project(TestSdk + "<ItemGroup><ProjectReference Include=\"..\\Utilities\\Utilities.csproj\" /></ItemGroup>"));
        folder.Write("repo/tests/Utilities/Utilities.csproj", Project("<ItemGroup><ProjectReference Include=\"../../src/Core/Core.csproj\" /></ItemGroup>"));
        folder.Write("repo/tests/Other.Tests/Other.Tests.csproj", Project(TestSdk + "<ItemGroup><ProjectReference Include=\"../../src/Other/Other.csproj\" /></ItemGroup>"));
        WriteSolution("Api.Tests/Api.Tests.csproj", "Core.Tests/Core.Tests.csproj", "Utilities/Utilities.csproj", "Other.Tests/Other.Tests.csproj");

        var facts = Collect().Facts!;

        // Utilities reaches Core but is no test project; Other.Tests tests another project.
        Assert.Equal(new[] { "tests/Api.Tests/Api.Tests.csproj", "tests/Core.Tests/Core.Tests.csproj" }, facts.TestProjects);
        Assert.Equal(new[] { "tests/Utilities/Utilities.csproj" }, facts.TestReferencedProjects);
        Assert.Contains("tests/Utilities/Utilities.csproj", facts.RestoreFiles);
        Assert.DoesNotContain("tests/Other.Tests/Other.Tests.csproj", facts.RestoreFiles);
    }

    [Fact]
    public void A_Directory_Build_props_or_the_MSTest_SDK_marks_a_test_project()
    {
        folder.Write("repo/tests/Directory.Build.props", "<Project><PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup></Project>");
        folder.Write("repo/tests/Api.Tests/Api.Tests.csproj", Project("<ItemGroup><ProjectReference Include=\"../../src/Api/Api.csproj\" /></ItemGroup>"));
        folder.Write("repo/Core.MSTests/Core.MSTests.csproj", "<Project Sdk=\"MSTest.Sdk/3.11.1\"><ItemGroup><ProjectReference Include=\"../src/Core/Core.csproj\" /></ItemGroup></Project>");
        folder.Write("repo/App.sln", "Project(\"{9A19103F-16F7-4668-BE54-9A1E7A4F7556}\") = \"Api.Tests\", \"tests\\Api.Tests\\Api.Tests.csproj\", \"{0}\"\nEndProject\n"
            + "Project(\"{9A19103F-16F7-4668-BE54-9A1E7A4F7556}\") = \"Core.MSTests\", \"Core.MSTests\\Core.MSTests.csproj\", \"{1}\"\nEndProject\n");

        Assert.Equal(new[] { "Core.MSTests/Core.MSTests.csproj", "tests/Api.Tests/Api.Tests.csproj" }, Collect().Facts!.TestProjects);
    }

    [Fact]
    public void Items_replace_the_solution_and_are_checked()
    {
        folder.Write("repo/tests/Api.Tests/Api.Tests.csproj", Project(TestSdk + "<ItemGroup><ProjectReference Include=\"../../src/Api/Api.csproj\" /></ItemGroup>"));
        folder.Write("repo/tests/Other.Tests/Other.Tests.csproj", Project(TestSdk + "<ItemGroup><ProjectReference Include=\"../../src/Other/Other.csproj\" /></ItemGroup>"));
        WriteSolution("Other.Tests/Other.Tests.csproj");

        var collected = Collect("../../tests/Api.Tests/Api.Tests.csproj", "../../tests/Other.Tests/Other.Tests.csproj", "../../tests/Missing/Missing.csproj");

        Assert.Equal(new[] { "tests/Api.Tests/Api.Tests.csproj" }, collected.Facts?.TestProjects);
        Assert.Equal(new[] { "MULTISTAGE1058", "MULTISTAGE1057" }, collected.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void MultiStageTestStage_false_finds_none()
    {
        folder.Write("repo/tests/Api.Tests/Api.Tests.csproj", Project(TestSdk + "<ItemGroup><ProjectReference Include=\"../../src/Api/Api.csproj\" /></ItemGroup>"));
        WriteSolution("Api.Tests/Api.Tests.csproj");

        Assert.Empty(Collect(testStage: false).Facts!.TestProjects);
    }

    [Fact]
    public void Without_test_projects_there_is_no_test_stage()
    {
        var text = Generate.Text(Projects.Web("net10.0"));

        Assert.DoesNotContain("test", text.Split('\n').Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).Aggregate(string.Empty, string.Concat));
        Assert.DoesNotContain("dotnet test", text);
    }

    [Fact]
    public void The_final_stage_is_last_and_depends_on_no_test_stage()
    {
        var text = Generate.Text(WithTests());
        var stages = text.Split('\n').Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal("FROM base AS final", stages[^1]);
        Assert.Contains("FROM build AS test-run", stages);
        Assert.Contains("FROM scratch AS test-results", stages);
        Assert.Contains("FROM test-run AS test", stages);
        var final = text.Substring(text.IndexOf("FROM base AS final", StringComparison.Ordinal));
        Assert.DoesNotContain("test", final.Replace("org.opencontainers", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Tests_restore_before_the_app_and_record_their_exit_code_rather_than_fail()
    {
        var lines = Generate.Lines(WithTests());

        var testRestore = lines.ToList().FindIndex(l => l.Contains("dotnet restore \"tests/App.Tests/App.Tests.csproj\"", StringComparison.Ordinal));
        var appRestore = lines.ToList().FindIndex(l => l.Contains("dotnet restore \"src/App/App.csproj\" -a", StringComparison.Ordinal));
        Assert.True(testRestore >= 0 && testRestore < appRestore);
        Assert.Contains(lines, l => l.Contains("--no-build --logger \"trx;LogFileName=App.Tests.trx\" --results-directory /testresults/App.Tests || status=$?; }", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("echo \"$status\" > /testresults/exit-code", StringComparison.Ordinal));
        Assert.Contains("RUN exit \"$(cat /testresults/exit-code)\"", lines);
        // The tests' caches are their own: they build the app without a runtime identifier.
        Assert.Contains(lines, l => l.Contains("id=multistage-testobj-app-", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("rm -f /tmp/" + InImageBuild.CompilationCaches.PreparedMarkerFile, StringComparison.Ordinal));
    }

    [Fact]
    public void MultiStageTestFailBuild_false_leaves_the_test_stage_green()
    {
        var text = Generate.Text(WithTests() with { TestFailBuild = false });

        Assert.Contains("FROM test-run AS test\n", text);
        Assert.DoesNotContain("RUN exit", text);
    }

    [Fact]
    public void Two_test_projects_of_one_name_get_results_folders_of_their_own()
    {
        var text = Generate.Text(WithTests() with { TestProjects = new[] { "a/Tests.csproj", "b/Tests.csproj" } });

        Assert.Contains("--results-directory /testresults/Tests ||", text);
        Assert.Contains("--results-directory /testresults/Tests-2 ||", text);
    }

    private static ProjectFacts WithTests() => Projects.Web("net10.0") with
    {
        ProjectPath = "src/App/App.csproj",
        DockerfilePath = "src/App/Dockerfile",
        TestProjects = new[] { "tests/App.Tests/App.Tests.csproj" },
    };

    private static string Project(string items = "") => $"<Project Sdk=\"Microsoft.NET.Sdk\">{items}</Project>";

    private void WriteSolution(params string[] testProjects) =>
        folder.Write("repo/App.slnx", "<Solution>\n  <Project Path=\"src/Api/Api.csproj\" />\n  <Folder Name=\"/tests/\">\n"
            + string.Concat(testProjects.Select(p => $"    <Project Path=\"tests/{p}\" />\n")) + "  </Folder>\n</Solution>\n");

    private CollectedFacts Collect(params string[] items) => Collect(true, items);

    private CollectedFacts Collect(bool testStage, params string[] items) =>
        FactsCollector.Collect(new ProjectInputs(
            new ProjectLocation(folder.PathOf("repo/src/Api/Api.csproj"), "../..", null, new[] { "../Core/Core.csproj" }) { TestProjects = items, TestStage = testStage },
            Projects.Web("net10.0"),
            new ClientSettings { Enabled = false },
            null,
            true,
            false));
}
