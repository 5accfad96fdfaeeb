using System.IO.Compression;
using System.Xml.Linq;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>What the package holds: an MSBuild SDK with a compiled task, and nothing that needs Roslyn.</summary>
public class PackageTests
{
    [Fact]
    public void The_package_holds_the_sdk_files_the_task_assemblies_and_the_health_probe_source_only()
    {
        using var package = ZipFile.OpenRead(SdkPackage.NupkgPath);

        var contents = package.Entries
            .Select(e => e.FullName.Replace("//", "/"))
            .Where(name => !name.StartsWith("_rels/") && !name.StartsWith("package/") && name != "[Content_Types].xml")
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
            new[]
            {
                "MultiStage.Sdk.nuspec",
                "README.md",
                "Sdk/MultiStage.Sdk.BaseImageLock.targets",
                "Sdk/MultiStage.Sdk.BuildStage.targets",
                "Sdk/MultiStage.Sdk.Client.targets",
                "Sdk/MultiStage.Sdk.ContainerImage.targets",
                "Sdk/MultiStage.Sdk.Inputs.targets",
                "Sdk/MultiStage.Sdk.props",
                "Sdk/MultiStage.Sdk.schema.json",
                "Sdk/MultiStage.Sdk.targets",
                "Sdk/Sdk.props",
                "Sdk/Sdk.targets",
                "healthprobe/MultiStage.HealthProbe.csproj",
                "healthprobe/Program.cs",
                "tasks/netstandard2.0/MultiStage.Generator.dll",
                "tasks/netstandard2.0/MultiStage.Sdk.dll",
            },
            contents);
    }

    [Fact]
    public void The_package_is_an_msbuild_sdk_without_dependencies()
    {
        using var package = ZipFile.OpenRead(SdkPackage.NupkgPath);
        using var nuspec = package.GetEntry("MultiStage.Sdk.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        var packageType = metadata.Descendants().Single(e => e.Name.LocalName == "packageType");
        Assert.Equal("MSBuildSdk", packageType.Attribute("name")!.Value);
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void Nothing_in_the_package_uses_Roslyn()
    {
        using var package = ZipFile.OpenRead(SdkPackage.NupkgPath);

        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("analyzers/", StringComparison.OrdinalIgnoreCase));
        foreach (var entry in package.Entries.Where(e => e.FullName.EndsWith(".props") || e.FullName.EndsWith(".targets")))
        {
            using var reader = new StreamReader(entry.Open());
            var text = reader.ReadToEnd();
            Assert.DoesNotContain("TaskFactory", text);
            Assert.DoesNotContain("CodeAnalysis", text);
        }

        foreach (var entry in package.Entries.Where(e => e.FullName.EndsWith(".dll")))
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            using var pe = new System.Reflection.PortableExecutable.PEReader(copy);
            var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var references = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToList();
            Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        }
    }
}
