using System;
using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.ContainerBuilders;

/// <summary>The OCI image builders the local loop can drive, in the order they are looked for.</summary>
internal enum ContainerBuilder
{
    Docker,
    Podman,
    Buildah,
}

/// <summary>How the docker CLI builds with BuildKit, which generated Dockerfiles need (RUN --mount, FROM --platform=$BUILDPLATFORM).</summary>
internal enum DockerBuildKit
{
    /// <summary>The buildx plugin: <c>docker buildx build</c>.</summary>
    Buildx,

    /// <summary>The BuildKit client built into docker CLIs 18.09 to 22.x: <c>docker build</c> with DOCKER_BUILDKIT=1.</summary>
    BuiltIn,

    /// <summary>Neither: a CLI from 23.0 on without buildx (or one older than 18.09) builds only with the legacy builder.</summary>
    Unavailable,
}

/// <summary>A build secret: from a file, or from an environment variable of the same name.</summary>
internal sealed record BuildSecret(string Id, string? File, string? EnvironmentVariable);

/// <summary>
/// What to build: the generated Dockerfile, its context, the image names and the platforms. <see cref="Push"/>: buildx
/// pushes as it builds. <see cref="ResultFile"/>: where the builder writes the image id (buildx: its metadata).
/// </summary>
internal sealed record ImageBuildRequest(
    string DockerfilePath,
    string ContextRoot,
    IReadOnlyList<string> TaggedNames,
    IReadOnlyList<string> Platforms,
    IReadOnlyList<BuildSecret> Secrets,
    IReadOnlyList<NameValue> BuildArguments,
    IReadOnlyList<string> ExtraArguments,
    string? BuildPlatform = null,
    bool DockerFormat = false,
    BuildCacheSettings? Cache = null,
    long? SourceDateEpoch = null,
    bool Push = false,
    string? ResultFile = null)
{
    /// <summary>The stage to build (--target) instead of the last one.</summary>
    public string? Target { get; init; }

    /// <summary>A folder the target stage's files are written to (--output type=local), instead of an image in the engine.</summary>
    public string? LocalOutput { get; init; }
}

/// <summary>Command lines for each builder. Pure: the same request always gives the same arguments.</summary>
internal static class ContainerBuilderCommands
{
    public static string Executable(ContainerBuilder builder) => builder switch
    {
        ContainerBuilder.Docker => "docker",
        ContainerBuilder.Podman => "podman",
        _ => "buildah",
    };

    public static ContainerBuilder? Parse(string? name) => (name ?? string.Empty).Trim().ToLowerInvariant() switch
    {
        "docker" => ContainerBuilder.Docker,
        "podman" => ContainerBuilder.Podman,
        "buildah" => ContainerBuilder.Buildah,
        _ => null,
    };

