using System.Text.Json;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>skopeo reads an image archive with no engine at all: what a scanner or an air-gapped transfer sees of it.</summary>
internal static class Skopeo
{
    private static readonly Lazy<bool> Installed = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Any(folder => File.Exists(Path.Combine(folder, "skopeo"))));

    /// <summary>
    /// The image configuration in a docker-archive as stored (<c>skopeo inspect --config --raw docker-archive:PATH</c>:
    /// Docker's format, with the HEALTHCHECK that the OCI form drops), or null when
    /// skopeo is not installed and real builds are not required (CI installs it).
    /// </summary>
    public static ImageConfig? InspectArchive(string archive)
    {
        if (!Installed.Value)
        {
            return Buildah.Required
                ? throw new XunitException($"skopeo is not installed (apt-get install -y skopeo); {Buildah.RequireVariable}=1 requires it to read image archives.")
                : null;
        }

        var result = ProcessRunner.Run("skopeo", new[] { "inspect", "--config", "--raw", "docker-archive:" + archive }, Path.GetDirectoryName(archive)!, timeout: TimeSpan.FromMinutes(2));
        if (!result.Succeeded)
        {
            throw new XunitException($"skopeo inspect --config --raw docker-archive:{archive} failed ({result.ExitCode}):\n{result.Output}");
        }

        // Output merges stderr, where skopeo may warn: the document starts at the first brace.
        using var document = JsonDocument.Parse(result.Output.Substring(result.Output.IndexOf('{', StringComparison.Ordinal)));
        var root = document.RootElement;
        return ImageConfig.FromJson(root.GetProperty("architecture").GetString() ?? string.Empty, root.GetProperty("config"));
    }

    /// <summary>
    /// The archive is the only file in its folder (no temporary file left) and holds the image as built: its labels
    /// (the project's com.example.archive among them), entry point and user. The archived configuration, or null
    /// when skopeo is not there to read it.
    /// </summary>
    public static ImageConfig? AssertArchiveHolds(string archive, ImageConfig built, string context)
    {
        Assert.True(File.Exists(archive), $"No archive at {archive}.\n{context}");
        Assert.Equal(new[] { archive }, Directory.GetFiles(Path.GetDirectoryName(archive)!));
        if (InspectArchive(archive) is not { } archived)
        {
            return null;
        }

        Assert.Equal("kept", archived.Labels["com.example.archive"]);
        Assert.Equal(built.Labels, archived.Labels);
        Assert.Equal(built.Entrypoint, archived.Entrypoint);
        Assert.Equal(built.User, archived.User);
        return archived;
    }
}
