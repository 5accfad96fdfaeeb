using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>
/// ImageSelector against the contract in images.md. Each row is one project shape and the two images it gets
/// (or the diagnostic that stops it); the comment above a group names the images.md section it encodes.
/// </summary>
public class ImageSelectionTests
{
    private const string Mcr = "mcr.microsoft.com/dotnet/";
    private const string DigestA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string DigestB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    /// <summary>A project shape and the images it must get.</summary>
    internal sealed record Selected(string Because, ProjectFacts Facts, string Build, string Final)
    {
        public override string ToString() => Because;
    }

    /// <summary>A project shape and the diagnostic that must stop image selection.</summary>
    internal sealed record Rejected(string Because, ProjectFacts Facts, string Code)
    {
        public override string ToString() => Because;
    }

    private static readonly Selected[] SelectionRows =
    {
        // "This project's defaults": net8.0/net9.0 build and run on M.0-bookworm-slim; Native AOT runs on
        // runtime-deps chiseled(-extra), as the .NET SDK's container support picks for AOT ("What the .NET SDK's own container support picks").
        new("net8.0 console", Projects.Console("net8.0"), Mcr + "sdk:8.0-bookworm-slim", Mcr + "runtime:8.0-bookworm-slim"),
        new("net8.0 web", Projects.Web("net8.0"), Mcr + "sdk:8.0-bookworm-slim", Mcr + "aspnet:8.0-bookworm-slim"),
        new("net8.0 self-contained", Projects.Console("net8.0") with { SelfContained = true }, Mcr + "sdk:8.0-bookworm-slim", Mcr + "runtime-deps:8.0-bookworm-slim"),
        new("net8.0 Native AOT", Projects.Console("net8.0") with { PublishAot = true }, Mcr + "sdk:8.0-bookworm-slim", Mcr + "runtime-deps:8.0-noble-chiseled-extra"),
        new("net9.0 console", Projects.Console("net9.0"), Mcr + "sdk:9.0-bookworm-slim", Mcr + "runtime:9.0-bookworm-slim"),
        new("net9.0 web", Projects.Web("net9.0"), Mcr + "sdk:9.0-bookworm-slim", Mcr + "aspnet:9.0-bookworm-slim"),
        new("net9.0 single-file", Projects.Console("net9.0") with { PublishSingleFile = true }, Mcr + "sdk:9.0-bookworm-slim", Mcr + "runtime-deps:9.0-bookworm-slim"),
        new("net9.0 Native AOT", Projects.Web("net9.0") with { PublishAot = true }, Mcr + "sdk:9.0-bookworm-slim", Mcr + "runtime-deps:9.0-noble-chiseled-extra"),

        // "This project's defaults", net10.0: sdk:10.0-noble; final noble-chiseled-extra, or noble-chiseled when invariant.
        new("net10.0 console", Projects.Console("net10.0"), Mcr + "sdk:10.0-noble", Mcr + "runtime:10.0-noble-chiseled-extra"),
        new("net10.0 console, invariant", Projects.Console("net10.0") with { InvariantGlobalization = true }, Mcr + "sdk:10.0-noble", Mcr + "runtime:10.0-noble-chiseled"),
        new("net10.0 web", Projects.Web("net10.0"), Mcr + "sdk:10.0-noble", Mcr + "aspnet:10.0-noble-chiseled-extra"),
        new("net10.0 web, invariant", Projects.Web("net10.0") with { InvariantGlobalization = true }, Mcr + "sdk:10.0-noble", Mcr + "aspnet:10.0-noble-chiseled"),
        new("net10.0 library user of ASP.NET Core (not a web app itself)", Projects.Console("net10.0") with { UsesAspNetCore = true }, Mcr + "sdk:10.0-noble", Mcr + "aspnet:10.0-noble-chiseled-extra"),
        new("net10.0 self-contained", Projects.Console("net10.0") with { SelfContained = true }, Mcr + "sdk:10.0-noble", Mcr + "runtime-deps:10.0-noble-chiseled-extra"),
        new("net10.0 self-contained web, invariant", Projects.Web("net10.0") with { SelfContained = true, InvariantGlobalization = true }, Mcr + "sdk:10.0-noble", Mcr + "runtime-deps:10.0-noble-chiseled"),
        new("net10.0 single-file", Projects.Console("net10.0") with { PublishSingleFile = true }, Mcr + "sdk:10.0-noble", Mcr + "runtime-deps:10.0-noble-chiseled-extra"),
        new("net10.0 trimmed", Projects.Console("net10.0") with { PublishTrimmed = true }, Mcr + "sdk:10.0-noble", Mcr + "runtime-deps:10.0-noble-chiseled-extra"),

        // "Default OS", 10.0: SDK -aot images (10.0-noble-aot, 10.0-alpine-aot) carry clang for Native AOT.
        new("net10.0 Native AOT", Projects.Web("net10.0") with { PublishAot = true }, Mcr + "sdk:10.0-noble-aot", Mcr + "runtime-deps:10.0-noble-chiseled-extra"),
        new("net10.0 Native AOT, invariant", Projects.Console("net10.0") with { PublishAot = true, InvariantGlobalization = true }, Mcr + "sdk:10.0-noble-aot", Mcr + "runtime-deps:10.0-noble-chiseled"),
        new("net10.0 Native AOT, musl RID", Projects.Console("net10.0") with { PublishAot = true, RuntimeIdentifiers = Projects.Rids("linux-musl-x64") }, Mcr + "sdk:10.0-alpine-aot", Mcr + "runtime-deps:10.0-alpine-extra"),

        // "This project's defaults", net11.0 previews: 11.0-preview tags, family resolute, chiseled(-extra) final.
        new("net11.0 console", Projects.Console("net11.0"), Mcr + "sdk:11.0-preview-resolute", Mcr + "runtime:11.0-preview-resolute-chiseled-extra"),
        new("net11.0 web, invariant", Projects.Web("net11.0") with { InvariantGlobalization = true }, Mcr + "sdk:11.0-preview-resolute", Mcr + "aspnet:11.0-preview-resolute-chiseled"),
        new("net11.0 self-contained", Projects.Console("net11.0") with { SelfContained = true }, Mcr + "sdk:11.0-preview-resolute", Mcr + "runtime-deps:11.0-preview-resolute-chiseled-extra"),

        // "This project's defaults", net6.0/net7.0 (and net5.0 before them): the plain M.0 tags (end of life).
        new("net5.0 console", Projects.Console("net5.0"), Mcr + "sdk:5.0", Mcr + "runtime:5.0"),
        new("net6.0 web", Projects.Web("net6.0"), Mcr + "sdk:6.0", Mcr + "aspnet:6.0"),
        new("net7.0 self-contained", Projects.Console("net7.0") with { SelfContained = true }, Mcr + "sdk:7.0", Mcr + "runtime-deps:7.0"),

        // "Tag existence by suffix", 8.0: noble SRAD, noble-chiseled(-extra) RAD; the SDK side of a chiseled family is noble.
        new("net8.0 web, family noble", Projects.Web("net8.0") with { ContainerFamily = "noble" }, Mcr + "sdk:8.0-noble", Mcr + "aspnet:8.0-noble"),
        new("net8.0 web, family noble-chiseled", Projects.Web("net8.0") with { ContainerFamily = "noble-chiseled" }, Mcr + "sdk:8.0-noble", Mcr + "aspnet:8.0-noble-chiseled-extra"),
        new("net8.0 web, family noble-chiseled, invariant", Projects.Web("net8.0") with { ContainerFamily = "noble-chiseled", InvariantGlobalization = true }, Mcr + "sdk:8.0-noble", Mcr + "aspnet:8.0-noble-chiseled"),
        new("net8.0 web, family noble-chiseled-extra named outright, invariant", Projects.Web("net8.0") with { ContainerFamily = "noble-chiseled-extra", InvariantGlobalization = true }, Mcr + "sdk:8.0-noble", Mcr + "aspnet:8.0-noble-chiseled-extra"),
        new("net8.0 web, family bookworm-slim named outright", Projects.Web("net8.0") with { ContainerFamily = "bookworm-slim" }, Mcr + "sdk:8.0-bookworm-slim", Mcr + "aspnet:8.0-bookworm-slim"),

        // "Tag existence by suffix", 8.0 only: jammy SRAD, jammy-chiseled(-extra) RAD.
        new("net8.0 console, family jammy", Projects.Console("net8.0") with { ContainerFamily = "jammy" }, Mcr + "sdk:8.0-jammy", Mcr + "runtime:8.0-jammy"),
        new("net8.0 web, family jammy-chiseled", Projects.Web("net8.0") with { ContainerFamily = "jammy-chiseled" }, Mcr + "sdk:8.0-jammy", Mcr + "aspnet:8.0-jammy-chiseled-extra"),

        // "Tag existence by suffix", alpine: 8.0 alpine SRAD, alpine-extra RA, runtime-deps only as alpine3.24-extra.
        new("net8.0 console, family alpine", Projects.Console("net8.0") with { ContainerFamily = "alpine" }, Mcr + "sdk:8.0-alpine", Mcr + "runtime:8.0-alpine-extra"),
        new("net8.0 self-contained, family alpine", Projects.Console("net8.0") with { ContainerFamily = "alpine", SelfContained = true }, Mcr + "sdk:8.0-alpine", Mcr + "runtime-deps:8.0-alpine3.24-extra"),
        new("net8.0 self-contained, family alpine, invariant", Projects.Console("net8.0") with { ContainerFamily = "alpine", SelfContained = true, InvariantGlobalization = true }, Mcr + "sdk:8.0-alpine", Mcr + "runtime-deps:8.0-alpine"),
        new("net8.0 Native AOT, musl RID", Projects.Console("net8.0") with { PublishAot = true, RuntimeIdentifiers = Projects.Rids("linux-musl-arm64") }, Mcr + "sdk:8.0-alpine", Mcr + "runtime-deps:8.0-alpine3.24-extra"),

        // "Tag existence by suffix", alpine: 9.0 and 10.0 alpine SRAD, alpine-extra RAD. musl RIDs imply alpine.
        new("net9.0 web, musl RID", Projects.Web("net9.0") with { RuntimeIdentifiers = Projects.Rids("linux-musl-x64") }, Mcr + "sdk:9.0-alpine", Mcr + "aspnet:9.0-alpine-extra"),
        new("net9.0 self-contained, musl RID", Projects.Console("net9.0") with { SelfContained = true, RuntimeIdentifiers = Projects.Rids("linux-musl-x64") }, Mcr + "sdk:9.0-alpine", Mcr + "runtime-deps:9.0-alpine-extra"),
        new("net10.0 console, musl RIDs", Projects.Console("net10.0") with { RuntimeIdentifiers = Projects.Rids("linux-musl-x64", "linux-musl-arm64") }, Mcr + "sdk:10.0-alpine", Mcr + "runtime:10.0-alpine-extra"),
        new("net10.0 web, musl RID, invariant", Projects.Web("net10.0") with { RuntimeIdentifiers = Projects.Rids("linux-musl-x64"), InvariantGlobalization = true }, Mcr + "sdk:10.0-alpine", Mcr + "aspnet:10.0-alpine"),
        new("net10.0 web, musl RID and family alpine agree", Projects.Web("net10.0") with { RuntimeIdentifiers = Projects.Rids("linux-musl-x64"), ContainerFamily = "alpine" }, Mcr + "sdk:10.0-alpine", Mcr + "aspnet:10.0-alpine-extra"),

        // "What the SDK picks": only linux RIDs count; glibc RIDs keep the version's default family.
        new("net10.0 console, glibc RIDs", Projects.Console("net10.0") with { RuntimeIdentifiers = Projects.Rids("linux-x64", "linux-arm64") }, Mcr + "sdk:10.0-noble", Mcr + "runtime:10.0-noble-chiseled-extra"),
        new("net10.0 console, a Windows RID beside a musl one", Projects.Console("net10.0") with { RuntimeIdentifiers = Projects.Rids("win-x64", "linux-musl-x64") }, Mcr + "sdk:10.0-alpine", Mcr + "runtime:10.0-alpine-extra"),

        // "Tag existence by suffix", azurelinux3.0 SRAD and azurelinux3.0-distroless(-extra) RAD on 8.0-10.0.
        new("net9.0 web, family azurelinux3.0", Projects.Web("net9.0") with { ContainerFamily = "azurelinux3.0" }, Mcr + "sdk:9.0-azurelinux3.0", Mcr + "aspnet:9.0-azurelinux3.0"),
        new("net8.0 console, family azurelinux3.0-distroless", Projects.Console("net8.0") with { ContainerFamily = "azurelinux3.0-distroless" }, Mcr + "sdk:8.0-azurelinux3.0", Mcr + "runtime:8.0-azurelinux3.0-distroless-extra"),
        new("net10.0 web, family azurelinux3.0-distroless, invariant", Projects.Web("net10.0") with { ContainerFamily = "azurelinux3.0-distroless", InvariantGlobalization = true }, Mcr + "sdk:10.0-azurelinux3.0", Mcr + "aspnet:10.0-azurelinux3.0-distroless"),
        new("net10.0 self-contained, family azurelinux3.0-distroless", Projects.Console("net10.0") with { ContainerFamily = "azurelinux3.0-distroless", SelfContained = true }, Mcr + "sdk:10.0-azurelinux3.0", Mcr + "runtime-deps:10.0-azurelinux3.0-distroless-extra"),

        // "Default OS", 10.0: also noble and resolute(-chiseled).
        new("net10.0 console, family noble", Projects.Console("net10.0") with { ContainerFamily = "noble" }, Mcr + "sdk:10.0-noble", Mcr + "runtime:10.0-noble"),
        new("net10.0 console, family resolute", Projects.Console("net10.0") with { ContainerFamily = "resolute" }, Mcr + "sdk:10.0-resolute", Mcr + "runtime:10.0-resolute"),
        new("net10.0 web, family resolute-chiseled, invariant", Projects.Web("net10.0") with { ContainerFamily = "resolute-chiseled", InvariantGlobalization = true }, Mcr + "sdk:10.0-resolute", Mcr + "aspnet:10.0-resolute-chiseled"),
        new("net10.0 Native AOT, family noble-chiseled", Projects.Console("net10.0") with { PublishAot = true, ContainerFamily = "noble-chiseled" }, Mcr + "sdk:10.0-noble-aot", Mcr + "runtime-deps:10.0-noble-chiseled-extra"),

        // "Native AOT on 8.0/9.0 needs clang and zlib installed in the build stage": any family with a package manager.
        new("net8.0 Native AOT, family noble-chiseled", Projects.Console("net8.0") with { PublishAot = true, ContainerFamily = "noble-chiseled" }, Mcr + "sdk:8.0-noble", Mcr + "runtime-deps:8.0-noble-chiseled-extra"),

        // "Overrides": explicit build and final image properties win over everything.
        new("ContainerBaseImage is used as is", Projects.Web("net10.0") with { ContainerBaseImage = "example.com/base:1" }, Mcr + "sdk:10.0-noble", "example.com/base:1"),
        new("MultiStageBuildImage is used as is", Projects.Web("net10.0") with { BuildImage = " example.com/sdk:custom " }, "example.com/sdk:custom", Mcr + "aspnet:10.0-noble-chiseled-extra"),
        new("overrides win over a family that has no such tag", Projects.Web("net10.0") with { ContainerFamily = "bookworm-slim", BuildImage = "example.com/sdk:x", ContainerBaseImage = "example.com/aspnet:x" }, "example.com/sdk:x", "example.com/aspnet:x"),
        new("a build image override owns the Native AOT toolchain", Projects.Console("net8.0") with { PublishAot = true, BuildImage = "example.com/aot-sdk:8" }, "example.com/aot-sdk:8", Mcr + "runtime-deps:8.0-noble-chiseled-extra"),
        new("a registry mirror replaces mcr.microsoft.com", Projects.Web("net9.0") with { ImageRegistry = "mirror.example.com/mcr/" }, "mirror.example.com/mcr/dotnet/sdk:9.0-bookworm-slim", "mirror.example.com/mcr/dotnet/aspnet:9.0-bookworm-slim"),
        new("a registry mirror leaves overrides alone", Projects.Web("net9.0") with { ImageRegistry = "mirror.example.com", ContainerBaseImage = "example.com/base:1" }, "mirror.example.com/dotnet/sdk:9.0-bookworm-slim", "example.com/base:1"),

        // Digest pinning: each image as reference@digest; a reference that already has one is kept.
        new("pinned digests", Projects.Web("net10.0") with
        {
            PinDigests = true,
            ImageDigests = new Dictionary<string, string>
            {
                [Mcr + "sdk:10.0-noble"] = DigestA,
                [Mcr + "aspnet:10.0-noble-chiseled-extra"] = DigestB,
            },
        }, Mcr + "sdk:10.0-noble@" + DigestA, Mcr + "aspnet:10.0-noble-chiseled-extra@" + DigestB),
        new("an override with its own digest needs no digest item", Projects.Web("net10.0") with
        {
            PinDigests = true,
            ContainerBaseImage = "example.com/base@" + DigestB,
            ImageDigests = new Dictionary<string, string> { [Mcr + "sdk:10.0-noble"] = DigestA },
        }, Mcr + "sdk:10.0-noble@" + DigestA, "example.com/base@" + DigestB),

        // global.json: the SDK follows the pin; an exact pin (rollForward patch/latestPatch/disable or none) is its own tag.
        new("global.json 10.0.100 latestFeature", Projects.Console("net10.0") with { GlobalJsonSdk = new("10.0.100", "latestFeature") }, Mcr + "sdk:10.0-noble", Mcr + "runtime:10.0-noble-chiseled-extra"),
        new("global.json 10.0.102 without rollForward", Projects.Console("net10.0") with { GlobalJsonSdk = new("10.0.102", "") }, Mcr + "sdk:10.0.102-noble", Mcr + "runtime:10.0-noble-chiseled-extra"),
        new("global.json 10.0.102 latestPatch", Projects.Console("net10.0") with { GlobalJsonSdk = new("10.0.102", "latestPatch") }, Mcr + "sdk:10.0.102-noble", Mcr + "runtime:10.0-noble-chiseled-extra"),
        new("global.json 10.0.100 exact, Native AOT", Projects.Console("net10.0") with { PublishAot = true, GlobalJsonSdk = new("10.0.100", "disable") }, Mcr + "sdk:10.0.100-noble-aot", Mcr + "runtime-deps:10.0-noble-chiseled-extra"),
        new("global.json pins a newer SDK than the framework", Projects.Console("net8.0") with { GlobalJsonSdk = new("10.0.100", "latestMinor") }, Mcr + "sdk:10.0-noble", Mcr + "runtime:8.0-bookworm-slim"),
        new("global.json pins an older SDK but rolls forward to the latest major", Projects.Console("net10.0") with { GlobalJsonSdk = new("8.0.100", "latestMajor") }, Mcr + "sdk:10.0-noble", Mcr + "runtime:10.0-noble-chiseled-extra"),
        new("global.json pins an older SDK but rolls forward across majors", Projects.Web("net9.0") with { GlobalJsonSdk = new("8.0.100", "Major") }, Mcr + "sdk:9.0-bookworm-slim", Mcr + "aspnet:9.0-bookworm-slim"),
        new("global.json pins an 11.0 preview SDK exactly", Projects.Console("net11.0") with { GlobalJsonSdk = new("11.0.100-preview.3.26207.106", "patch") }, Mcr + "sdk:11.0.100-preview.3-resolute", Mcr + "runtime:11.0-preview-resolute-chiseled-extra"),
    };

