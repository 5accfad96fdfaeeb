using System.Collections.Generic;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.ContainerBuilders;

/// <summary>
/// GeneratedContainerConfiguration, the .NET SDK's output: the built image's configuration as JSON (architecture,
/// os, and config with Env, ExposedPorts, Entrypoint, User, WorkingDir, Labels), read back from the builder that
/// made it. buildah gives the configuration blob itself; docker and podman give their inspect view of it, with the
/// same keys; buildx without --load reads the pushed image from the registry.
/// </summary>
internal static class ImageConfiguration
{
    // docker and podman inspect through a Go template: the three parts of the blob a deployment reads, OCI's names.
    private const string InspectTemplate = "{\"architecture\":{{json .Architecture}},\"os\":{{json .Os}},\"config\":{{json .Config}}}";

    /// <summary>
    /// The command that prints the configuration of <paramref name="name"/>, or null when the build made no single
    /// image to read: several platforms (an index, one configuration each), or buildx's push without a digest.
    /// </summary>
    public static IReadOnlyList<string>? Inspect(ContainerBuilder builder, bool pushedWhileBuilding, string name, string? digest, int platformCount)
    {
        if (platformCount > 1)
        {
            return null;
        }

        if (pushedWhileBuilding)
        {
            // buildx --push leaves nothing in the engine; the registry holds the image under its digest.
            return digest is null ? null : new[] { "buildx", "imagetools", "inspect", "--format", "{{json .Image}}", RepositoryOf(name) + "@" + digest };
        }

        return builder == ContainerBuilder.Buildah
            ? new[] { "inspect", "--type", "image", "--format", "{{.Config}}", name }
            : new[] { "image", "inspect", "--format", InspectTemplate, name };
    }

    /// <summary>The builder's output when it is a configuration (a JSON object with a config), else null.</summary>
    public static string? Parse(string output)
    {
        var text = output.Trim();
        try
        {
            return MiniJson.Parse(text) is Dictionary<string, object?> root && root.ContainsKey("config") ? text : null;
        }
        catch (System.FormatException)
        {
            return null;
        }
    }

    // registry/repository:tag without the tag (a port's colon comes before the last slash).
    private static string RepositoryOf(string name)
    {
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? name.Substring(0, colon) : name;
    }
}
