using MultiStage.Generator.Facts;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>
/// The labels the final stage ends with: the base image as written, its digest when pinned, and version, revision
/// and created from build arguments declared after every layer, so a new commit changes neither the Dockerfile nor a layer.
/// </summary>
public class BuildLabelsTests
{
    private static readonly string[] All = BuildLabels.Known.Select(k => k.Label).ToArray();

    private static string[] Lines(string dockerfile) => dockerfile.TrimEnd('\n').Split('\n');

    [Fact]
    public void The_final_stage_ends_with_the_arguments_then_the_labels_that_read_them()
    {
        var lines = Lines(Generate.Dockerfile(Projects.Web("net10.0")).Text!);

        Assert.Equal(
            new[]
            {
                "ARG IMAGE_VERSION",
                "ARG IMAGE_REVISION",
                "ARG IMAGE_CREATED",
                "LABEL org.opencontainers.image.base.name=\"mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra\"",
                "LABEL org.opencontainers.image.version=\"$IMAGE_VERSION\"",
                "LABEL org.opencontainers.image.revision=\"$IMAGE_REVISION\"",
                "LABEL org.opencontainers.image.created=\"$IMAGE_CREATED\"",
            },
            lines.Skip(lines.Length - 7));
        Assert.StartsWith("ENTRYPOINT ", lines[lines.Length - 10]);
    }

    [Fact]
    public void A_pinned_final_image_gives_its_name_without_the_digest_and_the_digest()
    {
        var labels = BuildLabels.Plan(All, "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble@sha256:" + new string('a', 64));

        Assert.Equal(new BuildLabel(BuildLabels.BaseName, "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble"), labels[0]);
        Assert.Equal(new BuildLabel(BuildLabels.BaseDigest, "sha256:" + new string('a', 64)), labels[1]);
    }

    [Fact]
    public void An_unpinned_final_image_has_no_digest_label()
    {
        var labels = BuildLabels.Plan(All, "mcr.microsoft.com/dotnet/aspnet:10.0-noble");

        Assert.DoesNotContain(labels, l => l.Name == BuildLabels.BaseDigest);
        Assert.Equal(new[] { "IMAGE_VERSION", "IMAGE_REVISION", "IMAGE_CREATED" }, BuildLabels.Arguments(labels));
    }

    [Fact]
    public void A_ContainerLabel_of_the_same_key_wins_and_its_argument_is_not_declared()
    {
        var inputs = new[]
        {
            GeneratorInput.Property("ProjectFile", "/src/App/App.csproj"),
            GeneratorInput.FromListEntry(BuildLabels.Version, name => name == "Input" ? "BuildLabel" : string.Empty),
            GeneratorInput.FromListEntry(BuildLabels.Revision, name => name == "Input" ? "BuildLabel" : string.Empty),
            GeneratorInput.FromListEntry(BuildLabels.Version, name => name switch { "Input" => "ContainerLabel", "Value" => "2.0-custom", _ => string.Empty }),
        };

        var facts = ProjectInputs.Read(inputs).Values;
        var text = Generate.Dockerfile(Projects.Console("net10.0") with { Labels = facts.Labels, BuildLabels = facts.BuildLabels }).Text!;

        Assert.Equal(new[] { BuildLabels.Revision }, facts.BuildLabels);
        Assert.Equal(new[] { new NameValue(BuildLabels.Version, "2.0-custom") }, facts.Labels);
        Assert.Contains("LABEL \"org.opencontainers.image.version\"=\"2.0-custom\"\n", text);
        Assert.DoesNotContain("IMAGE_VERSION", text);
        Assert.EndsWith("ARG IMAGE_REVISION\nLABEL org.opencontainers.image.revision=\"$IMAGE_REVISION\"\n", text);
    }

    [Fact]
    public void With_every_label_switched_off_the_file_ends_with_the_entry_point()
    {
        var text = Generate.Dockerfile(Projects.Console("net10.0") with { BuildLabels = Array.Empty<string>() }).Text!;

        Assert.DoesNotContain("ARG IMAGE_", text);
        Assert.DoesNotContain("org.opencontainers.image.base.name", text);
        Assert.StartsWith("ENTRYPOINT ", Lines(text).Last());
    }

    [Fact]
    public void Only_the_base_image_labels_declare_no_argument()
    {
        var text = Generate.Dockerfile(Projects.Console("net10.0") with { BuildLabels = new[] { BuildLabels.BaseName } }).Text!;

        Assert.DoesNotContain("ARG IMAGE_", text);
        Assert.EndsWith("# The base image's labels.\nLABEL org.opencontainers.image.base.name=\"mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra\"\n", text);
    }

    [Fact]
    public void The_saved_state_names_the_arguments_the_Dockerfile_declares()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("obj/App.multistage.image.json");
        var plan = Generate.Plan(Projects.Web("net10.0") with { BuildLabels = new[] { BuildLabels.BaseName, BuildLabels.Created, BuildLabels.Revision } });

        ImageBuildState.From("/repo/App/Dockerfile", plan, "/repo").Save(path);

        Assert.Equal(new[] { "IMAGE_REVISION", "IMAGE_CREATED" }, ImageBuildState.Load(path)!.LabelArguments);
    }
}
