using System;
using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Facts;

namespace MultiStage.Generator.Plan;

/// <summary>
/// A label written at the end of the final stage: a value known when the Dockerfile is generated, or the value of a
/// build argument declared just above it (<see cref="Argument"/>), which the image target passes.
/// </summary>
internal sealed record BuildLabel(string Name, string Value, string? Argument = null);

/// <summary>
/// The OCI labels a registry UI and a scanner look for that package metadata does not give: the base image and
/// its digest, and the version, revision and creation time. Those three change from commit to commit, so they come
/// from build arguments declared last, after every layer: a new commit reuses every layer and the Dockerfile stays
/// the same. A plain <c>docker build</c> without the arguments gives those labels empty values.
/// </summary>
internal static class BuildLabels
{
    public const string BaseName = "org.opencontainers.image.base.name";
    public const string BaseDigest = "org.opencontainers.image.base.digest";
    public const string Version = "org.opencontainers.image.version";
    public const string Revision = "org.opencontainers.image.revision";
    public const string Created = "org.opencontainers.image.created";

    public const string VersionArgument = "IMAGE_VERSION";
    public const string RevisionArgument = "IMAGE_REVISION";
    public const string CreatedArgument = "IMAGE_CREATED";

    /// <summary>The labels and their build arguments, in the order the Dockerfile writes them.</summary>
    public static IReadOnlyList<(string Label, string? Argument)> Known { get; } = new (string, string?)[]
    {
        (BaseName, null),
        (BaseDigest, null),
        (Version, VersionArgument),
        (Revision, RevisionArgument),
        (Created, CreatedArgument),
    };

    /// <summary>
    /// The labels the targets asked for (each one's ContainerGenerateLabelsImage* switch), those the project sets
    /// itself with ContainerLabel left out; base.digest only when the final image is pinned by a digest.
    /// </summary>
    public static IReadOnlyList<BuildLabel> Plan(IReadOnlyCollection<string> requested, string finalImage)
    {
        var at = finalImage.IndexOf('@');
        var name = at < 0 ? finalImage : finalImage.Substring(0, at);
        var digest = at < 0 ? null : finalImage.Substring(at + 1);
        var labels = new List<BuildLabel>();
        foreach (var (label, argument) in Known.Where(k => requested.Contains(k.Label)))
        {
            if (argument is not null)
            {
                labels.Add(new BuildLabel(label, "$" + argument, argument));
            }
            else if (label == BaseName)
            {
                labels.Add(new BuildLabel(label, name));
            }
            else if (digest is not null)
            {
                labels.Add(new BuildLabel(label, digest));
            }
        }

        return labels;
    }

    /// <summary>The build arguments the labels read, which the image target passes.</summary>
    public static IReadOnlyList<string> Arguments(IEnumerable<BuildLabel> labels) =>
        labels.Select(l => l.Argument).OfType<string>().ToList();

    /// <summary>The requested keys the generator knows, minus those a ContainerLabel item sets (the project's value wins).</summary>
    public static IReadOnlyList<string> Requested(IEnumerable<string> keys, IEnumerable<NameValue> ownLabels)
    {
        var own = new HashSet<string>(ownLabels.Select(l => l.Name), StringComparer.Ordinal);
        return keys.Select(k => k.Trim()).Where(k => Known.Any(known => known.Label == k) && !own.Contains(k)).Distinct(StringComparer.Ordinal).ToList();
    }
}
