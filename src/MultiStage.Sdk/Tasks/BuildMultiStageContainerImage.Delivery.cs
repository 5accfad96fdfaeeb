using System;
using System.Linq;
using Microsoft.Build.Framework;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;

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
