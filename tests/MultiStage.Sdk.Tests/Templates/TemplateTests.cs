using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests.Templates;

/// <summary>
/// The MultiStage.Templates package: four templates, each pinning the SDK version packed from the same tree, each
/// documenting its options in <c>dotnet new &lt;template&gt; --help</c>. Every template is instantiated and built in
/// <see cref="WebTemplateTests"/>, <see cref="ConsoleTemplateTests"/>, <see cref="WorkerTemplateTests"/> and
/// <see cref="SolutionTemplateTests"/>.
/// </summary>
public class TemplateTests
{
    private static readonly string[] Frameworks = { "net10.0", "net9.0", "net8.0" };
    private static readonly string[] Families = { "default", "noble", "noble-chiseled", "alpine", "azurelinux3.0", "azurelinux3.0-distroless" };

    [Fact]
    public void The_package_is_a_template_package_holding_the_four_templates_and_no_assembly()
    {
        using var package = ZipFile.OpenRead(TemplatesPackage.NupkgPath);
        using var nuspec = package.GetEntry("MultiStage.Templates.nuspec")!.Open();
        var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        Assert.Equal("Template", metadata.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")!.Value);
        Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency");
        Assert.DoesNotContain(package.Entries, e => e.FullName.StartsWith("lib/", StringComparison.Ordinal) || e.FullName.EndsWith(".dll", StringComparison.Ordinal));
        foreach (var name in TemplatesPackage.Names)
        {
            using var config = package.GetEntry($"content/{name}/.template.config/template.json")!.Open();
            using var template = JsonDocument.Parse(config);
            Assert.Equal(name, template.RootElement.GetProperty("shortName").GetString());
        }
    }

    [Fact]
    public void Every_template_pins_the_MultiStage_Sdk_version_packed_from_the_same_tree()
    {
        using var package = ZipFile.OpenRead(TemplatesPackage.NupkgPath);

        Assert.Equal(SdkPackage.Version, TemplatesPackage.Version);
        foreach (var name in TemplatesPackage.Names)
        {
            var entry = package.GetEntry($"content/{name}/global.json");
            Assert.True(entry is not null, $"content/{name}/global.json is missing from the package.");
            using var stream = entry!.Open();
            using var globalJson = JsonDocument.Parse(stream);
            Assert.Equal(SdkPackage.Version, globalJson.RootElement.GetProperty("msbuild-sdks").GetProperty("MultiStage.Sdk").GetString());
        }
    }

    public static TheoryData<string, string[], string[]> Options => new()
    {
        // template, options it has, options it has not
        { "multistage-web", new[] { "--framework", "--port", "--family", "--aot" }, Array.Empty<string>() },
        { "multistage-console", new[] { "--framework", "--family", "--aot" }, new[] { "--port" } },
        { "multistage-worker", new[] { "--framework", "--family", "--aot" }, new[] { "--port" } },
        { "multistage-sln", new[] { "--framework", "--port", "--family" }, new[] { "--aot" } },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public void Help_documents_every_option_and_its_values(string template, string[] options, string[] absent)
    {
        var help = TemplatesPackage.New(Repository.RunFolder, template, "--help");

        Assert.True(help.Succeeded, help.Output);
        var text = help.Output;
        Assert.Contains("-f, --framework <choice>", text);
        foreach (var option in options)
        {
            Assert.Contains(option + " ", text);
        }

        foreach (var option in absent)
        {
            Assert.DoesNotContain(option + " ", text);
        }

        foreach (var value in Frameworks.Concat(Families))
        {
            Assert.Contains(value + " ", text);
        }

        Assert.Contains("Default: net10.0", text);
        Assert.Contains("Default: default", text);
        if (options.Contains("--port"))
        {
            Assert.Contains("Default: 8080", text);
        }
    }
}
