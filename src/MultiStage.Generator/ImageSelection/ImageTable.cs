using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiStage.Generator.ImageSelection;

/// <summary>The four official .NET image repositories under mcr.microsoft.com/dotnet/.</summary>
[Flags]
internal enum Repositories
{
    None = 0,
    Sdk = 1,
    Runtime = 2,
    AspNet = 4,
    RuntimeDeps = 8,

    /// <summary>Runtime images only (chiseled and distroless variants have no SDK).</summary>
    RuntimeImages = Runtime | AspNet | RuntimeDeps,

    /// <summary>The SDK and every runtime image.</summary>
    AllImages = Sdk | RuntimeImages,
}

internal enum Support
{
    Supported,
    Preview,
    EndOfLife,
}

/// <summary>One .NET major version's images: the tag prefix, the default OS families, and which tags exist.</summary>
internal sealed record Channel(
    int Major,
    string TagPrefix,
    Support Support,
    string BuildFamily,
    string FrameworkDependentFamily,
    string SelfContainedFamily,
    string AotFamily,
    IReadOnlyDictionary<string, Repositories> Tags)
{
    public bool Exists(string family, Repositories repository) =>
        Tags.TryGetValue(family, out var repositories) && (repositories & repository) == repository;
}

/// <summary>
/// Which official images exist, per .NET version. Source: dotnet/dotnet-docker README.*.md and
/// documentation/supported-tags.md, as summarised in the design notes (images.md), late 2026.
/// An empty family means the plain "M.0" tag.
/// </summary>
internal static class ImageTable
{
    public const string DefaultRegistry = "mcr.microsoft.com";

    /// <summary>The family suffix of the variants with ICU and time zone data ("noble-chiseled-extra").</summary>
    public const string ExtraSuffix = "-extra";

    public static IReadOnlyList<Channel> Channels { get; } = new[]
    {
        // 5.0-7.0: end of life; the plain tags (Debian) and Alpine still pull but get no fixes.
        new Channel(5, "5.0", Support.EndOfLife, "", "", "", "",
            Tags(("", Repositories.AllImages), ("alpine", Repositories.AllImages))),
        new Channel(6, "6.0", Support.EndOfLife, "", "", "", "",
            Tags(("", Repositories.AllImages), ("alpine", Repositories.AllImages), ("jammy", Repositories.AllImages))),
        new Channel(7, "7.0", Support.EndOfLife, "", "", "", "",
            Tags(("", Repositories.AllImages), ("alpine", Repositories.AllImages), ("jammy", Repositories.AllImages), ("bookworm-slim", Repositories.AllImages))),

        // 8.0 and 9.0: the plain tag is Debian 12 bookworm-slim. Native AOT apps need only runtime-deps and run on
        // chiseled, as the .NET SDK's own container support picks for AOT (a bookworm-built binary runs on noble's newer glibc).
        new Channel(8, "8.0", Support.Supported, "bookworm-slim", "bookworm-slim", "bookworm-slim", "noble-chiseled",
            Tags(
                ("bookworm-slim", Repositories.AllImages),
                ("noble", Repositories.AllImages), ("noble-chiseled", Repositories.RuntimeImages), ("noble-chiseled-extra", Repositories.RuntimeImages),
                ("jammy", Repositories.AllImages), ("jammy-chiseled", Repositories.RuntimeImages), ("jammy-chiseled-extra", Repositories.RuntimeImages),
                // 8.0 publishes runtime-deps Alpine "extra" only under a pinned Alpine version.
                ("alpine", Repositories.AllImages), ("alpine-extra", Repositories.Runtime | Repositories.AspNet), ("alpine3.24-extra", Repositories.RuntimeDeps),
                ("azurelinux3.0", Repositories.AllImages), ("azurelinux3.0-distroless", Repositories.RuntimeImages), ("azurelinux3.0-distroless-extra", Repositories.RuntimeImages))),
        new Channel(9, "9.0", Support.Supported, "bookworm-slim", "bookworm-slim", "bookworm-slim", "noble-chiseled",
            Tags(
                ("bookworm-slim", Repositories.AllImages),
                ("noble", Repositories.AllImages), ("noble-chiseled", Repositories.RuntimeImages), ("noble-chiseled-extra", Repositories.RuntimeImages),
                ("alpine", Repositories.AllImages), ("alpine-extra", Repositories.RuntimeImages),
                ("azurelinux3.0", Repositories.AllImages), ("azurelinux3.0-distroless", Repositories.RuntimeImages), ("azurelinux3.0-distroless-extra", Repositories.RuntimeImages))),

        // 10.0: Ubuntu 24.04 noble; no Debian images at all. SDK "-aot" images carry the Native AOT toolchain.
        new Channel(10, "10.0", Support.Supported, "noble", "noble-chiseled", "noble-chiseled", "noble-chiseled",
            Tags(
                ("noble", Repositories.AllImages), ("noble-chiseled", Repositories.RuntimeImages), ("noble-chiseled-extra", Repositories.RuntimeImages),
                ("noble-aot", Repositories.Sdk),
                ("resolute", Repositories.AllImages), ("resolute-chiseled", Repositories.RuntimeImages), ("resolute-chiseled-extra", Repositories.RuntimeImages),
                ("resolute-aot", Repositories.Sdk),
                ("alpine", Repositories.AllImages), ("alpine-extra", Repositories.RuntimeImages), ("alpine-aot", Repositories.Sdk),
                ("azurelinux3.0", Repositories.AllImages), ("azurelinux3.0-distroless", Repositories.RuntimeImages), ("azurelinux3.0-distroless-extra", Repositories.RuntimeImages))),

        // 11.0 previews: Ubuntu 26.04 resolute under "11.0-preview" tags; there is no noble for 11.0.
        new Channel(11, "11.0-preview", Support.Preview, "resolute", "resolute-chiseled", "resolute-chiseled", "resolute-chiseled",
            Tags(
                ("resolute", Repositories.AllImages), ("resolute-chiseled", Repositories.RuntimeImages), ("resolute-chiseled-extra", Repositories.RuntimeImages),
                ("resolute-aot", Repositories.Sdk))),
    };

