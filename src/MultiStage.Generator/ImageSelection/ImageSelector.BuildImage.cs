using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Frameworks;

namespace MultiStage.Generator.ImageSelection;

/// <summary>The build stage's image: the SDK the project (or global.json) asks for, in the chosen family.</summary>
internal static partial class ImageSelector
{
    private static readonly Regex SdkVersion = new(@"^(?<release>\d+\.\d+\.\d+)(?<prerelease>-(preview|rc)\.\d+)?", RegexOptions.CultureInvariant);

    // global.json rollForward values that keep the SDK inside the pinned feature band: only the exact tag is right.
    private static readonly string[] ExactRollForward = { "", "patch", "latestpatch", "disable" };

    // global.json rollForward values that accept an SDK of a later major version than the pinned one.
    private static readonly string[] MajorRollForward = { "major", "latestmajor" };

    private static (string Image, OsPackageManager AotToolchainInstall)? SelectBuildImage(
        ProjectFacts facts, TargetFrameworkMoniker tfm, Channel channel, Family? family, string registry, List<Diagnostic> diagnostics)
    {
        if (!string.IsNullOrWhiteSpace(facts.BuildImage))
        {
            // The user owns an explicit build image, toolchain included.
            var image = ImageReference.Validate("MultiStageBuildImage", facts.BuildImage!, diagnostics);
            return image is null ? null : (image, OsPackageManager.None);
        }

        // The SDK follows global.json when it pins one; it must be able to build the target framework.
        var sdkChannel = channel;
        var versionTag = channel.TagPrefix;
        if (facts.GlobalJsonSdk is { } pin && SdkVersion.Match(pin.Version) is { Success: true } match)
        {
            var pinnedMajor = int.Parse(match.Groups["release"].Value.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
            var rollForward = pin.RollForward.Trim().ToLowerInvariant();
            if (pinnedMajor < tfm.Major)
            {
                // "major" and "latestMajor" let the host take a newer SDK, such as the framework's own image's.
                if (!MajorRollForward.Contains(rollForward))
                {
                    diagnostics.Add(DiagnosticDescriptors.SdkPinTooOld.Create(pin.Version, facts.TargetFramework, tfm.Channel));
                    return null;
                }
            }
            else
            {
                sdkChannel = ImageTable.FindChannel(pinnedMajor) ?? channel;
                versionTag = ExactRollForward.Contains(rollForward)
                    ? match.Groups["release"].Value + match.Groups["prerelease"].Value
                    : sdkChannel.TagPrefix;
            }
        }

        var buildFamilyName = family?.SdkFamily ?? sdkChannel.BuildFamily;
        var toolchain = OsPackageManager.None;
        if (facts.PublishAot)
        {
            var buildFamily = family ?? ImageTable.FindFamily(buildFamilyName);
            if (sdkChannel.Major >= 10)
            {
                // 10.0+ ships "-aot" SDK images with clang, the linker and zlib for Native AOT.
                if (buildFamily?.AotSdkFamily is null)
                {
                    diagnostics.Add(DiagnosticDescriptors.ImageTagDoesNotExist.Create(
                        Describe(facts), Reference(registry, Repositories.Sdk, Tag(versionTag, buildFamilyName + "-aot")),
                        "Native AOT needs an SDK image with clang; set MultiStageBuildImage to one."));
                    return null;
                }

                buildFamilyName = buildFamily.AotSdkFamily;
            }
            else
            {
                // 8.0 and 9.0 have no "-aot" SDK images: the build stage installs clang and zlib itself (apt or apk).
                toolchain = buildFamily?.PackageManager ?? OsPackageManager.Apt;
                if (toolchain is not (OsPackageManager.Apt or OsPackageManager.Apk))
                {
                    diagnostics.Add(DiagnosticDescriptors.ImageTagDoesNotExist.Create(
                        Describe(facts), Reference(registry, Repositories.Sdk, Tag(versionTag, buildFamilyName + "-aot")),
                        "Native AOT on this family needs an SDK image with clang; set MultiStageBuildImage to one."));
                    return null;
                }
            }
        }

        if (!sdkChannel.Exists(buildFamilyName, Repositories.Sdk))
        {
            diagnostics.Add(DiagnosticDescriptors.ImageTagDoesNotExist.Create(
                Describe(facts), Reference(registry, Repositories.Sdk, Tag(versionTag, buildFamilyName)),
                "Choose another ContainerFamily or set MultiStageBuildImage."));
            return null;
        }

        return (Reference(registry, Repositories.Sdk, Tag(versionTag, buildFamilyName)), toolchain);
    }
}
