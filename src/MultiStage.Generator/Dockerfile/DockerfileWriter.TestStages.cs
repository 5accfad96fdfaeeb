using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.InImageBuild;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Dockerfile;

/// <summary>
/// The test stages, after the build stage and before the final one, which never depends on them: BuildKit builds
/// only the stages the target needs, so an image build runs no test.
/// </summary>
internal sealed partial class DockerfileWriter
{
    /// <summary>Where the test run writes each project's results, and the exit-code file.</summary>
    public const string TestResultsFolder = "/testresults";

    public const string TestRunStage = "test-run";
    public const string TestResultsStage = "test-results";
    public const string TestStage = "test";

    private void WriteTestStages()
    {
        if (plan.Tests is not { } tests)
        {
            return;
        }

        var project = DockerfileQuoting.ShellArgument(plan.Paths.ProjectPath);
        var configuration = $"-c \"$BUILD_CONFIGURATION\"";
        var caches = tests.CacheMounts.Count > 0;
        Line("# Test stages. docker build --target test runs the tests; --target test-results --output type=local,dest=<folder>");
        Line("# writes their TRX files there, passed or failed. The run records the exit code rather than failing, so the results");
        Line("# always come out; a test project that does not compile fails it.");
        Line($"FROM build AS {TestRunStage}");
        Line("ARG BUILD_CONFIGURATION=Release");
        var commands = new List<string>();
        if (caches)
        {
            // The tests build the app without a runtime identifier: caches of their own, prepared and recorded as the publish's are.
            commands.Add($"rm -f /tmp/{CompilationCaches.PreparedMarkerFile}");
            commands.Add($"dotnet msbuild {project} -nologo -t:MultiStagePrepareCompilationCaches -p:{CompilationCaches.Property}=true -p:Configuration=\"$BUILD_CONFIGURATION\"");
        }

        var properties = $"-p:GenerateDockerfile=false{SkipClientBuildArgument}";
        commands.AddRange(tests.Runs.Select(t => $"dotnet build {DockerfileQuoting.ShellArgument(t.ProjectPath)} {configuration} --no-restore -nologo {properties}"));
        if (caches)
        {
            commands.Add($"dotnet msbuild {project} -nologo -t:MultiStageRecordCompilationCaches -p:{CompilationCaches.Property}=true -p:Configuration=\"$BUILD_CONFIGURATION\"");
        }

        commands.Add($"mkdir -p {TestResultsFolder} && status=0");
        commands.AddRange(tests.Runs.Select(t =>
            $"{{ dotnet test {DockerfileQuoting.ShellArgument(t.ProjectPath)} {configuration} --no-build --logger \"trx;LogFileName={t.Name}.trx\" --results-directory {TestResultsFolder}/{t.Name} || status=$?; }}"));
        commands.Add($"echo \"$status\" > {TestResultsFolder}/exit-code");
        Run(tests.CacheMounts, Chained(commands, new List<string>()));
        Line();

        Line($"FROM scratch AS {TestResultsStage}");
        Line($"COPY --from={TestRunStage} {TestResultsFolder}/ /");
        Line();

        if (tests.FailBuild)
        {
            Line("# Fails when a test failed (MultiStageTestFailBuild).");
            Line($"FROM {TestRunStage} AS {TestStage}");
            Line($"RUN exit \"$(cat {TestResultsFolder}/exit-code)\"");
        }
        else
        {
            Line("# MultiStageTestFailBuild is false: a failed test fails nothing; the exit-code file of the results says it.");
            Line($"FROM {TestRunStage} AS {TestStage}");
        }

        Line();
    }
}
