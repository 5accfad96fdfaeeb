using MultiStage.Generator.Facts;
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
}
