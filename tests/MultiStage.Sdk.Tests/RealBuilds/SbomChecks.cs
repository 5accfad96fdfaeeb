using System.Text.Json;
using System.Text.RegularExpressions;
using MultiStage.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The SBOM in a final image (/usr/share/sbom/app.cdx.json): valid against the CycloneDX 1.5 schema, and its NuGet
/// packages exactly those restore resolved files of that reached the app, read apart from MSBuild's items: the
/// build stage's project.assets.json beside its publish folder.
/// </summary>
public static class SbomChecks
{
    public const string ImageFolder = "/usr/share/sbom";
    private const string FileName = "app.cdx.json";
    private const string PublishFolder = "/app/publish";

    public static JsonElement AssertSbomListsTheAppsPackages(ImageBuild build, ITestOutputHelper output)
    {
        var sbomText = build.Engine.WithFolder(build.Tag, ImageFolder, folder => File.ReadAllText(Path.Combine(folder, FileName)));
        var sbomFile = Path.Combine(Infrastructure.Repository.RunFolder, "sbom", Guid.NewGuid().ToString("N") + ".cdx.json");
        Directory.CreateDirectory(Path.GetDirectoryName(sbomFile)!);
        File.WriteAllText(sbomFile, sbomText);
        var (exitCode, validation) = NodeTools.RunScript("validate-cyclonedx.mjs", null, sbomFile);
        Assert.True(exitCode == 0, $"The SBOM of {build.Tag} is not valid CycloneDX 1.5: {validation}\n{sbomText}");
        var sbom = JsonDocument.Parse(sbomText).RootElement.Clone();

        var nuget = sbom.GetProperty("components").EnumerateArray()
            .Where(c => c.GetProperty("type").GetString() == "library" && c.TryGetProperty("purl", out var purl) && purl.GetString()!.StartsWith("pkg:nuget/", StringComparison.Ordinal))
            .ToList();
        var listed = nuget.Where(c => !IsRuntimePack(c))
            .Select(c => $"{c.GetProperty("name").GetString()}@{c.GetProperty("version").GetString()}")
            .OrderBy(p => p, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var expected = PackagesInTheApp(build, output).OrderBy(p => p, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(expected.SequenceEqual(listed, StringComparer.OrdinalIgnoreCase),
            $"The SBOM's NuGet packages are not the app's.\nSBOM: {string.Join(", ", listed)}\nApp: {string.Join(", ", expected)}\n{sbomText}");
        Assert.All(sbom.GetProperty("components").EnumerateArray().Where(c => c.GetProperty("type").GetString() == "library" && c.TryGetProperty("hashes", out _)),
            c => Assert.Matches("^[0-9a-f]{128}$", c.GetProperty("hashes")[0].GetProperty("content").GetString()));

        // An independent reader: Trivy finds every NuGet component, the runtime packs among them.
        var trivy = Trivy.NuGetPackagesInSbom(sbomFile).Distinct().OrderBy(p => p, StringComparer.OrdinalIgnoreCase).ToList();
        var all = nuget.Select(c => $"{c.GetProperty("name").GetString()}@{c.GetProperty("version").GetString()}").OrderBy(p => p, StringComparer.OrdinalIgnoreCase).ToList();
        Assert.True(all.SequenceEqual(trivy, StringComparer.OrdinalIgnoreCase), $"trivy sbom read other NuGet packages.\nTrivy: {string.Join(", ", trivy)}\nSBOM: {string.Join(", ", all)}");
        output.WriteLine($"{build.Tag}: {ImageFolder}/{FileName} is valid CycloneDX 1.5 and lists the app's {listed.Count} NuGet package(s): {string.Join(", ", listed)}");
        return sbom;
    }

    /// <summary>A runtime pack (self-contained, Native AOT): a NuGet package of the runtime, not one of the app's.</summary>
    public static bool IsRuntimePack(JsonElement component) =>
        component.TryGetProperty("properties", out var properties)
        && properties.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "multistage:runtime-pack");

    /// <summary>
    /// MultiStageContainerImage copied the image's SBOM below the project's obj/ folder, byte for byte, and said where
    /// (the GeneratedSbomPath output).
    /// </summary>
    public static void AssertCopiedOutOf(ContainerEngine engine, string image, string objFolder, string buildOutput)
    {
        var copies = Directory.EnumerateFiles(objFolder, "*.multistage.sbom.cdx.json", SearchOption.AllDirectories).ToList();
        Assert.True(copies.Count == 1, $"Expected one SBOM copied below {objFolder}, found {copies.Count}.\n{buildOutput}");
        Assert.Contains($"MultiStage.Sdk: the image's SBOM is at {copies[0]}.", buildOutput);
        var inImage = engine.WithFolder(image, ImageFolder, folder => File.ReadAllText(Path.Combine(folder, FileName)));
        Assert.Equal(inImage, File.ReadAllText(copies[0]));
        Assert.Equal("CycloneDX", JsonDocument.Parse(inImage).RootElement.GetProperty("bomFormat").GetString());
    }

    /// <summary>
    /// From the build stage: every package of the assets file's runtime target with a runtime, native or resource file
    /// that is in the publish folder, or, for Native AOT, with a managed assembly (compiled into the executable).
    /// </summary>
    private static IReadOnlyList<string> PackagesInTheApp(ImageBuild build, ITestOutputHelper output)
    {
        var project = Regex.Match(build.Dockerfile.Text, "dotnet publish \"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(project), "No dotnet publish line in " + build.Dockerfile.Path);
        // The generator keeps native symbols out of the publish folder only for Native AOT.
        var nativeAot = build.Dockerfile.Text.Contains("-p:CopyOutputSymbolsToPublishDirectory=false", StringComparison.Ordinal);
        var stage = build.Engine.Build(build.Dockerfile, build.Tag.Split(':')[0] + "-build-stage", output, new BuildOptions { Target = "build", Platform = build.Platform });
        stage.AssertSucceeded();
        var assetsPath = "/src/" + Path.GetDirectoryName(project)!.Replace('\\', '/') + "/obj";
        var assets = stage.Engine.WithFolder(stage.Tag, assetsPath, folder => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "project.assets.json"))).RootElement.Clone());
        var published = stage.Engine.WithFolder(stage.Tag, PublishFolder, folder =>
            Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal));

        // The runtime-specific target when there is one (self-contained, Native AOT), else the framework's.
        var target = assets.GetProperty("targets").EnumerateObject().OrderByDescending(t => t.Name.Contains('/')).First().Value;
        var packages = new List<string>();
        foreach (var library in target.EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() != "package")
            {
                continue;
            }

            string[] Files(string kind) => library.Value.TryGetProperty(kind, out var files)
                ? files.EnumerateObject().Select(f => f.Name).Where(f => !f.EndsWith("/_._", StringComparison.Ordinal)).ToArray()
                : Array.Empty<string>();
            var runtime = Files("runtime");
            var inFolder = runtime.Concat(Files("native")).Select(Path.GetFileName)
                .Concat(Files("resource").Select(f => Path.GetFileName(Path.GetDirectoryName(f)) + "/" + Path.GetFileName(f)))
                .Any(f => published.Contains(f!));
            if (inFolder || (nativeAot && runtime.Length > 0))
            {
                packages.Add(library.Name.Replace('/', '@'));
            }
        }

        return packages;
    }
}
