using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.ContainerBuilders;

/// <summary>The values of the build labels' arguments: the project's version, the commit, and the creation time.</summary>
internal sealed record ImageMetadata(string Version, string Revision, string Created);

/// <summary>
/// MultiStageReproducible: one timestamp for everything the builder stamps (the image's creation time, its history,
/// with buildah and podman every file of every layer), taken from SOURCE_DATE_EPOCH, else the commit's time, so the
/// same commit gives the same image digest. Pure: the caller reads the environment and git.
/// </summary>
internal static class ReproducibleBuild
{
    /// <summary>The reproducible-builds.org variable, and BuildKit's build argument of the same name.</summary>
    public const string SourceDateEpoch = "SOURCE_DATE_EPOCH";

    /// <summary>
    /// The timestamp, in seconds since 1970: SOURCE_DATE_EPOCH when set (a whole number, or the problem), else the
    /// commit time git gave (<c>git log -1 --format=%ct</c>), else the problem.
    /// </summary>
    public static (long? Epoch, string? Problem) Epoch(string? sourceDateEpoch, string? commitTime)
    {
        if (!string.IsNullOrWhiteSpace(sourceDateEpoch))
        {
            return Seconds(sourceDateEpoch!) is { } epoch
                ? (epoch, null)
                : (null, $"{SourceDateEpoch} '{sourceDateEpoch!.Trim()}' is not a whole number of seconds since 1970-01-01 UTC");
        }

        return Seconds(commitTime ?? string.Empty) is { } commit
            ? (commit, null)
            : (null, $"{SourceDateEpoch} is not set and the project is not in a git repository with a commit");
    }

    /// <summary>RFC 3339 in UTC to the second, as the OCI image spec's created fields: 2026-12-02T12:48:38Z.</summary>
    public static string Rfc3339(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The created label: the fixed timestamp of a reproducible build, else the time of this build.</summary>
    public static string Created(long? epoch, DateTimeOffset now) =>
        Rfc3339(epoch is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : now);

    /// <summary>
    /// The project's build arguments, then the label arguments the Dockerfile declares that the project does not
    /// pass itself (its own value wins).
    /// </summary>
    public static IReadOnlyList<NameValue> WithLabelArguments(IReadOnlyList<NameValue> own, IEnumerable<string> declared, ImageMetadata metadata)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [BuildLabels.VersionArgument] = metadata.Version,
            [BuildLabels.RevisionArgument] = metadata.Revision,
            [BuildLabels.CreatedArgument] = metadata.Created,
        };
        return own
            .Concat(declared.Where(values.ContainsKey).Where(name => own.All(a => a.Name != name)).Select(name => new NameValue(name, values[name])))
            .ToList();
    }

    /// <summary>
    /// What pins the builder's timestamps: buildah and podman take <c>--timestamp</c> (creation time, history and
    /// every file in the layers); BuildKit takes the SOURCE_DATE_EPOCH build argument from v0.11 on (creation time and
    /// history) and ignores it before. A SOURCE_DATE_EPOCH the project passes wins.
    /// </summary>
    public static IReadOnlyList<string> TimestampArguments(ContainerBuilder builder, long epoch, IReadOnlyList<NameValue> buildArguments)
    {
        var seconds = epoch.ToString(CultureInfo.InvariantCulture);
        return builder != ContainerBuilder.Docker ? new[] { "--timestamp", seconds }
            : buildArguments.Any(a => a.Name == SourceDateEpoch) ? Array.Empty<string>()
            : new[] { "--build-arg", $"{SourceDateEpoch}={seconds}" };
    }

    private static long? Seconds(string text) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
}
