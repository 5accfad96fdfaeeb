using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The test stages on Docker Engine's BuildKit, one sequence of builds on a solution with an xUnit project (testing a
/// library of the app) and an MSTest project (testing the app): --target test passes, test-results gives both TRX
/// files, a failing test fails --target test after a rebuild that takes the restore layer from the cache and still
/// gives its results, the image build runs no test, and MultiStageRunTests stops the image target on the failure.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public class TestStageRealBuildTests
{
    private const string XunitTestFile = "teststage/Core.XunitTests/CoreTests.cs";
    private readonly ITestOutputHelper output;

    public TestStageRealBuildTests(ITestOutputHelper output) => this.output = output;

    private static ContainerEngine Engine => ContainerEngine.BuildKit;

    [SkippableFact]
    public void Tests_run_in_their_stages_results_come_out_passed_or_failed_and_the_image_build_runs_none()
    {
        Engine.RequireOrSkip();
        var solution = Solution();
        var generation = solution.Build("teststage/App/App.csproj");
        Assert.True(generation.Succeeded, generation.Output);
        var dockerfile = solution.PathOf("teststage/App/Dockerfile");
        var text = File.ReadAllText(dockerfile);
        Assert.Contains("FROM build AS test-run\n", text);
        Assert.Contains("COPY [\"teststage/App.MSTests/App.MSTests.csproj\", \"teststage/App.MSTests/\"]", text);
        Assert.True(text.LastIndexOf("\nFROM ", StringComparison.Ordinal) == text.IndexOf("\nFROM base AS final", StringComparison.Ordinal), "the final stage is the last one");

        var passed = Engine.Build(dockerfile, "teststage-pass", output, new BuildOptions { Target = "test" });
        passed.AssertSucceeded();
        var results = Results(dockerfile, "passed");
        Assert.Equal("0", File.ReadAllText(Path.Combine(results, "exit-code")).Trim());
        AssertTrx(results, "Core.XunitTests", expectFailure: false);
        AssertTrx(results, "App.MSTests", expectFailure: false);

        // A test edited to fail: the sources change, the restore layer does not.
        var test = solution.ReadFile(XunitTestFile);
        solution.WriteFile(XunitTestFile, test.Replace("Assert.Equal(\"core\", ", "Assert.Equal(\"broken\", ", StringComparison.Ordinal));
        var failed = Engine.Build(dockerfile, "teststage-fail", output, new BuildOptions { Target = "test" });
        Assert.False(failed.Succeeded, failed.Log);
        Assert.True(failed.Step("dotnet restore").UsedCache, "restore ran again after a test edit:\n" + failed.Log);
        var failedResults = Results(dockerfile, "failed");
        Assert.NotEqual("0", File.ReadAllText(Path.Combine(failedResults, "exit-code")).Trim());
        AssertTrx(failedResults, "Core.XunitTests", expectFailure: true);
        AssertTrx(failedResults, "App.MSTests", expectFailure: false);

        // The image: BuildKit skips the test stages, which the final stage does not depend on.
        var image = Engine.Build(dockerfile, "teststage-image", output);
        image.AssertSucceeded();
        Assert.DoesNotContain(image.Steps, s => s.Instruction.Contains("dotnet test", StringComparison.Ordinal) || s.Instruction.Contains("testresults", StringComparison.Ordinal));
        Assert.DoesNotContain("Passed!", image.Log, StringComparison.Ordinal);

        // MultiStageRunTests: the image target runs the tests first, copies their results out and stops on the failure.
        var runTests = solution.Dotnet(
            "build",
            "teststage/App/App.csproj",
            DockerImageTargetRealBuildTests.DockerEnvironment("/usr/bin/docker"),
            "-t:MultiStageContainerImage",
            "-p:MultiStageRunTests=true",
            "-p:MultiStageContainerBuilder=docker",
            "-p:MultiStageContainerBuildArguments=--network=host",
            "-p:ContainerImageTag=" + Guid.NewGuid().ToString("N")[..12]);
        output.WriteLine(runTests.Output);
        Assert.False(runTests.Succeeded);
        Assert.Equal(new[] { "MULTISTAGE4036" }, runTests.ErrorCodes);
        AssertTrx(solution.PathOf("teststage/App/obj/App.multistage.testresults"), "Core.XunitTests", expectFailure: true);
    }

    /// <summary>Builds the test-results stage into a new folder: the files it holds.</summary>
    private string Results(string dockerfile, string label)
    {
        var folder = Path.Combine(Repository.RunFolder, "teststage-results", label + "-" + Guid.NewGuid().ToString("N"));
        var build = Engine.Build(dockerfile, "teststage-results", output, new BuildOptions { Target = "test-results", LocalOutput = folder });
        build.AssertSucceeded();
        output.WriteLine($"test-results ({label}): " + string.Join(", ", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f))));
        return folder;
    }

    private static void AssertTrx(string results, string project, bool expectFailure)
    {
        var trx = Path.Combine(results, project, project + ".trx");
        Assert.True(File.Exists(trx), $"no {trx}");
        var xml = File.ReadAllText(trx);
        Assert.Contains("<TestRun", xml);
        Assert.Equal(expectFailure, xml.Contains("outcome=\"Failed\"", StringComparison.Ordinal));
        Assert.Equal(!expectFailure, xml.Contains("outcome=\"Passed\"", StringComparison.Ordinal));
    }

    /// <summary>App (console) references Core; Core.XunitTests tests Core with xUnit, App.MSTests tests App with MSTest; a solution lists all four.</summary>
    private static TestRepository Solution()
    {
        var solution = TestRepository.Create("realbuild-teststage");
        solution.WriteProject("teststage/App/App.csproj", Projects.Console(items: """<ProjectReference Include="../Core/Core.csproj" />"""), "Console.WriteLine(App.Greeting.Text);\nnamespace App { public static class Greeting { public static string Text => \"app | \" + Core.Names.Core; } }\n");
        solution.WriteFile("teststage/Core/Core.csproj", Projects.Library());
        solution.WriteFile("teststage/Core/Core.cs", "namespace Core;\npublic static class Names { public static string Core => \"core\"; }\n");
        solution.WriteFile("teststage/Core.XunitTests/Core.XunitTests.csproj", TestProject("../Core/Core.csproj", """
            <PackageReference Include="xunit" Version="2.9.3" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
            """));
        solution.WriteFile(XunitTestFile, "using Xunit;\npublic class CoreTests\n{\n    [Fact]\n    public void Names_core() => Assert.Equal(\"core\", Core.Names.Core);\n}\n");
        solution.WriteFile("teststage/App.MSTests/App.MSTests.csproj", TestProject("../App/App.csproj", """
            <PackageReference Include="MSTest.TestAdapter" Version="3.11.1" />
                <PackageReference Include="MSTest.TestFramework" Version="3.11.1" />
            """));
        solution.WriteFile("teststage/App.MSTests/GreetingTests.cs", "using Microsoft.VisualStudio.TestTools.UnitTesting;\n[TestClass]\npublic class GreetingTests\n{\n    [TestMethod]\n    public void Greets() => Assert.AreEqual(\"app | core\", App.Greeting.Text);\n}\n");
        solution.WriteFile("TestStage.slnx", """
            <Solution>
              <Project Path="teststage/App/App.csproj" />
              <Project Path="teststage/Core/Core.csproj" />
              <Project Path="teststage/Core.XunitTests/Core.XunitTests.csproj" />
              <Project Path="teststage/App.MSTests/App.MSTests.csproj" />
            </Solution>
            """);
        return solution;
    }

    private static string TestProject(string reference, string packages) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <IsPackable>false</IsPackable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
            {packages}
            <ProjectReference Include="{reference}" />
          </ItemGroup>
        </Project>
        """;
}
