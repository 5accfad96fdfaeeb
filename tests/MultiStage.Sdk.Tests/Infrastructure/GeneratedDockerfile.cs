using System.Text.RegularExpressions;

namespace MultiStage.Sdk.Tests.Infrastructure;

/// <summary>Reads what a generated Dockerfile says about its stages.</summary>
public static class GeneratedDockerfile
{
    private static readonly Regex From = new(@"^FROM (?:--platform=\S+ )?(?<image>\S+) AS (?<stage>\S+)$", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    /// <summary>The image the final stage runs on, through <c>FROM base</c> when it builds on the base stage.</summary>
    public static string FinalImage(string dockerfile)
    {
        var stages = From.Matches(dockerfile).ToDictionary(m => m.Groups["stage"].Value, m => m.Groups["image"].Value, StringComparer.Ordinal);
        var image = stages["final"];
        return stages.TryGetValue(image, out var earlier) ? earlier : image;
    }

    /// <summary>The first stage's image: what Visual Studio's Fast mode runs the app on.</summary>
    public static string BaseImage(string dockerfile) => From.Matches(dockerfile).Single(m => m.Groups["stage"].Value == "base").Groups["image"].Value;
}
