using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MultiStage.Generator.Output;

namespace MultiStage.Generator.ContainerBuilders;

/// <summary>
/// The base image lock, multistage.lock beside the project: one <c>FROM image:tag@sha256:...</c> line per image the
/// generated Dockerfile pulls, which the targets turn into MultiStageImageDigest items so every build pins them.
/// FROM lines because that is the form Renovate's dockerfile manager (and a person) already reads and updates.
/// </summary>
internal static class BaseImageLock
{
    public const string FileName = "multistage.lock";

    private static readonly Regex PinLine = new(@"^FROM\s+(?<image>[^\s@]+)@(?<digest>sha256:[0-9a-f]{64})\s*$", RegexOptions.CultureInvariant);

    /// <summary>The lock's text: the marker, how to refresh it, and the pins in the order of the images' names.</summary>
    public static string Render(IReadOnlyDictionary<string, string> digests)
    {
        var text = new StringBuilder()
            .Append(GeneratedFileMarker.Prefix).Append(": the digests of the base images, from dotnet build -t:MultiStageLockBaseImages; run it again to refresh them, or delete this line to own the file.\n")
            .Append("# Every build pins these images (a MultiStageImageDigest item in the project wins). One FROM line per image, as the Renovate dockerfile manager reads them.\n");
        foreach (var pin in digests.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append("FROM ").Append(pin.Key).Append('@').Append(pin.Value).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The pins of a lock's text, by image; lines that are no pin (comments, blank lines) are passed over.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        var pins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var match = PinLine.Match(line.TrimEnd('\r'));
            if (match.Success)
            {
                pins[match.Groups["image"].Value] = match.Groups["digest"].Value;
            }
        }

        return pins;
    }

    /// <summary>
    /// The pin a failed build could not pull: one whose digest a line of the builder's output names together with
    /// the registry's answer (BuildKit: "failed to resolve source metadata for IMAGE@DIGEST: not found"; buildah and
    /// podman: "manifest unknown"). A line that only shows the step (FROM IMAGE@DIGEST) is no such answer.
    /// </summary>
    public static (string Image, string Digest)? UnservedPin(IReadOnlyDictionary<string, string> pins, IEnumerable<string> builderOutput)
    {
        var failures = builderOutput
            .Where(l => l.IndexOf("not found", StringComparison.OrdinalIgnoreCase) >= 0 || l.IndexOf("manifest unknown", StringComparison.OrdinalIgnoreCase) >= 0)
            .ToList();
        foreach (var pin in pins.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (failures.Any(l => l.IndexOf(pin.Value, StringComparison.Ordinal) >= 0))
            {
                return (pin.Key, pin.Value);
            }
        }

        return null;
    }

    /// <summary>The digest a registry pins a manifest by: sha256 of its bytes exactly as served.</summary>
    public static string ManifestDigest(byte[] manifest)
    {
        using var sha = SHA256.Create();
        return "sha256:" + string.Concat(sha.ComputeHash(manifest).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// skopeo's arguments to fetch an image's manifest (the index of a multi-platform image) as the registry serves
    /// it. TLS verification stays on unless the project turns it off for a registry without a trusted certificate.
    /// </summary>
    public static IReadOnlyList<string> InspectArguments(string image, bool tlsVerify) =>
        new[] { "inspect", "--raw", "--retry-times", "2" }
            .Concat(tlsVerify ? Array.Empty<string>() : new[] { "--tls-verify=false" })
            .Concat(new[] { "docker://" + image })
            .ToList();

    /// <summary>
    /// Writes the lock all or nothing, when it is the SDK's or absent. The outcome says whether it was written,
    /// unchanged, or left alone because it is the user's own.
    /// </summary>
    public static FileResult Write(string projectDirectory, IReadOnlyDictionary<string, string> digests) =>
        GeneratedFileWriter.WriteAll(new[] { new PlannedFile(Path.Combine(projectDirectory, FileName), _ => Render(digests)) }).Single();
}
