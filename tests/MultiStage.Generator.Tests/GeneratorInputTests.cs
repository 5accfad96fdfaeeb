using MultiStage.Generator.Facts;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>How an entry of the targets' input list becomes a generator input.</summary>
public class GeneratorInputTests
{
    private static Func<string, string> Metadata(params (string Name, string Value)[] metadata) =>
        name => metadata.FirstOrDefault(m => m.Name == name).Value ?? string.Empty;

    [Fact]
    public void A_property_entry_is_named_by_its_Include()
    {
        var input = GeneratorInput.FromListEntry("ContainerUser", Metadata(("Value", "app")));

        Assert.Equal("ContainerUser", input.Name);
        Assert.Equal("app", input.Value);
    }

    [Fact]
    public void An_item_entry_is_named_by_Input_and_keeps_its_Include_exactly()
    {
        var entries = new[]
        {
            GeneratorInput.FromListEntry("Foo", Metadata(("Input", "ContainerEnvironmentVariable"), ("Value", "1"))),
            GeneratorInput.FromListEntry("FOO", Metadata(("Input", "ContainerEnvironmentVariable"), ("Value", "2"), ("Item", "stale"))),
        };

        var facts = ProjectInputs.Read(entries.Append(GeneratorInput.Property("ProjectFile", "/src/App/App.csproj"))).Values;

        Assert.Equal(new[] { new NameValue("Foo", "1"), new NameValue("FOO", "2") }, facts.EnvironmentVariables);
    }

    [Fact]
    public void Metadata_the_up_to_date_check_does_not_hash_is_not_copied()
    {
        var input = GeneratorInput.FromListEntry("a.txt", Metadata(("Input", "MultiStageImageFile"), ("Destination", "/etc/a.txt"), ("CopyToOutputDirectory", "Always")));

        Assert.Equal("MultiStageImageFile", input.Name);
        Assert.Equal("a.txt", input.Item);
        Assert.Equal("/etc/a.txt", input.Metadata("Destination"));
    }

    private static GeneratorInput Label(string input, string key, string value) =>
        GeneratorInput.FromListEntry(key, Metadata(("Input", input), ("Value", value)));

    private static IReadOnlyList<NameValue> Labels(params GeneratorInput[] entries) =>
        ProjectInputs.Read(entries.Append(GeneratorInput.Property("ProjectFile", "/src/App/App.csproj"))).Values.Labels;

    [Fact]
    public void A_label_from_package_metadata_reaches_the_Dockerfile_intact_with_its_whitespace_collapsed()
    {
        const string Description = "Bob's API:\n  $(Version) @(Items) %(Meta) %25 `tick` \"quoted\"; semi\\\t end ";

        var labels = Labels(Label("GeneratedLabel", "org.opencontainers.image.description", Description));

        var label = Assert.Single(labels);
        Assert.Equal("Bob's API: $(Version) @(Items) %(Meta) %25 `tick` \"quoted\"; semi\\ end", label.Value);
        var dockerfile = Generate.Dockerfile(Projects.Console("net10.0") with { Labels = labels }).Text!;
        Assert.Contains(
            "LABEL \"org.opencontainers.image.description\"=\"Bob's API: \\$(Version) @(Items) %(Meta) %25 `tick` \\\"quoted\\\"; semi\\\\ end\"\n",
            dockerfile);
    }

    [Fact]
    public void A_blank_generated_label_is_dropped_but_a_blank_ContainerLabel_is_kept()
    {
        var labels = Labels(Label("GeneratedLabel", "org.opencontainers.image.title", " \n\t "), Label("ContainerLabel", "com.example.empty", ""));

        Assert.Equal(new[] { new NameValue("com.example.empty", "") }, labels);
    }

    [Fact]
    public void A_ContainerLabel_wins_over_the_generated_label_of_exactly_its_key()
    {
        var labels = Labels(
            Label("GeneratedLabel", "org.opencontainers.image.title", "Generated"),
            Label("GeneratedLabel", "org.opencontainers.image.vendor", "Generated vendor"),
            Label("ContainerLabel", "org.opencontainers.image.title", "Own"),
            Label("ContainerLabel", "Org.OpenContainers.Image.Vendor", "Another key"));

        Assert.Equal(
            new[]
            {
                new NameValue("org.opencontainers.image.vendor", "Generated vendor"),
                new NameValue("org.opencontainers.image.title", "Own"),
                new NameValue("Org.OpenContainers.Image.Vendor", "Another key"),
            },
            labels);
    }
}
