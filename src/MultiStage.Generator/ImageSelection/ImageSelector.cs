using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Frameworks;

namespace MultiStage.Generator.ImageSelection;

/// <summary>
/// The images of a generated Dockerfile and what the build stage must add for them. <see cref="BaseImage"/> is the
/// framework-dependent runtime image of the first stage (what Visual Studio's Fast mode runs the app on with
/// <c>dotnet</c>); it is <see cref="FinalImage"/> itself unless the app carries its own runtime.
/// </summary>
internal sealed record ImageChoice(
    string BuildImage,
    string BaseImage,
    string FinalImage,
    bool IsMusl,
    bool IsSelfContained,
    OsPackageManager AotToolchainInstall,
    Support Support)
{
    /// <summary>How the app's stages install MultiStageOsPackage items: their family's package manager.</summary>
    public OsPackageManager PackageManager { get; init; } = OsPackageManager.Apt;

    /// <summary>How the build stage installs them.</summary>
    public OsPackageManager BuildPackageManager { get; init; } = OsPackageManager.Apt;

    /// <summary>
    /// For shell-less app images that need parts a shell makes (OS packages, a certificate bundle, folders owned by
    /// the app's user): the image of the same OS with a shell where they are made, to be copied into the app's stages.
    /// </summary>
    public string? PartsImage { get; init; }
}

