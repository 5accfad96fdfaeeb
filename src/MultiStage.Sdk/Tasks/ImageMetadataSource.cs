using System;
using System.Collections.Generic;
using System.Diagnostics;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;

namespace MultiStage.Sdk.Tasks;

/// <summary>
/// What the image target reads from outside MSBuild for the build labels and reproducible builds: the
/// SOURCE_DATE_EPOCH variable and the project's git commit (its id when SourceRevisionId is empty, its time).
/// </summary>
internal static class ImageMetadataSource
{
    /// <summary>
    /// The build arguments with the label arguments the Dockerfile declares, and the timestamp to pin when
    /// <paramref name="reproducible"/>; or the diagnostic that stops a reproducible build without a timestamp.
    /// </summary>
    public static (IReadOnlyList<NameValue> BuildArguments, long? Epoch, Diagnostic? Problem) Resolve(
        IReadOnlyList<NameValue> own, IReadOnlyList<string> labelArguments, string? version, string? sourceRevisionId, bool reproducible, string projectDirectory)
    {
        long? epoch = null;
        if (reproducible)
        {
            var (seconds, problem) = ReproducibleBuild.Epoch(
                Environment.GetEnvironmentVariable(ReproducibleBuild.SourceDateEpoch),
                string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ReproducibleBuild.SourceDateEpoch)) ? Git(projectDirectory, "log", "-1", "--format=%ct") : null);
            if (problem is not null)
            {
                return (own, null, DiagnosticDescriptors.ReproducibleWithoutTimestamp.Create(problem));
            }

            epoch = seconds;
        }

        if (labelArguments.Count == 0)
        {
            return (own, epoch, null);
        }

        var revision = string.IsNullOrWhiteSpace(sourceRevisionId) ? Git(projectDirectory, "rev-parse", "HEAD") ?? string.Empty : sourceRevisionId!.Trim();
        var metadata = new ImageMetadata((version ?? string.Empty).Trim(), revision, ReproducibleBuild.Created(epoch, DateTimeOffset.UtcNow));
        return (ReproducibleBuild.WithLabelArguments(own, labelArguments, metadata), epoch, null);
    }

    /// <summary>git's one-line answer in the project folder, or null without git, a repository or a commit.</summary>
    private static string? Git(string folder, params string[] arguments)
    {
        try
        {
            // The arguments are this file's own words, none with a space or a quote.
            var start = new ProcessStartInfo("git", string.Join(" ", arguments)) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(15000))
            {
                process.Kill();
                return null;
            }

            var line = output.Result.Trim();
            return process.ExitCode == 0 && line.Length > 0 ? line : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
