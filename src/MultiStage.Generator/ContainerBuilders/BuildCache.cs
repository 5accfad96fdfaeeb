using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;

namespace MultiStage.Generator.ContainerBuilders;

/// <summary>What kind of layer cache a <see cref="CacheLocation"/> names.</summary>
internal enum CacheKind
{
    /// <summary>Cache metadata inside the image itself, pushed with it: "inline" or "type=inline".</summary>
    Inline,

    /// <summary>An image repository in a registry: a plain reference, or "type=registry,ref=...".</summary>
    Registry,

    /// <summary>Another BuildKit cache backend ("type=gha", "type=local,src=...", "type=s3,..."), which only buildx reads and writes.</summary>
    OtherBackend,
}

/// <summary>One value of MultiStageContainerCacheFrom or MultiStageContainerCacheTo, as written and as understood.</summary>
internal sealed record CacheLocation(string Value, CacheKind Kind, string? Reference, bool IsSpecification)
{
    /// <summary>The backend's name, for messages: inline, registry, gha, local...</summary>
    public string Type { get; init; } = Kind == CacheKind.Inline ? "inline" : "registry";
}

/// <summary>Where a build reads its layer cache from (any number of places) and writes it to (one place, or none).</summary>
internal sealed record BuildCacheSettings(IReadOnlyList<CacheLocation> From, CacheLocation? To)
{
    public static readonly BuildCacheSettings None = new(Array.Empty<CacheLocation>(), null);
}

/// <summary>
/// The layer cache of a CI runner that starts empty: MultiStageContainerCacheFrom and MultiStageContainerCacheTo turned
/// into each builder's arguments. Docker's built-in BuildKit (docker 18.09 to 22.x without buildx) writes only the
/// inline cache, inside the pushed image, and reads it back with --cache-from IMAGE; buildx writes a registry cache
/// of every stage (mode=max) or any other backend; buildah and podman push their layers as tags of a repository.
/// Pure: the task checks <see cref="Unsupported"/> before it builds, so no builder is asked for what it cannot do.
/// </summary>
internal static class BuildCache
{
    public const string FromProperty = "MultiStageContainerCacheFrom";
    public const string ToProperty = "MultiStageContainerCacheTo";

    // An image reference without a digest: [host[:port]/]path[:tag], the path lowercase, as registries accept it.
    private static readonly Regex ImageReference = new(
        @"\A(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?<tag>:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?\z",
        RegexOptions.CultureInvariant);

    /// <summary>The two properties' values, or the first value that names no cache.</summary>
    public static BuildCacheSettings Parse(IReadOnlyList<string> from, IReadOnlyList<string> to, out Diagnostic? problem)
    {
        problem = null;
        var sources = new List<CacheLocation>();
        foreach (var value in from)
        {
            var location = Location(FromProperty, value, ref problem);
            if (problem is not null)
            {
                return BuildCacheSettings.None;
            }

            if (location!.Kind == CacheKind.Inline)
            {
                problem = DiagnosticDescriptors.InvalidCacheLocation.Create(FromProperty, value, "the inline cache is read from the image it came with: name that image (registry/app:tag)");
                return BuildCacheSettings.None;
            }

            sources.Add(location);
        }

        if (to.Count > 1)
        {
            problem = DiagnosticDescriptors.InvalidCacheLocation.Create(ToProperty, string.Join(";", to), "give one place to write the cache to");
            return BuildCacheSettings.None;
        }

        var destination = to.Count == 1 ? Location(ToProperty, to[0], ref problem) : null;
        return problem is null ? new BuildCacheSettings(sources, destination) : BuildCacheSettings.None;
    }

    /// <summary>Why this builder cannot read or write the cache asked for, or null when it can.</summary>
    public static Diagnostic? Unsupported(ContainerBuilder builder, DockerBuildKit buildKit, BuildCacheSettings cache)
    {
        var buildx = builder == ContainerBuilder.Docker && buildKit == DockerBuildKit.Buildx;
        if (buildx)
        {
            return null;
        }

        var builtIn = builder == ContainerBuilder.Docker;
        var name = builtIn ? "docker's built-in BuildKit (no buildx)" : ContainerBuilderCommands.Executable(builder);
        if (cache.To is { } to)
        {
            var reason = to.Kind switch
            {
                CacheKind.Inline when !builtIn => "buildah and podman have no inline cache; name a repository for their layers (registry/app-cache), or build with docker",
                CacheKind.Registry when builtIn => "it writes only the inline cache, inside the image it pushes: set inline (and push the image), or install the buildx plugin for a registry cache",
                CacheKind.Registry when TagOf(to.Reference!) is not null => "buildah and podman keep the cache as tags of a repository: name the repository without a tag",
                CacheKind.OtherBackend => $"a '{to.Type}' cache is written by docker buildx only{(builtIn ? "; install the buildx plugin, or set inline" : "; name a repository instead")}",
                _ => null,
            };
            if (reason is not null)
            {
                return DiagnosticDescriptors.CacheExportUnsupported.Create(to.Value, name, reason);
            }
        }

        foreach (var from in cache.From)
        {
            var reason = from.Kind switch
            {
                CacheKind.OtherBackend => $"a '{from.Type}' cache is read by docker buildx only; name an image or repository in a registry instead",
                CacheKind.Registry when !builtIn && TagOf(from.Reference!) is not null => "buildah and podman read the cache from the tags of a repository: name the repository without a tag",
                _ => null,
            };
            if (reason is not null)
            {
                return DiagnosticDescriptors.CacheImportUnsupported.Create(from.Value, name, reason);
            }
        }

        return null;
    }

