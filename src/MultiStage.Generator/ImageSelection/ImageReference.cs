using System.Collections.Generic;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;

namespace MultiStage.Generator.ImageSelection;

/// <summary>Image references a user names (base, build, Node.js images, a registry) and their digest pins.</summary>
internal static class ImageReference
{
    // Anchored with \z, not '$': '$' also matches before a final line break, which would end a FROM line early.
    private static readonly Regex Reference = new(@"^[A-Za-z0-9][A-Za-z0-9._\-/:@+]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex Digest = new(@"^sha256:[0-9a-f]{64}\z", RegexOptions.CultureInvariant);

    public static bool IsValid(string reference) => Reference.IsMatch(reference);

    /// <summary>The image a property names, trimmed; null, with a coded error naming the property, when it cannot be one.</summary>
    public static string? Validate(string property, string value, List<Diagnostic> diagnostics)
    {
        var image = value.Trim();
        if (IsValid(image))
        {
            return image;
        }

        diagnostics.Add(DiagnosticDescriptors.InvalidImageReference.Create(property, value));
        return null;
    }

    /// <summary>
    /// The image pinned to its MultiStageImageDigest (the project's, or the base image lock's) when it has one; with
    /// MultiStagePinDigests a missing digest, and always a malformed one, is a coded error (the image comes back
    /// unpinned, and the error stops generation).
    /// </summary>
    public static string PinDigest(string image, ProjectFacts facts, List<Diagnostic> diagnostics)
    {
        if (image.Contains("@"))
        {
            return image;
        }

        if (!facts.ImageDigests.TryGetValue(image, out var digest))
        {
            if (facts.PinDigests)
            {
                diagnostics.Add(DiagnosticDescriptors.MissingDigest.Create(image));
            }

            return image;
        }

        if (!Digest.IsMatch(digest))
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidDigest.Create(image, digest));
            return image;
        }

        return image + "@" + digest;
    }

    /// <summary>
    /// The reference as the generator chose it, before a digest item pinned it: what the base image lock resolves.
    /// Null for an image the project named with its own digest, which no lock replaces.
    /// </summary>
    public static string? Unpinned(string image, IReadOnlyDictionary<string, string> digests)
    {
        var at = image.IndexOf('@');
        if (at < 0)
        {
            return image;
        }

        var name = image.Substring(0, at);
        return digests.TryGetValue(name, out var digest) && image.Substring(at + 1) == digest.Trim() ? name : null;
    }
}
