using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;

namespace MultiStage.Sdk.Tasks;

// MultiStageRunTests: the Dockerfile's tests before the image, their results copied out.
public sealed partial class BuildMultiStageContainerImage
{
    private static readonly Regex TestResultsStageLine = new(
        @"^\s*FROM\s+\S+\s+AS\s+" + Regex.Escape(DockerfileWriter.TestResultsStage) + @"\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>MultiStageRunTests: build the test-results stage first.</summary>
    public bool RunTests { get; set; }

    /// <summary>MultiStageTestFailBuild: a failed test stops the image build.</summary>
    public bool TestFailBuild { get; set; } = true;

    /// <summary>Where the test results go (MultiStageTestResultsPath), relative to the project folder.</summary>
    public string? TestResultsPath { get; set; }

    /// <summary>The folder the test results were written to, when MultiStageRunTests ran them.</summary>
    [Output]
    public string? GeneratedTestResultsPath { get; private set; }

    /// <summary>
    /// Builds the test-results stage on the build platform and writes its files (each test project's TRX, the
    /// exit-code file) to the results folder; the stages it shares with the image come from the layer cache in the
    /// image build that follows. False, with a coded error, when the tests could not run or failed and must fail the build.
    /// </summary>
    private bool RunTestStage(ContainerBuilder builder, DockerBuildKit buildKit, ImageBuildRequest request, string executable, (string Name, string Value)[] environment)
    {
        if (!TestResultsStageLine.IsMatch(File.ReadAllText(request.DockerfilePath)))
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.NoTestStage.Create(request.DockerfilePath), ProjectFile);
            return false;
        }

        var folder = Path.GetFullPath(Path.Combine(ProjectDirectory ?? Directory.GetCurrentDirectory(), TestResultsPath!.Trim()));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var testRequest = request with
        {
            TaggedNames = Array.Empty<string>(),
            Platforms = Array.Empty<string>(),
            Push = false,
            ResultFile = null,
            Target = DockerfileWriter.TestResultsStage,
            LocalOutput = folder,
        };
        Log.LogMessage(MessageImportance.High, $"MultiStage.Sdk: running the tests of {Path.GetFileName(request.DockerfilePath)} ({DockerfileWriter.TestResultsStage} stage) into {folder}.");
        process = new ContainerBuilderProcess(Log);
        var exitCode = process.Run(executable, ContainerBuilderCommands.Build(builder, buildKit, testRequest), request.ContextRoot, environment);
        if (exitCode != 0)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.ContainerBuildFailed.Create(executable, exitCode), ProjectFile);
            return false;
        }

        GeneratedTestResultsPath = folder;
        var exitCodeFile = Path.Combine(folder, "exit-code");
        var testExitCode = File.Exists(exitCodeFile) && int.TryParse(File.ReadAllText(exitCodeFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : -1;
        if (testExitCode == 0)
        {
            Log.LogMessage(MessageImportance.High, "MultiStage.Sdk: the tests passed.");
            return true;
        }

        var shown = testExitCode.ToString(CultureInfo.InvariantCulture);
        DiagnosticLogger.Log(Log, TestFailBuild ? DiagnosticDescriptors.TestsFailed.Create(shown, folder) : DiagnosticDescriptors.TestsFailedImageBuilt.Create(shown, folder), ProjectFile);
        return !TestFailBuild;
    }
}