    /// <summary>The build command's cache arguments; call only when <see cref="Unsupported"/> found nothing.</summary>
    public static IReadOnlyList<string> Arguments(ContainerBuilder builder, DockerBuildKit buildKit, BuildCacheSettings cache)
    {
        var arguments = new List<string>();
        var buildx = builder == ContainerBuilder.Docker && buildKit == DockerBuildKit.Buildx;
        foreach (var from in cache.From)
        {
            arguments.Add("--cache-from");
            arguments.Add(buildx ? (from.IsSpecification ? from.Value : "type=registry,ref=" + from.Reference) : from.Reference!);
        }

        if (cache.To is { } to)
        {
            if (buildx)
            {
                // mode=max: every stage's layers, so the build stage's restore is cached too, not only the final image's.
                arguments.AddRange(new[] { "--cache-to", to.IsSpecification ? to.Value : to.Kind == CacheKind.Inline ? "type=inline" : $"type=registry,ref={to.Reference},mode=max" });
            }
            else if (builder == ContainerBuilder.Docker)
            {
                arguments.AddRange(new[] { "--build-arg", "BUILDKIT_INLINE_CACHE=1" });
            }
            else
            {
                arguments.AddRange(new[] { "--cache-to", to.Reference! });
            }
        }

        return arguments;
    }

    private static CacheLocation? Location(string property, string value, ref Diagnostic? problem)
    {
        var text = value.Trim();
        if (string.Equals(text, "inline", StringComparison.OrdinalIgnoreCase))
        {
            return new CacheLocation(text, CacheKind.Inline, null, false);
        }

        if (!text.Contains('='))
        {
            if (ImageReference.IsMatch(text))
            {
                return new CacheLocation(text, CacheKind.Registry, text, false);
            }

            problem = DiagnosticDescriptors.InvalidCacheLocation.Create(property, value, "use an image reference in lowercase (registry.example.com/team/app-cache), inline, or a buildx cache specification (type=registry,ref=...)");
            return null;
        }

        // A buildx specification: comma-separated key=value pairs with a type.
        var pairs = text.Split(',').Select(p => p.Split(new[] { '=' }, 2)).ToList();
        if (pairs.Any(p => p.Length != 2 || p[0].Trim().Length == 0 || p[0].Any(char.IsWhiteSpace)))
        {
            problem = DiagnosticDescriptors.InvalidCacheLocation.Create(property, value, "a cache specification is comma-separated key=value pairs, such as type=registry,ref=registry.example.com/app-cache");
            return null;
        }

        var fields = pairs.GroupBy(p => p[0].Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.Ordinal);
        if (!fields.TryGetValue("type", out var type) || type.Length == 0)
        {
            problem = DiagnosticDescriptors.InvalidCacheLocation.Create(property, value, "a cache specification needs a type (type=registry, type=inline, type=gha, type=local...)");
            return null;
        }

        type = type.ToLowerInvariant();
        if (type == "registry" && !(fields.TryGetValue("ref", out var reference) && ImageReference.IsMatch(reference)))
        {
            problem = DiagnosticDescriptors.InvalidCacheLocation.Create(property, value, "a registry cache needs ref= an image reference in lowercase (ref=registry.example.com/team/app-cache)");
            return null;
        }

        fields.TryGetValue("ref", out reference);
        var kind = type switch { "inline" => CacheKind.Inline, "registry" => CacheKind.Registry, _ => CacheKind.OtherBackend };
        return new CacheLocation(text, kind, kind == CacheKind.Registry ? reference : null, true) { Type = type };
    }

    /// <summary>The tag of a reference, or null: the last ':' counts only when no '/' follows it (host:port/path).</summary>
    private static string? TagOf(string reference)
    {
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? reference.Substring(colon + 1) : null;
    }
}
