using System;
using System.Globalization;
using System.Linq;
using Microsoft.Build.Framework;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Facts;

namespace MultiStage.Sdk.Tasks;

/// <summary>Runs the built image with docker or podman, with the project's ports published on the same host ports.</summary>
public sealed class RunMultiStageContainerImage : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private ContainerBuilderProcess? process;

    public string? Image { get; set; }

    /// <summary>Only check that a runner exists (before an image is built for nothing).</summary>
    public bool CheckOnly { get; set; }

    /// <summary>Exposed ports as "8080/tcp".</summary>
    public string? Ports { get; set; }

    public string? Builder { get; set; }

    public string? ExtraArguments { get; set; }

    public string? ProjectFile { get; set; }

    public override bool Execute()
    {
        var builder = ContainerBuilderProcess.Find(Builder, out var lookedFor);
        if (builder is null || builder == ContainerBuilder.Buildah)
        {
            // buildah builds images but has no "run" for them.
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.NoContainerRunner.Create(builder is null ? lookedFor : "buildah"), ProjectFile);
            return false;
        }

        if (CheckOnly || string.IsNullOrEmpty(Image))
        {
            return true;
        }

        var ports = MSBuildList.Split(Ports).Select(ParsePort).ToList();
        var executable = ContainerBuilderCommands.Executable(builder.Value);
        process = new ContainerBuilderProcess(Log);
        var exitCode = process.Run(executable, ContainerBuilderCommands.Run(Image!, ports, MSBuildList.Split(ExtraArguments)), Environment.CurrentDirectory);
        return exitCode == 0 || !Log.HasLoggedErrors;
    }

    public void Cancel() => process?.Cancel();

    private static PortSpec ParsePort(string port)
    {
        var parts = port.Split('/');
        return new PortSpec(int.Parse(parts[0], CultureInfo.InvariantCulture), parts.Length > 1 ? parts[1] : "tcp");
    }
}