    /// <summary>
    /// How a docker CLI builds with BuildKit: buildx when the plugin is there; else the BuildKit built into CLIs from
    /// 18.09 to 22.x (<paramref name="clientVersion"/>, as <c>docker version</c> reports it); from 23.0 on nothing but buildx.
    /// </summary>
    public static DockerBuildKit DockerBuildKitFor(bool hasBuildx, string? clientVersion)
    {
        if (hasBuildx)
        {
            return DockerBuildKit.Buildx;
        }

        var parts = (clientVersion ?? string.Empty).Trim().TrimStart('v').Split('.', '-', '+');
        return parts.Length >= 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var major)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minor)
            && (major, minor).CompareTo((18, 9)) >= 0 && major < 23
                ? DockerBuildKit.BuiltIn
                : DockerBuildKit.Unavailable;
    }

    /// <summary>
    /// The build command. Docker builds with BuildKit (buildx, or the CLI's own with DOCKER_BUILDKIT=1, which the
    /// caller sets) and loads a single-platform result into the engine; podman and buildah collect several
    /// platforms in a manifest list named like the image.
    /// </summary>
    public static IReadOnlyList<string> Build(ContainerBuilder builder, DockerBuildKit buildKit, ImageBuildRequest request)
    {
        var arguments = new List<string>();
        var multiPlatform = request.Platforms.Count > 1;
        switch (builder)
        {
            case ContainerBuilder.Docker when buildKit == DockerBuildKit.Buildx:
                arguments.AddRange(new[] { "buildx", "build" });
                if (request.Push)
                {
                    arguments.Add("--push");
                }
                else if (!multiPlatform && request.LocalOutput is null)
                {
                    arguments.Add("--load");
                }

                break;
            case ContainerBuilder.Docker:
                arguments.Add("build");
                break;
            case ContainerBuilder.Podman:
                arguments.AddRange(new[] { "build", "--layers" });
                break;
            case ContainerBuilder.Buildah:
                arguments.AddRange(new[] { "bud", "--layers" });
                break;
        }

        // buildah and podman write OCI images by default, and the OCI format has no HEALTHCHECK: they drop it.
        if (request.DockerFormat && builder != ContainerBuilder.Docker)
        {
            arguments.AddRange(new[] { "--format", "docker" });
        }

        arguments.AddRange(new[] { "-f", request.DockerfilePath });
        if (multiPlatform && builder != ContainerBuilder.Docker)
        {
            arguments.AddRange(new[] { "--manifest", request.TaggedNames[0] });
            arguments.AddRange(request.TaggedNames.Skip(1).SelectMany(r => new[] { "-t", r }));
        }
        else
        {
            arguments.AddRange(request.TaggedNames.SelectMany(r => new[] { "-t", r }));
        }

        if (request.Target is not null)
        {
            arguments.AddRange(new[] { "--target", request.Target });
        }

        if (request.LocalOutput is not null)
        {
            arguments.AddRange(new[] { "--output", "type=local,dest=" + request.LocalOutput });
        }

        if (request.ResultFile is not null)
        {
            arguments.AddRange(new[] { builder == ContainerBuilder.Docker && buildKit == DockerBuildKit.Buildx ? "--metadata-file" : "--iidfile", request.ResultFile });
        }

        if (request.Platforms.Count > 0)
        {
            arguments.AddRange(new[] { "--platform", string.Join(",", request.Platforms) });

            // BuildKit sets BUILDPLATFORM itself; older buildah and podman leave it empty in FROM lines, which would
            // run the SDK stage under emulation (or fail to find it). Say which platform builds.
            if (builder != ContainerBuilder.Docker && request.BuildPlatform is not null && request.BuildArguments.All(a => a.Name != "BUILDPLATFORM"))
            {
                arguments.AddRange(new[] { "--build-arg", "BUILDPLATFORM=" + request.BuildPlatform });
            }
        }

        if (request.SourceDateEpoch is { } epoch)
        {
            arguments.AddRange(ReproducibleBuild.TimestampArguments(builder, epoch, request.BuildArguments));
        }

        foreach (var secret in request.Secrets)
        {
            // type=file: buildah and podman read src= as a variable's name whenever a variable is named like the id.
            var source = secret.File is not null ? "src=" + secret.File + ",type=file" : "env=" + secret.EnvironmentVariable;
            arguments.AddRange(new[] { "--secret", $"id={secret.Id},{source}" });
        }

        foreach (var argument in request.BuildArguments)
        {
            arguments.AddRange(new[] { "--build-arg", $"{argument.Name}={argument.Value}" });
        }

        arguments.AddRange(BuildCache.Arguments(builder, buildKit, request.Cache ?? BuildCacheSettings.None));
        arguments.AddRange(request.ExtraArguments);
        arguments.Add(request.ContextRoot);
        return arguments;
    }

    /// <summary>
    /// The run command: a container of the given name (so it can be removed when the build is cancelled), removed
    /// on exit, every exposed port published on the same host port.
    /// </summary>
    public static IReadOnlyList<string> Run(string imageReference, string containerName, IEnumerable<PortSpec> ports, IReadOnlyList<string> extraArguments)
    {
        var arguments = new List<string> { "run", "--rm", "--name", containerName };
        foreach (var port in ports)
        {
            arguments.AddRange(new[] { "-p", port.HostMapping });
        }

        arguments.AddRange(extraArguments);
        arguments.Add(imageReference);
        return arguments;
    }

    /// <summary>OCI platforms for runtime identifiers: linux-x64 and linux-musl-x64 are linux/amd64, and so on.</summary>
    public static IReadOnlyList<string> Platforms(IEnumerable<string> runtimeIdentifiers) =>
        runtimeIdentifiers
            .Where(r => r.StartsWith("linux-", StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Substring(r.LastIndexOf('-') + 1).ToLowerInvariant() switch
            {
                "x64" => "linux/amd64",
                "arm64" => "linux/arm64",
                "arm" => "linux/arm/v7",
                "s390x" => "linux/s390x",
                "ppc64le" => "linux/ppc64le",
                "riscv64" => "linux/riscv64",
                var other => "linux/" + other,
            })
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The image's names, repository:tag for each of ContainerImageTag(s): "latest" when no tag is given.</summary>
    public static IReadOnlyList<string> TaggedNames(string repository, IReadOnlyList<string> tags) =>
        (tags.Count == 0 ? new[] { "latest" } : tags).Select(t => $"{repository}:{t}").Distinct(StringComparer.Ordinal).ToList();

    /// <summary>A command line as a user would type it, for logs and messages.</summary>
    public static string Display(string executable, IEnumerable<string> arguments) =>
        string.Join(" ", new[] { executable }.Concat(arguments.Select(a => a.Length > 0 && a.All(c => !char.IsWhiteSpace(c) && c != '"' && c != '\'') ? a : DockerfileQuoting.ShellArgument(a))));
}
