using System.Text.Json;
using System.Text.RegularExpressions;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace MultiStage.Generator.Tests;

/// <summary>
/// The CI workflows in samples/ci show the whole shipping line from one dotnet command: they must parse, pass only
/// properties the SDK declares (or the .NET SDK's own), push by ContainerRegistry under tags, make the digest
/// reproducible from the commit time, and hand the pushed digest to a later step.
/// </summary>
public class CiSampleTests
{
    // .NET SDK properties the samples pass that MultiStage.Sdk reads but does not declare.
    private static readonly string[] DotNetSdkProperties = { "SourceRevisionId" };

    public static TheoryData<string> Samples => new(SampleNames());

    [Fact]
    public void There_are_samples_for_GitHub_Actions_and_Azure_Pipelines()
    {
        Assert.Equal(new[] { "azure-pipelines-image.yml", "github-actions-image.yml" }, SampleNames());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_image_command_passes_only_declared_properties_and_escapes_list_separators(string sample)
    {
        var command = ImageCommand(Scripts(sample), sample);
        var declared = DeclaredProperties().Concat(DotNetSdkProperties).ToHashSet(StringComparer.Ordinal);

        var passed = Regex.Matches(command, @"-p:([A-Za-z]+)=(""[^""]*""|\S*)").Select(m => (Name: m.Groups[1].Value, Value: m.Groups[2].Value)).ToList();

        Assert.NotEmpty(passed);
        Assert.All(passed, p => Assert.True(declared.Contains(p.Name), $"{sample} passes -p:{p.Name}, which the SDK does not declare"));
        // A bare semicolon on the command line separates two MSBuild properties: a list's own must be %3B.
        Assert.All(passed, p => Assert.DoesNotContain(";", p.Value));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_image_command_pushes_tags_with_the_commit_time_and_returns_the_digest(string sample)
    {
        var command = ImageCommand(Scripts(sample), sample);

        Assert.Matches(@"-p:ContainerRegistry=\S+", command);
        Assert.Matches(@"-p:ContainerImageTags=""[^""]+%3B[^""]+""", command);
        Assert.Contains("-p:MultiStageReproducible=true", command);
        Assert.Contains("export SOURCE_DATE_EPOCH=\"$(git log -1 --format=%ct)\"", command);
        Assert.Contains("-getProperty:GeneratedContainerDigest", command);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_later_step_addresses_the_image_by_the_pushed_digest(string sample)
    {
        var scripts = Scripts(sample);
        var pushing = scripts.FindIndex(s => s.Contains("-t:MultiStageContainerImage", StringComparison.Ordinal));
        Assert.Matches(@"digest=\$digest|setvariable variable=digest;isOutput=true\]\$digest", scripts[pushing]);

        var later = scripts.Skip(pushing + 1).ToList();

        Assert.Contains(later, s => Regex.IsMatch(s, @"@(\$\{\{ needs\.image\.outputs\.digest \}\}|\$\(push\.digest\))"));
    }

    private static string[] SampleNames() =>
        Directory.GetFiles(SdkSurface.PathOf("samples/ci"), "*.yml").Select(f => Path.GetFileName(f)).OrderBy(n => n, StringComparer.Ordinal).ToArray();

    /// <summary>Every run or script value of a workflow, in document order; the YAML must parse.</summary>
    private static List<string> Scripts(string sample)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(SdkSurface.PathOf("samples/ci/" + sample)))
        {
            stream.Load(reader);
        }

        var scripts = new List<string>();
        void Walk(YamlNode node)
        {
            switch (node)
            {
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping.Children)
                    {
                        if (key is YamlScalarNode { Value: "run" or "script" } && value is YamlScalarNode { Value: { } text })
                        {
                            scripts.Add(text);
                        }

                        Walk(value);
                    }

                    break;
                case YamlSequenceNode sequence:
                    foreach (var child in sequence.Children)
                    {
                        Walk(child);
                    }

                    break;
            }
        }

        Walk(Assert.Single(stream.Documents).RootNode);
        return scripts;
    }

    private static string ImageCommand(List<string> scripts, string sample) =>
        Assert.Single(scripts, s => s.Contains("-t:MultiStageContainerImage", StringComparison.Ordinal)) ?? throw new InvalidOperationException(sample);

    private static IEnumerable<string> DeclaredProperties()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(SdkSurface.PathOf("sdk/MultiStage.Sdk.schema.json")));
        return schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();
    }
}