/// <summary>The images picked for a project, or the diagnostics that say why there are none.</summary>
internal sealed record SelectedImages(ImageChoice? Choice, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Picks the images for a project: facts in, <see cref="SelectedImages"/> out (the build, base, final and parts images
/// with the package managers that go with them, or the diagnostics that say why there are none). The build stage's
/// image is in ImageSelector.BuildImage.cs, the parts image and package managers in ImageSelector.Packages.cs.
/// </summary>
internal static partial class ImageSelector
{
    public static SelectedImages Select(ProjectFacts facts)
    {
        var diagnostics = new List<Diagnostic>();
        var choice = Select(facts, diagnostics);
        return new SelectedImages(diagnostics.Any(d => d.IsError) ? null : choice, diagnostics);
    }

    private static ImageChoice? Select(ProjectFacts facts, List<Diagnostic> diagnostics)
    {
        var tfm = TargetFrameworkMoniker.Parse(facts.TargetFramework);
        if (!tfm.RunsInLinuxContainer)
        {
            diagnostics.Add(DiagnosticDescriptors.UnsupportedTargetFramework.Create(facts.TargetFramework));
            return null;
        }

        var channel = ImageTable.FindChannel(tfm.Major);
        if (channel is null)
        {
            diagnostics.Add(DiagnosticDescriptors.ImageTagDoesNotExist.Create(
                $"TargetFramework '{facts.TargetFramework}'", $"{ImageTable.DefaultRegistry}/dotnet/sdk:{tfm.Channel}",
                "Set MultiStageBuildImage and ContainerBaseImage to the images to use."));
            return null;
        }

        var registry = string.IsNullOrWhiteSpace(facts.ImageRegistry) ? ImageTable.DefaultRegistry : facts.ImageRegistry!.Trim().TrimEnd('/');
        if (!ImageReference.IsValid(registry))
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidImageReference.Create("MultiStageImageRegistry", registry));
            return null;
        }

        // Self-contained, single-file, trimmed and AOT apps carry their runtime: they run on runtime-deps.
        var selfContained = facts.SelfContained || facts.PublishAot || facts.PublishSingleFile || facts.PublishTrimmed;
        var finalRepository = selfContained ? Repositories.RuntimeDeps
            : facts.UsesAspNetCore ? Repositories.AspNet
            : Repositories.Runtime;

        var family = SelectFamily(facts, out var wantsExtra, diagnostics);
        if (diagnostics.Any(d => d.IsError))
        {
            return null;
        }

        var finalImage = string.IsNullOrWhiteSpace(facts.ContainerBaseImage)
            ? SelectRuntimeImage(facts, channel, family, wantsExtra, finalRepository, selfContained, registry, diagnostics)
            : ImageReference.Validate("ContainerBaseImage", facts.ContainerBaseImage!, diagnostics);

        // An app that carries its runtime still gets a first stage with the dotnet host, in the same family.
        var baseImage = !selfContained ? finalImage
            : SelectRuntimeImage(facts, channel, family, wantsExtra, facts.UsesAspNetCore ? Repositories.AspNet : Repositories.Runtime, selfContained, registry, diagnostics);

        var build = SelectBuildImage(facts, tfm, channel, family, registry, diagnostics);

        if (build is null || finalImage is null || baseImage is null || diagnostics.Any(d => d.IsError))
        {
            return null;
        }

        if (channel.Support == Support.EndOfLife)
        {
            diagnostics.Add(DiagnosticDescriptors.EndOfLifeTargetFramework.Create(facts.TargetFramework, $"{build.Value.Image}, {finalImage}"));
        }

        var buildImage = ImageReference.PinDigest(build.Value.Image, facts, diagnostics);
        var pinnedFinal = ImageReference.PinDigest(finalImage, facts, diagnostics);
        var pinnedBase = baseImage == finalImage ? pinnedFinal : ImageReference.PinDigest(baseImage, facts, diagnostics);
        var parts = SelectPartsImage(facts, channel, registry, finalImage, baseImage, family, diagnostics);
        var buildManager = PackageManagerOf("MultiStageBuildImage", build.Value.Image, family, facts.BuildOsPackages, diagnostics);
        return new ImageChoice(buildImage, pinnedBase, pinnedFinal, family?.IsMusl ?? false, selfContained, build.Value.AotToolchainInstall, channel.Support)
        {
            PackageManager = parts.Manager,
            BuildPackageManager = buildManager,
            PartsImage = parts.ShellImage is null ? null : ImageReference.PinDigest(parts.ShellImage, facts, diagnostics),
        };
    }


    /// <summary>A runtime image of the repository, in the family the user named, else this version's default for the app's shape.</summary>
    private static string? SelectRuntimeImage(
        ProjectFacts facts, Channel channel, Family? family, bool wantsExtra, Repositories repository, bool selfContained, string registry, List<Diagnostic> diagnostics)
    {
        var familyName = family?.Name
            ?? (facts.PublishAot ? channel.AotFamily
                : selfContained ? channel.SelfContainedFamily
                : channel.FrameworkDependentFamily);
        var finalFamily = family ?? ImageTable.FindFamily(familyName);

        // Chiseled, distroless and Alpine drop ICU and tzdata; "-extra" puts them back unless the app is invariant.
        var extra = wantsExtra || (finalFamily?.DropsIcu == true && !facts.InvariantGlobalization);
        var wanted = extra ? familyName + ImageTable.ExtraSuffix : familyName;
        var tagFamily = FindTagFamily(channel, wanted, repository);
        if (tagFamily is null)
        {
            diagnostics.Add(DiagnosticDescriptors.ImageTagDoesNotExist.Create(
                Describe(facts), Reference(registry, repository, Tag(channel.TagPrefix, wanted)),
                "Choose another ContainerFamily or set ContainerBaseImage."));
            return null;
        }

        return Reference(registry, repository, Tag(channel.TagPrefix, tagFamily));
    }

    /// <summary>ContainerFamily if set (musl RIDs imply Alpine), checked against the runtime identifiers.</summary>
    private static Family? SelectFamily(ProjectFacts facts, out bool wantsExtra, List<Diagnostic> diagnostics)
    {
        wantsExtra = false;
        var linuxRids = facts.RuntimeIdentifiers.Where(r => r.StartsWith("linux-", StringComparison.OrdinalIgnoreCase)).ToList();
        var muslRids = linuxRids.Where(IsMuslRid).ToList();
        var glibcRids = linuxRids.Except(muslRids).ToList();
        if (muslRids.Count > 0 && glibcRids.Count > 0)
        {
            diagnostics.Add(DiagnosticDescriptors.MixedMuslAndGlibc.Create(string.Join(";", linuxRids)));
            return null;
        }

        var requested = facts.ContainerFamily?.Trim();
        if (string.IsNullOrEmpty(requested))
        {
            return muslRids.Count > 0 ? ImageTable.FindFamily("alpine") : null;
        }

        var name = requested!;
        if (name.EndsWith(ImageTable.ExtraSuffix, StringComparison.OrdinalIgnoreCase))
        {
            wantsExtra = true;
            name = name.Substring(0, name.Length - ImageTable.ExtraSuffix.Length);
        }

        var family = ImageTable.FindFamily(name);
        if (family is null)
        {
            diagnostics.Add(DiagnosticDescriptors.ImageTagDoesNotExist.Create(
                $"ContainerFamily '{requested}'", $"{ImageTable.DefaultRegistry}/dotnet/*:<version>-{requested}",
                "Known families: " + string.Join(", ", ImageTable.Families.Select(f => f.Name)) + "; or set ContainerBaseImage."));
            return null;
        }

        if (family.IsMusl ? glibcRids.Count > 0 : muslRids.Count > 0)
        {
            diagnostics.Add(DiagnosticDescriptors.FamilyContradictsRuntimeIdentifier.Create(
                name, family.IsMusl ? "musl (Alpine)" : "glibc", string.Join(";", linuxRids), family.IsMusl ? "glibc" : "musl"));
            return null;
        }

        return family;
    }

    /// <summary>The tag family to use for a wanted one, or null when no such image exists.</summary>
    private static string? FindTagFamily(Channel channel, string wanted, Repositories repository)
    {
        if (channel.Exists(wanted, repository))
        {
            return wanted;
        }

        // 8.0 publishes runtime-deps "alpine-extra" only under a pinned Alpine release (alpine3.NN-extra).
        if (wanted.Equals("alpine-extra", StringComparison.OrdinalIgnoreCase))
        {
            return channel.Tags.Keys
                .Where(k => k.StartsWith("alpine3.", StringComparison.OrdinalIgnoreCase) && k.EndsWith("-extra", StringComparison.OrdinalIgnoreCase))
                .OrderBy(k => k, StringComparer.Ordinal)
                .FirstOrDefault(k => channel.Exists(k, repository));
        }

        return null;
    }

    public static bool IsMuslRid(string rid) => rid.StartsWith("linux-musl-", StringComparison.OrdinalIgnoreCase);

    private static string Tag(string versionTag, string family) => family.Length == 0 ? versionTag : versionTag + "-" + family;

    private static string Reference(string registry, Repositories repository, string tag) =>
        $"{registry}/dotnet/{RepositoryName(repository)}:{tag}";

    public static string RepositoryName(Repositories repository) => repository switch
    {
        Repositories.Sdk => "sdk",
        Repositories.Runtime => "runtime",
        Repositories.AspNet => "aspnet",
        Repositories.RuntimeDeps => "runtime-deps",
        _ => throw new ArgumentOutOfRangeException(nameof(repository)),
    };

    private static string Describe(ProjectFacts facts) =>
        $"TargetFramework '{facts.TargetFramework}'"
        + (string.IsNullOrWhiteSpace(facts.ContainerFamily) ? string.Empty : $" with ContainerFamily '{facts.ContainerFamily}'")
        + (facts.PublishAot ? " with PublishAot" : string.Empty);
}
