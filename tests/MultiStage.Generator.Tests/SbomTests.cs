using System.Text.Json;
using MultiStage.Generator.Sbom;
using MultiStage.Generator.Tests.Infrastructure;
using MultiStage.Tests.Shared;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>The image's SBOM: which packages it lists for each publish shape, and the CycloneDX document it writes.</summary>
public class SbomTests
{
    // A package hash as restore records it in project.assets.json (base64 of the SHA-512).
    private const string Sha512Base64 = "Gx2yzyKPx2CtH5eRIKs4CKNk/XJbVf7EpF/T8RqS+4TN82JzhNkyYyQt/FOYXiqfDzS5Dt3R2bB3NTqw5L2w6A==";

    private static readonly string AssetsFile = """
        {
          "version": 3,
          "libraries": {
            "Serilog/4.2.0": { "sha512": "Gx2yzyKPx2CtH5eRIKs4CKNk/XJbVf7EpF/T8RqS+4TN82JzhNkyYyQt/FOYXiqfDzS5Dt3R2bB3NTqw5L2w6A==", "type": "package" },
            "Core/1.0.0": { "type": "project", "path": "../Core/Core.csproj" }
          }
        }
        """;

    [Fact]
    public void Every_package_with_a_file_in_the_app_is_listed_once_and_runtime_packs_are_not_packages()
    {
        var files = new[]
        {
            new PublishedPackageFile("Serilog", "4.2.0"),
            new PublishedPackageFile("Serilog", "4.2.0"),
            new PublishedPackageFile("SQLitePCLRaw.lib.e_sqlite3", "2.1.10"),
            new PublishedPackageFile("Microsoft.NETCore.App.Runtime.linux-x64", "10.0.1"),
            new PublishedPackageFile("runtime.linux-x64.Microsoft.DotNet.ILCompiler", "10.0.1"),
            new PublishedPackageFile("Microsoft.AspNetCore.App.Runtime.linux-x64", "10.0.1"),
            new PublishedPackageFile(string.Empty, string.Empty),
        };

        var packages = SbomContentsReader.NuGetPackages(files, new[] { "Microsoft.NETCore.App.Runtime.linux-x64" }, SbomContentsReader.Sha512ByLibrary(AssetsFile));

        Assert.Equal(new[] { "SQLitePCLRaw.lib.e_sqlite3@2.1.10", "Serilog@4.2.0" }, packages.Select(p => $"{p.Id}@{p.Version}").OrderBy(p => p, StringComparer.Ordinal));
        Assert.Equal(Sha512Base64, packages.Single(p => p.Id == "Serilog").Sha512);
        Assert.Null(packages.Single(p => p.Id == "SQLitePCLRaw.lib.e_sqlite3").Sha512);
    }

    [Fact]
    public void An_unreadable_assets_file_gives_no_hashes_rather_than_a_failure()
    {
        Assert.Empty(SbomContentsReader.Sha512ByLibrary("{ not json"));
        Assert.Empty(SbomContentsReader.Sha512ByLibrary(null));
    }

    [Fact]
    public void A_package_is_a_nuget_purl_with_its_sha512_in_hex()
    {
        var document = Parse(CycloneDxWriter.Write(FrameworkDependentApp()));

        var serilog = Component(document, "Serilog");
        Assert.Equal("library", serilog.GetProperty("type").GetString());
        Assert.Equal("4.2.0", serilog.GetProperty("version").GetString());
        Assert.Equal("pkg:nuget/Serilog@4.2.0", serilog.GetProperty("purl").GetString());
        var hash = serilog.GetProperty("hashes")[0];
        Assert.Equal("SHA-512", hash.GetProperty("alg").GetString());
        Assert.Equal(Convert.ToHexStringLower(Convert.FromBase64String(Sha512Base64)), hash.GetProperty("content").GetString());
    }

