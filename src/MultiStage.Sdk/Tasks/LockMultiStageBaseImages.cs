using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Output;

namespace MultiStage.Sdk.Tasks;

/// <summary>
/// Resolves the digest of every base image the last generated Dockerfile pulls, as its registry serves it now
/// (skopeo, no engine needed), and writes them to the base image lock beside the project, all or nothing.
/// </summary>
public sealed class LockMultiStageBaseImages : Microsoft.Build.Utilities.Task
{
    /// <summary>The last generation's saved state: the base images as the generator chose them.</summary>
    public string? ImageBuildStateFile { get; set; }

    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>false: skopeo reaches the registries without verifying TLS (a registry without a trusted certificate).</summary>
    public bool TlsVerify { get; set; } = true;

    public string? ProjectFile { get; set; }

    [Output]
    public string? LockFile { get; set; }

    public override bool Execute()
    {
        var images = ImageBuildState.Load(ImageBuildStateFile)?.BaseImages ?? Array.Empty<string>();
        if (images.Count == 0)
        {
            Log.LogMessage(MessageImportance.High, "MultiStage.Sdk: no generated Dockerfile names a base image to lock.");
            return true;
        }

        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = false;
        foreach (var image in images)
        {
            var (digest, problem) = Resolve(image);
            if (digest is null)
            {
                DiagnosticLogger.Log(Log, DiagnosticDescriptors.BaseImageDigestUnresolved.Create(image, problem!), ProjectFile);
                failed = true;
                continue;
            }

            digests[image] = digest;
        }

        // A lock with some images missing would leave them unpinned without a word: nothing is written.
        if (failed)
        {
            return false;
        }

        FileResult result;
        try
        {
            result = BaseImageLock.Write(ProjectDirectory, digests);
        }
        catch (GeneratedFileException e)
        {
            Log.LogError($"MultiStage.Sdk: {e.Path} could not be written: {e.Message}");
            return false;
        }

        LockFile = result.Path;
        if (result.Outcome == FileOutcome.NotOwned)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.BaseImageLockNotOwned.Create(result.Path), ProjectFile);
            return false;
        }

        var pins = string.Join(", ", digests.Select(d => $"{d.Key}@{d.Value}"));
        Log.LogMessage(MessageImportance.High, $"MultiStage.Sdk: {result.Path} ({(result.Outcome == FileOutcome.Written ? "written" : "unchanged")}): {pins}. The next build pins them.");
        return true;
    }

    /// <summary>The digest of the manifest the registry serves for <paramref name="image"/> now, or why there is none.</summary>
    private (string? Digest, string? Problem) Resolve(string image)
    {
        var start = new ProcessStartInfo("skopeo")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        start.Arguments = string.Join(" ", BaseImageLock.InspectArguments(image, TlsVerify).Select(a => "\"" + a + "\""));
        try
        {
            using var process = Process.Start(start)!;
            using var manifest = new MemoryStream();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.BaseStream.CopyTo(manifest);
            process.WaitForExit();
            var message = error.Result.Trim();
            if (process.ExitCode != 0 || manifest.Length == 0)
            {
                return (null, message.Length > 0 ? message.Split('\n').Last().Trim() : $"skopeo exited with {process.ExitCode}");
            }

            return (BaseImageLock.ManifestDigest(manifest.ToArray()), null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"skopeo could not be started ({e.Message}); install it (apt-get install skopeo, dnf install skopeo, brew install skopeo)");
        }
    }
}
