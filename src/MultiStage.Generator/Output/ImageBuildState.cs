using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Output;

/// <summary>
/// What the image targets need from the last generation, kept in obj/ beside the up-to-date state: a build that
/// skipped the generator (nothing changed) still knows the Dockerfile, its context, the image name, the exposed
/// ports, the secrets it mounts, and whether the image must be in Docker's format (OCI images have no HEALTHCHECK),
/// the build arguments its labels read, and the base images the base image lock resolves, without evaluating the
/// project again.
/// </summary>
internal sealed record ImageBuildState(
    string DockerfilePath,
    string ContextRoot,
    string ImageName,
    IReadOnlyList<PortSpec> Ports,
    IReadOnlyList<string> SecretIds,
    bool DockerFormat = false,
    IReadOnlyList<string>? LabelArguments = null,
    IReadOnlyList<string>? BaseImages = null)
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static ImageBuildState From(string dockerfilePath, ImagePlan plan, string contextRoot) =>
        new(dockerfilePath, contextRoot, plan.ImageName, plan.Ports, plan.Secrets.Select(s => s.Id).ToList(), DockerFormat: plan.HealthCheck is not null, LabelArguments: BuildLabels.Arguments(plan.BuildLabels), BaseImages: plan.BaseImages);

    /// <summary>Writes the state as JSON, only when it changed (a no-change build leaves the file's timestamp alone).</summary>
    public void Save(string path)
    {
        var json = new StringBuilder("{\n")
            .Append("  \"dockerfile\": ").Append(JsonQuoting.Quote(DockerfilePath)).Append(",\n")
            .Append("  \"context\": ").Append(JsonQuoting.Quote(ContextRoot)).Append(",\n")
            .Append("  \"image\": ").Append(JsonQuoting.Quote(ImageName)).Append(",\n")
            .Append("  \"ports\": [").Append(string.Join(", ", Ports.Select(p => JsonQuoting.Quote(p.ToString())))).Append("],\n")
            .Append("  \"secrets\": [").Append(string.Join(", ", SecretIds.Select(JsonQuoting.Quote))).Append("],\n")
            .Append("  \"dockerFormat\": ").Append(DockerFormat ? "true" : "false").Append(",\n")
            .Append("  \"labelArguments\": [").Append(string.Join(", ", (LabelArguments ?? Array.Empty<string>()).Select(JsonQuoting.Quote))).Append("],\n")
            .Append("  \"baseImages\": [").Append(string.Join(", ", (BaseImages ?? Array.Empty<string>()).Select(JsonQuoting.Quote))).Append("]\n")
            .Append("}\n")
            .ToString();
        if (File.Exists(path) && File.ReadAllText(path) == json)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, json, Utf8NoBom);
    }

    /// <summary>The saved state, or null when there is none (the project never generated) or it cannot be read.</summary>
    public static ImageBuildState? Load(string? path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            return null;
        }

        object? root;
        try
        {
            root = MiniJson.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // Each port in EXPOSE's form, read back by the parse the project's ContainerPort items go through.
        var ports = new List<PortSpec>();
        foreach (var port in MiniJson.Get(root, "ports") as List<object?> ?? new List<object?>())
        {
            if (port is not string text || PortSpec.ParseExposed(text) is not { } spec)
            {
                return null;
            }

            ports.Add(spec);
        }

        var secrets = (MiniJson.Get(root, "secrets") as List<object?> ?? new List<object?>()).OfType<string>().ToList();
        var labelArguments = (MiniJson.Get(root, "labelArguments") as List<object?> ?? new List<object?>()).OfType<string>().ToList();
        var baseImages = (MiniJson.Get(root, "baseImages") as List<object?> ?? new List<object?>()).OfType<string>().ToList();
        return MiniJson.GetString(root, "dockerfile") is { } dockerfile
            && MiniJson.GetString(root, "context") is { } context
            && MiniJson.GetString(root, "image") is { } image
                ? new ImageBuildState(dockerfile, context, image, ports, secrets, MiniJson.Get(root, "dockerFormat") is true, labelArguments, baseImages)
                : null;
    }
}