    /// <summary>The rows by name: the facts they hold are internal to the generator.</summary>
    public static TheoryData<string> Selections => Names(SelectionRows.Select(r => r.Because));

    private static readonly Rejected[] RejectionRows =
    {
        // "This project's defaults": net4x, netstandard, netcoreapp<=3.1 and OS-specific TFMs have no Linux image.
        new("net48", Projects.Console("net48"), "MULTISTAGE1001"),
        new("net472", Projects.Console("net472"), "MULTISTAGE1001"),
        new("netstandard2.0", Projects.Console("netstandard2.0"), "MULTISTAGE1001"),
        new("netcoreapp3.1", Projects.Console("netcoreapp3.1"), "MULTISTAGE1001"),
        new("net8.0-windows", Projects.Web("net8.0-windows"), "MULTISTAGE1001"),
        new("net10.0-android", Projects.Console("net10.0-android"), "MULTISTAGE1001"),
        new("no target framework", Projects.Console(""), "MULTISTAGE1001"),

        // "Repositories": a version with no images at all.
        new("net12.0", Projects.Console("net12.0"), "MULTISTAGE3003"),

        // "Tag existence by suffix": families that do not exist, or not for this version.
        new("unknown family", Projects.Console("net10.0") with { ContainerFamily = "debian" }, "MULTISTAGE3003"),
        new("bookworm-slim on net10.0 (no Debian images for 10.0)", Projects.Console("net10.0") with { ContainerFamily = "bookworm-slim" }, "MULTISTAGE3003"),
        new("jammy on net9.0", Projects.Web("net9.0") with { ContainerFamily = "jammy" }, "MULTISTAGE3003"),
        new("jammy-chiseled on net10.0", Projects.Web("net10.0") with { ContainerFamily = "jammy-chiseled" }, "MULTISTAGE3003"),
        new("noble on net11.0 (no noble for 11.0)", Projects.Console("net11.0") with { ContainerFamily = "noble" }, "MULTISTAGE3003"),
        new("an -extra of a family that has none", Projects.Console("net10.0") with { ContainerFamily = "noble-extra" }, "MULTISTAGE3003"),

        // "What the SDK picks": a mix of musl and glibc RIDs is an error; a family must match the RIDs' libc.
        new("musl and glibc RIDs mixed", Projects.Console("net10.0") with { RuntimeIdentifiers = Projects.Rids("linux-x64", "linux-musl-x64") }, "MULTISTAGE3001"),
        new("family alpine with a glibc RID", Projects.Console("net10.0") with { ContainerFamily = "alpine", RuntimeIdentifiers = Projects.Rids("linux-x64") }, "MULTISTAGE3006"),
        new("family noble-chiseled with a musl RID", Projects.Console("net10.0") with { ContainerFamily = "noble-chiseled", RuntimeIdentifiers = Projects.Rids("linux-musl-arm64") }, "MULTISTAGE3006"),

        // "Native AOT": only 10.0+ has -aot SDK images (noble, alpine); Azure Linux SDKs have neither -aot nor apt/apk.
        new("Native AOT on azurelinux3.0, net10.0", Projects.Console("net10.0") with { PublishAot = true, ContainerFamily = "azurelinux3.0" }, "MULTISTAGE3003"),
        new("Native AOT on azurelinux3.0-distroless, net8.0", Projects.Console("net8.0") with { PublishAot = true, ContainerFamily = "azurelinux3.0-distroless" }, "MULTISTAGE3003"),

        // global.json: an SDK older than the framework cannot build it.
        new("global.json 8.0.400 for net10.0", Projects.Console("net10.0") with { GlobalJsonSdk = new("8.0.400", "latestFeature") }, "MULTISTAGE3002"),
        new("global.json 9.0.100 exact for net10.0", Projects.Console("net10.0") with { GlobalJsonSdk = new("9.0.100", "") }, "MULTISTAGE3002"),
        new("global.json 9.0.100 latestFeature for net10.0", Projects.Console("net10.0") with { GlobalJsonSdk = new("9.0.100", "latestFeature") }, "MULTISTAGE3002"),

        // Digest pinning: every image needs a sha256 digest.
        new("pinned digests, one missing", Projects.Web("net10.0") with
        {
            PinDigests = true,
            ImageDigests = new Dictionary<string, string> { [Mcr + "sdk:10.0-noble"] = DigestA },
        }, "MULTISTAGE3004"),
        new("pinned digests, one not sha256", Projects.Web("net10.0") with
        {
            PinDigests = true,
            ImageDigests = new Dictionary<string, string> { [Mcr + "sdk:10.0-noble"] = DigestA, [Mcr + "aspnet:10.0-noble-chiseled-extra"] = "sha256:XYZ" },
        }, "MULTISTAGE3005"),

        // Image references: a value must never be able to start a new instruction.
        new("ContainerBaseImage with a space", Projects.Web("net10.0") with { ContainerBaseImage = "example.com/base:1 AS x" }, "MULTISTAGE1024"),
        new("MultiStageBuildImage with a line break", Projects.Web("net10.0") with { BuildImage = "example.com/sdk\nRUN curl evil" }, "MULTISTAGE1024"),
        new("registry with a space", Projects.Web("net10.0") with { ImageRegistry = "mirror example.com" }, "MULTISTAGE1024"),
    };

    public static TheoryData<string> Rejections => Names(RejectionRows.Select(r => r.Because));

    [Theory]
    [MemberData(nameof(Selections))]
    public void A_project_gets_the_build_and_final_images_images_md_prescribes(string because)
    {
        var row = SelectionRows.Single(r => r.Because == because);
        var selection = ImageSelector.Select(row.Facts);

        Assert.True(selection.Choice is not null, string.Join("\n", selection.Diagnostics));
        Assert.Equal((row.Build, row.Final), (selection.Choice!.BuildImage, selection.Choice.FinalImage));
    }

    [Theory]
    [MemberData(nameof(Rejections))]
    public void A_project_without_a_valid_image_gets_a_coded_error_and_no_images(string because)
    {
        var row = RejectionRows.Single(r => r.Because == because);
        var selection = ImageSelector.Select(row.Facts);

        Assert.Null(selection.Choice);
        Assert.Contains(row.Code, selection.Diagnostics.Where(d => d.IsError).Select(d => d.Code));
    }

    private static TheoryData<string> Names(IEnumerable<string> names)
    {
        var data = new TheoryData<string>();
        foreach (var name in names)
        {
            data.Add(name);
        }

        return data;
    }
}
