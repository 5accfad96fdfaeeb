using System;
using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;

namespace MultiStage.Generator.Plan;

/// <summary>The stages beside the path to production: debug and dev.</summary>
internal static partial class ImagePlanner
{
    /// <summary>
    /// The debug stage, unless switched off or the app is older than the tools' runtime. Its image is pinned when a
    /// digest for it is known, but MultiStagePinDigests does not ask for one: it is not the production image.
    /// </summary>
    private static DebugStagePlan? Debug(ProjectFacts facts, ImageChoice images, int major)
    {
        if (!facts.DebugStage || major < DebugStagePlan.MinimumMajor)
        {
            return null;
        }

        var image = ImageSelector.DebugImage(ImageReference.Unpinned(images.BaseImage, facts.ImageDigests) ?? images.BaseImage);
        return new DebugStagePlan(ImageReference.PinDigest(image, facts with { PinDigests = false }, new List<Diagnostic>()));
    }

    /// <summary>The dev stage, unless switched off: the bin/ and obj/ of every project restore and build write.</summary>
    private static DevStagePlan? Dev(ProjectFacts facts)
    {
        if (!facts.DevStage)
        {
            return null;
        }

        var folders = new[] { facts.ProjectPath }.Concat(facts.ReferencedProjects)
            .Select(Folder)
            .Distinct(StringComparer.Ordinal)
            .SelectMany(f => new[] { f.Length == 0 ? "bin" : f + "/bin", f.Length == 0 ? "obj" : f + "/obj" })
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        return new DevStagePlan(folders);
    }
}
