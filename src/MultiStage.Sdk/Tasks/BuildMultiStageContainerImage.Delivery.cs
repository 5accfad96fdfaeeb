using System;
using System.Linq;
using Microsoft.Build.Framework;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Sbom;

namespace MultiStage.Sdk.Tasks;

// What the build delivers beyond the image in the local engine: the archive and the result file.
public sealed partial class BuildMultiStageContainerImage
{
    /// <summary>Saves the built image to a temporary file beside the archive and moves it into place only when complete.</summary>
    private bool WriteArchive(ContainerBuilder builder, System.Collections.Generic.IReadOnlyList<string> taggedNames, string repository)
    {
        var archive = ArchiveOutputPath!.Trim();
        string? temporary = null;
        string? failure;
        try
        {
            archive = ImageArchive.PathFor(archive, ProjectDirectory ?? System.IO.Directory.GetCurrentDirectory(), repository);
            temporary = ImageArchive.TemporaryPathBeside(archive);
            System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(archive)!);
            var executable = ContainerBuilderCommands.Executable(builder);
            var exitCode = process!.Run(executable, ImageArchive.Save(builder, temporary, taggedNames), System.IO.Path.GetDirectoryName(archive)!);
            failure = exitCode != 0 ? $"'{executable}' exited with code {exitCode}: {process.LastErrorLine ?? "no error message"}"
                : !System.IO.File.Exists(temporary) ? $"'{executable}' wrote no archive"
                : null;
            if (failure is null)
            {
                ImageArchive.MoveIntoPlace(temporary, archive);
            }
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            failure = e.Message;
        }
        finally
        {
            if (temporary is not null)
            {
                ImageArchive.DeleteIfPresent(temporary);
            }
        }

        if (failure is not null)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.ImageArchiveFailed.Create(archive, failure), ProjectFile);
            return false;
        }

        GeneratedArchiveOutputPath = archive;
        Log.LogMessage(MessageImportance.Normal, $"MultiStage.Sdk: wrote the image archive {archive}.");
        return true;
    }

    /// <summary>The image's configuration from the builder, or null (with a warning when the builder could not give it).</summary>
    private string? ReadConfiguration(ContainerBuilder builder, bool pushedWhileBuilding, string name, string? digest, int platformCount, string executable)
    {
        var inspect = ImageConfiguration.Inspect(builder, pushedWhileBuilding, name, digest, platformCount);
        if (inspect is null)
        {
            return null;
        }

        var (exitCode, output) = ContainerBuilderProcess.Capture(executable, inspect.ToArray());
        var configuration = exitCode == 0 ? ImageConfiguration.Parse(output) : null;
        if (configuration is null)
        {
            var why = exitCode == 0 ? "its output is not an image configuration" : $"exit code {exitCode}";
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.ImageConfigurationNotRead.Create(name, executable + " " + string.Join(" ", inspect), why), ProjectFile);
        }

        return configuration;
    }

    /// <summary>
    /// Copies the image's SBOM to <see cref="SbomOutputPath"/> through a container that is never started, then removes
    /// the container. A failure is a warning: the image is built and holds the SBOM.
    /// </summary>
    private void CopySbom(ContainerBuilder builder, string image)
    {
        var destination = System.IO.Path.GetFullPath(SbomOutputPath!.Trim());
        var executable = ContainerBuilderCommands.Executable(builder);
        var workingDirectory = System.IO.Path.GetDirectoryName(destination)!;
        var runner = process!;
        string? failure;
        string? container = null;
        try
        {
            System.IO.Directory.CreateDirectory(workingDirectory);
            System.IO.File.Delete(destination);
            failure = runner.Run(executable, SbomCopy.CreateContainer(builder, image), workingDirectory) != 0 || runner.OutputLines.Count == 0
                ? $"'{executable}' could not create a container of {image}: {runner.LastErrorLine ?? "no error message"}"
                : null;
            container = failure is null ? runner.OutputLines[runner.OutputLines.Count - 1].Trim() : null;
            if (container is not null && builder == ContainerBuilder.Buildah)
            {
                failure = runner.Run(executable, SbomCopy.Mount(container), workingDirectory) != 0 || runner.OutputLines.Count == 0
                    ? $"'{executable} mount' failed (it needs root or buildah unshare): {runner.LastErrorLine ?? "no error message"}"
                    : null;
                if (failure is null)
                {
                    var root = runner.OutputLines[runner.OutputLines.Count - 1].Trim();
                    System.IO.File.Copy(root + ImageSbom.ImagePath, destination, overwrite: true);
                    runner.Run(executable, SbomCopy.Unmount(container), workingDirectory);
                }
            }
            else if (container is not null)
            {
                failure = runner.Run(executable, SbomCopy.CopyOut(container, ImageSbom.ImagePath, destination), workingDirectory) != 0
                    ? $"'{executable} cp' failed: {runner.LastErrorLine ?? "no error message"}"
                    : null;
            }
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            failure = e.Message;
        }
        finally
        {
            if (container is not null)
            {
                runner.Run(executable, SbomCopy.RemoveContainer(container), workingDirectory);
            }
        }

        if (failure is null && !System.IO.File.Exists(destination))
        {
            failure = $"'{executable}' copied no file";
        }

        if (failure is not null)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.SbomNotCopied.Create(ImageSbom.ImagePath, destination, failure), ProjectFile);
            return;
        }

        GeneratedSbomPath = destination;
        Log.LogMessage(MessageImportance.High, $"MultiStage.Sdk: the image's SBOM is at {destination}.");
    }

    /// <summary>Writes the result file and sets the outputs, only once everything asked for is done.</summary>
    private bool WriteResult(ImageResult result, string executable)
    {
        try
        {
            if (ResultFile is not null)
            {
                result.Write(ResultFile);
            }
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            var pushed = result.Registry is null ? string.Empty : $" and pushed to {result.Registry}";
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.ImageResultNotWritten.Create(pushed, ResultFile!, e.Message), ProjectFile);
            return false;
        }

        GeneratedContainerNames = result.Names.ToArray();
        GeneratedContainerDigest = result.Digest;
        GeneratedContainerConfiguration = result.Configuration;
        var message = result.Digest is null ? $"image id {result.ImageId ?? "unknown"}" : $"pushed to {result.Registry} with {executable}, digest {result.Digest}";
        Log.LogMessage(MessageImportance.High, $"MultiStage.Sdk: {string.Join(", ", result.Names)}: {message}.");
        return true;
    }
}