    /// <summary>The OS families users can name in ContainerFamily, and what each implies for the other stage.</summary>
    public static IReadOnlyList<Family> Families { get; } = new[]
    {
        new Family("bookworm-slim", SdkFamily: "bookworm-slim", IsMusl: false, DropsIcu: false, AotSdkFamily: null, PackageManager: OsPackageManager.Apt),
        new Family("noble", SdkFamily: "noble", IsMusl: false, DropsIcu: false, AotSdkFamily: "noble-aot", PackageManager: OsPackageManager.Apt),
        new Family("noble-chiseled", SdkFamily: "noble", IsMusl: false, DropsIcu: true, AotSdkFamily: "noble-aot", PackageManager: OsPackageManager.Apt, ShellFamily: "noble"),
        new Family("jammy", SdkFamily: "jammy", IsMusl: false, DropsIcu: false, AotSdkFamily: null, PackageManager: OsPackageManager.Apt),
        new Family("jammy-chiseled", SdkFamily: "jammy", IsMusl: false, DropsIcu: true, AotSdkFamily: null, PackageManager: OsPackageManager.Apt, ShellFamily: "jammy"),
        new Family("resolute", SdkFamily: "resolute", IsMusl: false, DropsIcu: false, AotSdkFamily: "resolute-aot", PackageManager: OsPackageManager.Apt),
        new Family("resolute-chiseled", SdkFamily: "resolute", IsMusl: false, DropsIcu: true, AotSdkFamily: "resolute-aot", PackageManager: OsPackageManager.Apt, ShellFamily: "resolute"),
        new Family("alpine", SdkFamily: "alpine", IsMusl: true, DropsIcu: true, AotSdkFamily: "alpine-aot", PackageManager: OsPackageManager.Apk),
        new Family("azurelinux3.0", SdkFamily: "azurelinux3.0", IsMusl: false, DropsIcu: false, AotSdkFamily: null, PackageManager: OsPackageManager.Tdnf),
        // Distroless Azure Linux: files are made in its shell counterpart, but no installer whose result the SDK can take over whole (no OS packages).
        new Family("azurelinux3.0-distroless", SdkFamily: "azurelinux3.0", IsMusl: false, DropsIcu: true, AotSdkFamily: null, PackageManager: OsPackageManager.None, ShellFamily: "azurelinux3.0"),
    };

    public static Channel? FindChannel(int major) => Channels.FirstOrDefault(c => c.Major == major);

    /// <summary>
    /// The family an image's tag names ("10.0-noble-chiseled-extra" is noble-chiseled, "8.0-alpine3.24" alpine), the
    /// longest that fits; null when the tag names none (the plain tags are Debian or Ubuntu, with a shell).
    /// </summary>
    public static Family? FamilyOfImage(string image)
    {
        var tag = TagOf(image);
        return Families
            .OrderByDescending(f => f.Name.Length)
            .FirstOrDefault(f => tag.IndexOf("-" + f.Name, StringComparison.OrdinalIgnoreCase) >= 0 || tag.StartsWith(f.Name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Whether an image's tag names an "-extra" variant, which puts back the ICU and time zone data its family drops.</summary>
    public static bool IsExtra(string image) => TagOf(image).IndexOf(ExtraSuffix, StringComparison.OrdinalIgnoreCase) >= 0;

    /// <summary>Whether an image's tag names a Native AOT SDK family ("10.0-noble-aot"), which adds the native toolchain.</summary>
    public static bool IsAotSdk(string image)
    {
        var tag = TagOf(image);
        return Families.Any(f => f.AotSdkFamily is { } aot && tag.IndexOf(aot, StringComparison.OrdinalIgnoreCase) >= 0);
    }

    /// <summary>The tag of an image reference ("10.0-noble" of "mcr.microsoft.com/dotnet/sdk:10.0-noble@sha256:..."), or empty.</summary>
    public static string TagOf(string image)
    {
        var name = image.Split('@')[0];
        var slash = name.LastIndexOf('/');
        var colon = name.LastIndexOf(':');
        return colon > slash ? name.Substring(colon + 1) : string.Empty;
    }

    public static Family? FindFamily(string name) =>
        Families.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    private static IReadOnlyDictionary<string, Repositories> Tags(params (string Family, Repositories Repositories)[] tags) =>
        tags.ToDictionary(t => t.Family, t => t.Repositories, StringComparer.OrdinalIgnoreCase);
}

/// <summary>An image family's own OS package manager (how a stage installs native tools), or none it can run.</summary>
internal enum OsPackageManager
{
    /// <summary>No package manager the SDK can use for this family.</summary>
    None,

    /// <summary>Debian and Ubuntu.</summary>
    Apt,

    /// <summary>Alpine.</summary>
    Apk,

    /// <summary>Azure Linux.</summary>
    Tdnf,
}

/// <summary>
/// An OS family: its SDK counterpart, whether it is musl, whether its plain variant drops ICU and tzdata
/// (chiseled, distroless and Alpine do; their "-extra" variants add them back), its Native AOT SDK image, its package
/// manager, and for a shell-less family (no shell, no package manager in the image) the family of the same OS with
/// a shell, where packages can be installed and their files taken over.
/// </summary>
internal sealed record Family(
    string Name, string SdkFamily, bool IsMusl, bool DropsIcu, string? AotSdkFamily, OsPackageManager PackageManager, string? ShellFamily = null);
