using System;
using System.Linq;
using Microsoft.Build.Framework;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;

namespace MultiStage.Sdk.Tasks;

/// <summary>Runs the built image with docker or podman, with the project's ports published on the same host ports.</summary>
public sealed class RunMultiStageContainerImage : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private ContainerBuilderProcess? process;
    private string? executable;
    private string? containerName;

    public string? Image { get; set; }

    /// <summary>Only check that a runner exists (before an image is built for nothing).</summary>
    public bool CheckOnly { get; set; }

    /// <summary>The last generation's saved state, for the ports the image exposes.</summary>
    public string? ImageBuildStateFile { get; set; }

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

        var ports = ImageBuildState.Load(ImageBuildStateFile)?.Ports ?? Array.Empty<Generator.Plan.PortSpec>();
        executable = ContainerBuilderCommands.Executable(builder.Value);
        containerName = "multistage-" + Guid.NewGuid().ToString("N").Substring(0, 12);
        process = new ContainerBuilderProcess(Log);
        try
        {
            var exitCode = process.Run(executable, ContainerBuilderCommands.Run(Image!, containerName, ports, MSBuildList.Split(ExtraArguments)), Environment.CurrentDirectory);
            return exitCode == 0 || !Log.HasLoggedErrors;
        }
        finally
        {
            RemoveContainer();
        }
    }

    /// <summary>Ctrl+C: stop the client, then the container it started (stopping the client alone would leave it running).</summary>
    public void Cancel()
    {
        process?.Cancel();
        RemoveContainer();
    }

    private void RemoveContainer()
    {
        if (executable is not null && containerName is not null)
        {
            // Gone already when it exited on its own (--rm); then this finds nothing to remove.
            ContainerBuilderProcess.ExitCode(executable, "rm", "--force", containerName);
        }
    }
}