    [Fact]
    public void The_document_names_the_runtime_projects_os_packages_npm_packages_and_the_pinned_base_image()
    {
        var document = Parse(CycloneDxWriter.Write(FrameworkDependentApp()));

        Assert.Equal("CycloneDX", document.GetProperty("bomFormat").GetString());
        Assert.Equal("1.5", document.GetProperty("specVersion").GetString());
        Assert.Equal("Api", document.GetProperty("metadata").GetProperty("component").GetProperty("name").GetString());
        Assert.Equal("MultiStage.Sdk", document.GetProperty("metadata").GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal("framework", Component(document, "Microsoft.AspNetCore.App").GetProperty("type").GetString());
        Assert.Equal("10.0.0", Component(document, "Microsoft.AspNetCore.App").GetProperty("version").GetString());
        Assert.False(Component(document, "Core").TryGetProperty("purl", out _));
        Assert.Equal("pkg:deb/ubuntu/fontconfig?distro=ubuntu-24.04", Component(document, "fontconfig").GetProperty("purl").GetString());
        Assert.Equal("pkg:npm/%40angular/core@19.2.1", Component(document, "@angular/core").GetProperty("purl").GetString());
        var baseImage = Component(document, "mcr.microsoft.com/dotnet/aspnet");
        Assert.Equal("container", baseImage.GetProperty("type").GetString());
        Assert.Equal("10.0-noble-chiseled-extra", baseImage.GetProperty("version").GetString());
        Assert.Equal(new string('2', 64), baseImage.GetProperty("hashes")[0].GetProperty("content").GetString());
        Assert.StartsWith("pkg:oci/aspnet@sha256%3A2222", baseImage.GetProperty("purl").GetString());

        // The app depends on every component, so a reader walking the graph from the app reaches all of them.
        var refs = document.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("bom-ref").GetString()).ToList();
        var dependsOn = document.GetProperty("dependencies")[0].GetProperty("dependsOn").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Equal(refs, dependsOn);
        Assert.Equal(refs.Count, refs.Distinct().Count());
    }

    [Fact]
    public void A_native_aot_app_lists_its_runtime_packs_as_compiled_in_and_no_shared_framework()
    {
        var document = Parse(CycloneDxWriter.Write(FrameworkDependentApp() with
        {
            Shape = PublishShape.NativeAot,
            SharedFrameworks = Array.Empty<SbomPackage>(),
            RuntimePacks = new[] { new SbomPackage("Microsoft.NETCore.App.Runtime.linux-x64", "10.0.1") },
        }));

        var pack = Component(document, "Microsoft.NETCore.App.Runtime.linux-x64");
        Assert.Equal("pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@10.0.1", pack.GetProperty("purl").GetString());
        Assert.Contains("compiled into the native executable", pack.GetProperty("description").GetString());
        Assert.Equal("library", pack.GetProperty("type").GetString());
        Assert.Equal(CycloneDxWriter.RuntimePackProperty, pack.GetProperty("properties")[0].GetProperty("name").GetString());
        Assert.Equal("native-aot", document.GetProperty("metadata").GetProperty("properties")[0].GetProperty("value").GetString());
        Assert.DoesNotContain(document.GetProperty("components").EnumerateArray(), c => c.GetProperty("name").GetString() == "Microsoft.AspNetCore.App");
    }

