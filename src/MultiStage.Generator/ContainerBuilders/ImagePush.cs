using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.ContainerBuilders;

/// <summary>Why a push failed, as the engine's error output tells it.</summary>
internal enum PushFailure
{
    /// <summary>The registry answered but refused: no credentials, or wrong ones (401/403).</summary>
    Refused,

    /// <summary>No answer: connection refused, no such host, a timeout, a proxy that cannot connect.</summary>
    Unreachable,

    /// <summary>The TLS handshake failed: a certificate nobody here trusts, expired, or for another name.</summary>
    Tls,

    /// <summary>Anything else: the engine's last error line says what.</summary>
    Other,
}

/// <summary>A failed push, classified, with the engine's line that says so.</summary>
internal sealed record PushProblem(PushFailure Failure, string Detail);

/// <summary>
/// ContainerRegistry: the commands that push the built image to a registry, one per tag, and the reading of what
/// they answer (the digest, or why they failed). Pure: the task runs the commands. Credentials are never part of a
/// command: each engine reads its own store (docker login's config.json, podman and buildah's auth.json,
/// REGISTRY_AUTH_FILE).
/// </summary>
internal static class ImagePush
{
    // host[:port], or an IPv6 literal in brackets: what an image reference allows before its first '/'.
    private static readonly Regex RegistryHost = new(
        @"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$",
        RegexOptions.CultureInvariant);

    private static readonly Regex Sha256 = new("sha256:[0-9a-f]{64}", RegexOptions.CultureInvariant);

    // docker push ends with "<tag>: digest: sha256:... size: 1234".
    private static readonly Regex DockerPushDigest = new(@"^\S+: digest: (sha256:[0-9a-f]{64}) size: \d+", RegexOptions.CultureInvariant);

    /// <summary>The error texts of Go's TLS stack and of the engines around it.</summary>
    private static readonly string[] TlsSigns =
    {
        "x509:", "tls:", "certificate signed by unknown authority", "certificate has expired", "certificate is not valid",
        "server gave http response to https client", "handshake failure",
    };

    private static readonly string[] UnreachableSigns =
    {
        "connection refused", "no such host", "i/o timeout", "network is unreachable", "no route to host",
        "proxyconnect", "connection reset by peer", "context deadline exceeded", "tls handshake timeout", "server misbehaving",
    };

    private static readonly string[] RefusedSigns =
    {
        "unauthorized", "authentication required", "no basic auth credentials", "denied:", "requested access to the resource is denied", "401 unauthorized", "403 forbidden",
        "incorrect username or password", "invalid username/password",
    };

    /// <summary>A registry value (trimmed, a trailing '/' dropped), or null when it is not host[:port].</summary>
    public static string? ParseRegistry(string value)
    {
        var registry = value.Trim().TrimEnd('/');
        return RegistryHost.IsMatch(registry) && PortInRange(registry) ? registry : null;
    }

    /// <summary>The repository as the engines name it: registry/repository when pushing, else the repository alone.</summary>
    public static string Repository(string? registry, string repository) =>
        registry is null ? repository : registry + "/" + repository;

    /// <summary>The tags ContainerImageTag(s) give, in order, once each: "latest" when there are none.</summary>
    public static IReadOnlyList<string> Tags(IReadOnlyList<string> tags) =>
        (tags.Count == 0 ? new[] { "latest" } : tags).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>buildx pushes while it builds (--push); the others build into local storage, then push each name.</summary>
    public static bool PushesWhileBuilding(ContainerBuilder builder, DockerBuildKit buildKit) =>
        builder == ContainerBuilder.Docker && buildKit == DockerBuildKit.Buildx;

    /// <summary>
    /// The push of one name. Docker prints the digest; podman and buildah write it to <paramref name="digestFile"/>.
    /// A multi-platform build is a manifest list (named <paramref name="manifestList"/>), pushed with all its images.
    /// </summary>
    public static IReadOnlyList<string> Push(ContainerBuilder builder, string taggedName, string? manifestList, string digestFile) =>
        builder == ContainerBuilder.Docker
            ? new[] { "push", taggedName }
            : manifestList is not null
                ? new[] { "manifest", "push", "--all", "--digestfile", digestFile, manifestList, "docker://" + taggedName }
                : new[] { "push", "--digestfile", digestFile, taggedName, "docker://" + taggedName };

    /// <summary>
    /// Removes a manifest list left by an earlier multi-platform build of the same name: buildah and podman add to
    /// an existing list, so a second build would push an index holding the first build's images too.
    /// </summary>
    public static IReadOnlyList<string> RemoveManifestList(string manifestList) => new[] { "manifest", "rm", manifestList };

    /// <summary>The digest <c>docker push</c> printed, or null.</summary>
    public static string? DigestFromDockerPush(IEnumerable<string> outputLines) =>
        outputLines.Select(l => DockerPushDigest.Match(l.Trim())).LastOrDefault(m => m.Success)?.Groups[1].Value;

    /// <summary>A digest file (--digestfile, --iidfile): "sha256:hex", or a bare hex id as buildah writes it; else null.</summary>
    public static string? DigestFromFile(string? text)
    {
        var value = (text ?? string.Empty).Trim();
        value = value.StartsWith("sha256:", StringComparison.Ordinal) ? value : "sha256:" + value;
        return Sha256.Match(value) is { Success: true } match && match.Value.Length == value.Length ? value : null;
    }

    /// <summary>From buildx's --metadata-file: the pushed manifest's (or index's) digest, or the image id of a load.</summary>
    public static (string? Digest, string? ImageId) FromBuildxMetadata(string? json)
    {
        try
        {
            var root = MiniJson.Parse(json ?? string.Empty);
            return (DigestFromFile(MiniJson.GetString(root, "containerimage.digest")), DigestFromFile(MiniJson.GetString(root, "containerimage.config.digest")));
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    /// <summary>
    /// Why a push failed, from the engine's error output: the last line that shows a TLS failure, else one that shows
    /// the registry out of reach, else a refusal; else the last error line.
    /// </summary>
    public static PushProblem Classify(IReadOnlyList<string> errorLines)
    {
        var lines = errorLines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        foreach (var (failure, signs) in new[] { (PushFailure.Tls, TlsSigns), (PushFailure.Unreachable, UnreachableSigns), (PushFailure.Refused, RefusedSigns) })
        {
            var line = lines.LastOrDefault(l => signs.Any(s => l.IndexOf(s, StringComparison.OrdinalIgnoreCase) >= 0));
            if (line is not null)
            {
                return new PushProblem(failure, Shorten(line));
            }
        }

        return new PushProblem(PushFailure.Other, lines.Count > 0 ? Shorten(lines[lines.Count - 1]) : "no error message");
    }

    /// <summary>The engines repeat the whole chain of causes on one line; the end is what went wrong.</summary>
    private static string Shorten(string line)
    {
        const int Longest = 300;
        var text = line.StartsWith("time=", StringComparison.Ordinal) && line.IndexOf("Error: ", StringComparison.Ordinal) is var at and >= 0 ? line.Substring(at + 7).TrimEnd('"') : line;
        return text.Length > Longest ? "..." + text.Substring(text.Length - Longest) : text;
    }

    private static bool PortInRange(string registry)
    {
        var colon = registry.LastIndexOf(':');
        return colon < 0 || registry.EndsWith("]", StringComparison.Ordinal)
            || (int.TryParse(registry.Substring(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535);
    }
}
