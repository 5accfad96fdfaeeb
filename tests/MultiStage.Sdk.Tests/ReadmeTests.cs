using System.Text;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Client;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>The README's image table is what the image selection code picks.</summary>
public class ReadmeTests
{
    private const string Start = "<!-- image-table:start (generated from the code; ReadmeTests checks it) -->";
    private const string End = "<!-- image-table:end -->";

    [Fact]
    public void The_readme_image_table_matches_the_code()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var start = readme.IndexOf(Start, StringComparison.Ordinal);
        var end = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no image table markers.");

        var documented = readme.Substring(start + Start.Length, end - start - Start.Length).Trim();
        var expected = RenderImageTable().Trim();

        Assert.True(documented == expected, "README.md's image table differs from the code. It should read:\n\n" + expected);
    }

    [Fact]
    public void The_readme_example_is_what_the_generator_writes_for_that_project()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var start = readme.IndexOf("```dockerfile\n", StringComparison.Ordinal) + "```dockerfile\n".Length;
        var example = readme.Substring(start, readme.IndexOf("```", start, StringComparison.Ordinal) - start);
        var golden = File.ReadAllText(Path.Combine(Repository.Root, "tests", "MultiStage.Generator.Tests", "Golden", "net10-web-api-with-reference.Dockerfile"));

        Assert.Equal(golden, example);
    }

    /// <summary>
    /// The README's AddDockerfile call, for an AppHost in samples/multi-project/src/Shop.AppHost, names the context and
    /// the Dockerfile the sample's generated Dockerfile says to build with, and the port it exposes.
    /// </summary>
    [Fact]
    public void The_Aspire_example_builds_the_sample_Dockerfile_from_its_context()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var call = System.Text.RegularExpressions.Regex.Match(readme, @"AddDockerfile\(""(?<name>[^""]+)"", ""(?<context>[^""]+)"", ""(?<dockerfile>[^""]+)""\)\s*\.WithHttpEndpoint\(targetPort: (?<port>\d+)\)");
        Assert.True(call.Success, "README.md has no AddDockerfile(...).WithHttpEndpoint(targetPort: ...) example.");
        var appHost = Path.Combine(Repository.Samples, "multi-project", "src", "Shop.AppHost");
        var context = Path.GetFullPath(Path.Combine(appHost, call.Groups["context"].Value));
        var dockerfilePath = Path.GetFullPath(Path.Combine(context, call.Groups["dockerfile"].Value));

        Assert.True(File.Exists(dockerfilePath), dockerfilePath);
        var dockerfile = File.ReadAllText(dockerfilePath);
        var header = System.Text.RegularExpressions.Regex.Match(dockerfile, @"^# Build from the context folder \((?<up>[./]+)\): docker build -f (?<file>\S+) ", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(header.Success, dockerfile);
        Assert.Equal(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dockerfilePath)!, header.Groups["up"].Value)), context);
        Assert.Equal(call.Groups["dockerfile"].Value, header.Groups["file"].Value);
        Assert.Contains($"\nEXPOSE {call.Groups["port"].Value}\n", dockerfile);
    }

    /// <summary>One row per .NET version, one column per app shape, each cell what ImageSelector picks.</summary>
    public static string RenderImageTable()
    {
        var table = new StringBuilder();
        table.AppendLine("| TargetFramework | build stage | ASP.NET app | console / worker app | self-contained, single-file, trimmed | Native AOT (build stage / final stage) |");
        table.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var tfm in new[] { "net11.0", "net10.0", "net9.0", "net8.0", "net7.0", "net6.0" })
        {
            var web = Pick(tfm, f => f with { UsesAspNetCore = true, IsWebApp = true });
            var console = Pick(tfm, f => f);
            var selfContained = Pick(tfm, f => f with { SelfContained = true });
            var aot = Pick(tfm, f => f with { PublishAot = true });
            var toolchain = aot.InstallsToolchain ? " + clang, zlib" : string.Empty;
            table.AppendLine($"| {tfm} | {web.Build} | {web.Final} | {console.Final} | {selfContained.Final} | {aot.Build}{toolchain} / {aot.Final} |");
        }

        return table.ToString();
    }

    private static (string Build, string Final, bool InstallsToolchain) Pick(string tfm, Func<ProjectFacts, ProjectFacts> shape)
    {
        var selection = ImageSelector.Select(shape(new ProjectFacts { TargetFramework = tfm, AssemblyName = "App" }));
        Assert.NotNull(selection.Choice);
        var choice = selection.Choice!;
        return (Short(choice.BuildImage), Short(choice.FinalImage), choice.AotToolchainInstall != OsPackageManager.None);
    }

    private static string Short(string image) => "`" + image.Replace("mcr.microsoft.com/dotnet/", string.Empty) + "`";
}