    [Fact]
    public void The_same_contents_give_the_same_bytes_and_other_contents_another_serial_number()
    {
        var first = CycloneDxWriter.Write(FrameworkDependentApp());
        var again = CycloneDxWriter.Write(FrameworkDependentApp());
        var other = CycloneDxWriter.Write(FrameworkDependentApp() with { AppVersion = "1.0.1" });

        Assert.Equal(first, again);
        Assert.DoesNotContain("timestamp", first);
        Assert.NotEqual(Parse(first).GetProperty("serialNumber").GetString(), Parse(other).GetProperty("serialNumber").GetString());
    }

    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled-extra", "pkg:deb/ubuntu/", "ubuntu-24.04")]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim", "pkg:deb/debian/", "debian-12")]
    [InlineData("mcr.microsoft.com/dotnet/runtime:10.0-alpine", "pkg:apk/alpine/", "alpine")]
    [InlineData("mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless", "pkg:rpm/azurelinux/", "azurelinux-3.0")]
    public void Os_packages_are_named_for_the_final_stage_distribution(string baseImage, string purlStart, string distro)
    {
        var document = Parse(CycloneDxWriter.Write(FrameworkDependentApp() with { BaseImage = baseImage }));

        Assert.Equal($"{purlStart}fontconfig?distro={distro}", Component(document, "fontconfig").GetProperty("purl").GetString());
    }

    [Fact]
    public void The_documents_are_valid_against_the_cyclonedx_1_5_schema()
    {
        using var folder = new TemporaryFolder();
        var documents = new[]
        {
            folder.Write("framework-dependent.cdx.json", CycloneDxWriter.Write(FrameworkDependentApp())),
            folder.Write("native-aot.cdx.json", CycloneDxWriter.Write(FrameworkDependentApp() with
            {
                Shape = PublishShape.NativeAot, AppVersion = string.Empty, BaseImage = null,
                RuntimePacks = new[] { new SbomPackage("Microsoft.NETCore.App.Runtime.linux-x64", "10.0.1") },
            })),
            folder.Write("empty.cdx.json", CycloneDxWriter.Write(new SbomContents { AppName = "App \"quoted\"\n", AppVersion = "1.0.0", Shape = PublishShape.SelfContained })),
        };

        var (exitCode, output) = NodeTools.RunScript("validate-cyclonedx.mjs", null, documents);

        Assert.True(exitCode == 0, output);
        Assert.Equal(3, output.Split('\n').Count(l => l.Contains("\"valid\":true", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_schema_check_rejects_what_the_schema_rejects()
    {
        using var folder = new TemporaryFolder();
        var invalid = folder.Write("bad.cdx.json", CycloneDxWriter.Write(FrameworkDependentApp()).Replace("\"library\"", "\"nuget-library\"").Replace("urn:uuid:", "urn:id:"));

        var (exitCode, output) = NodeTools.RunScript("validate-cyclonedx.mjs", null, invalid);

        Assert.Equal(1, exitCode);
        Assert.Contains("/serialNumber must match pattern", output);
        Assert.Contains("/type must be equal to one of the allowed values", output);
    }

    private static SbomContents FrameworkDependentApp() => new()
    {
        AppName = "Api",
        AppVersion = "1.0.0",
        Shape = PublishShape.FrameworkDependent,
        SharedFrameworks = new[] { new SbomPackage("Microsoft.AspNetCore.App", "10.0.0"), new SbomPackage("Microsoft.NETCore.App", "10.0.0") },
        NuGetPackages = new[] { new SbomPackage("Serilog", "4.2.0", Sha512Base64) },
        Projects = new[] { "Core" },
        NpmPackages = new[] { new SbomNpmPackage("@angular/core", "19.2.1") },
        OsPackages = new[] { "fontconfig" },
        BaseImage = "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra@sha256:" + new string('2', 64),
        ToolVersion = "1.0.0",
    };

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static JsonElement Component(JsonElement document, string name) =>
        document.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
}

/// <summary>How MultiStageContainerImage copies the SBOM out of the image with each builder.</summary>
public class SbomCopyTests
{
    [Theory]
    [InlineData("Docker", "create api:1")]
    [InlineData("Podman", "create api:1")]
    [InlineData("Buildah", "from --pull=never api:1")]
    public void A_container_of_the_image_is_created_and_never_started(string builder, string expected)
    {
        Assert.Equal(expected, string.Join(' ', ContainerBuilders.SbomCopy.CreateContainer(Enum.Parse<ContainerBuilders.ContainerBuilder>(builder), "api:1")));
    }

    [Fact]
    public void The_file_is_copied_from_its_path_in_the_image_and_the_container_removed()
    {
        Assert.Equal(new[] { "cp", "c0ffee:/usr/share/sbom/app.cdx.json", "/repo/obj/Api.multistage.sbom.cdx.json" }, ContainerBuilders.SbomCopy.CopyOut("c0ffee", ImageSbom.ImagePath, "/repo/obj/Api.multistage.sbom.cdx.json"));
        Assert.Equal(new[] { "mount", "api-working-container" }, ContainerBuilders.SbomCopy.Mount("api-working-container"));
        Assert.Equal(new[] { "rm", "c0ffee" }, ContainerBuilders.SbomCopy.RemoveContainer("c0ffee"));
    }
}
