using System;

namespace MultiStage.Generator.ImageSelection;

/// <summary>The debug stage's image: the app's framework-dependent runtime image in its family's variant with a shell.</summary>
internal static partial class ImageSelector
{
    /// <summary>
    /// The image of the debug stage for a base stage's image (aspnet or runtime, never runtime-deps: the diagnostic
    /// tools need the dotnet host, and a self-contained app runs on it too). A shell-less family's tag becomes its
    /// family with a shell ("10.0-noble-chiseled-extra" is "10.0-noble", which has ICU and tzdata); an image that
    /// has a shell already is used as it is.
    /// </summary>
    public static string DebugImage(string baseImage)
    {
        var unpinned = baseImage.Split('@')[0];
        var family = ImageTable.FamilyOfImage(unpinned);
        if (family?.ShellFamily is not { } shellFamily)
        {
            return unpinned;
        }

        var tag = ImageTable.TagOf(unpinned);
        var name = unpinned.Substring(0, unpinned.Length - tag.Length);
        var start = tag.StartsWith(family.Name, StringComparison.OrdinalIgnoreCase) ? 0 : tag.IndexOf("-" + family.Name, StringComparison.OrdinalIgnoreCase) + 1;
        var rest = tag.Substring(start + family.Name.Length);
        if (rest.StartsWith(ImageTable.ExtraSuffix, StringComparison.OrdinalIgnoreCase))
        {
            rest = rest.Substring(ImageTable.ExtraSuffix.Length);
        }

        return name + tag.Substring(0, start) + shellFamily + rest;
    }
}
