using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>GeneratedContainerConfiguration: the command that reads it back from each builder, and what counts as one.</summary>
public class ImageConfigurationTests
{
    private const string Digest = "sha256:d54e5963134315a5f01368f6beaaa72e6c5822441988d47740615436886f2dc9";

    [Fact]
    public void Buildah_prints_the_configuration_blob_itself()
    {
        Assert.Equal(
            new[] { "inspect", "--type", "image", "--format", "{{.Config}}", "localhost/api:1.2" },
            ImageConfiguration.Inspect(ContainerBuilder.Buildah, pushedWhileBuilding: false, "localhost/api:1.2", digest: null, platformCount: 1));
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("podman")]
    public void Docker_and_podman_print_architecture_os_and_config_through_a_template(string builder)
    {
        var inspect = ImageConfiguration.Inspect(builder == "docker" ? ContainerBuilder.Docker : ContainerBuilder.Podman, pushedWhileBuilding: false, "r:5000/api:1.2", Digest, platformCount: 0)!;

        Assert.Equal(new[] { "image", "inspect", "--format" }, inspect.Take(3));
        Assert.Equal("{\"architecture\":{{json .Architecture}},\"os\":{{json .Os}},\"config\":{{json .Config}}}", inspect[3]);
        Assert.Equal("r:5000/api:1.2", inspect[4]);
    }

    [Fact]
    public void Buildx_push_reads_the_pushed_image_by_its_digest_without_the_tag()
    {
        Assert.Equal(
            new[] { "buildx", "imagetools", "inspect", "--format", "{{json .Image}}", "127.0.0.1:5000/shop/api@" + Digest },
            ImageConfiguration.Inspect(ContainerBuilder.Docker, pushedWhileBuilding: true, "127.0.0.1:5000/shop/api:1.2", Digest, platformCount: 1));
        Assert.Null(ImageConfiguration.Inspect(ContainerBuilder.Docker, pushedWhileBuilding: true, "127.0.0.1:5000/shop/api:1.2", digest: null, platformCount: 1));
    }

    [Fact]
    public void Several_platforms_have_no_single_configuration()
    {
        Assert.Null(ImageConfiguration.Inspect(ContainerBuilder.Docker, pushedWhileBuilding: true, "r/api:1", Digest, platformCount: 2));
        Assert.Null(ImageConfiguration.Inspect(ContainerBuilder.Buildah, pushedWhileBuilding: false, "r/api:1", Digest, platformCount: 2));
    }

    [Theory]
    [InlineData("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"ExposedPorts\":{\"8080/tcp\":{}}}}\n", true)]
    [InlineData("{\"architecture\":\"amd64\",\"os\":\"linux\"}", false)]
    [InlineData("[{\"config\":{}}]", false)]
    [InlineData("Error: image not known", false)]
    [InlineData("", false)]
    public void Only_an_object_with_a_config_is_a_configuration(string output, bool accepted)
    {
        Assert.Equal(accepted ? output.Trim() : null, ImageConfiguration.Parse(output));
    }

    [Fact]
    public void The_result_file_carries_the_configuration_as_an_object()
    {
        const string configuration = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"1654\",\"ExposedPorts\":{\"8080/tcp\":{}},\"Env\":[\"A=1\"],\"Healthcheck\":{\"Retries\":3}}}";
        var result = new ImageResult(null, "api", new[] { "latest" }, new[] { "api:latest" }, null, null, new[] { "linux/amd64" }, configuration);

        var json = result.ToJson();

        Assert.Contains("\"configuration\": " + configuration + "\n", json);
        Assert.Equal(configuration, ImageResult.Parse(json)!.Configuration);
        Assert.Null(ImageResult.Parse((result with { Configuration = null }).ToJson())!.Configuration);
        Assert.Equal("{\"a\":[1.5,true,null,\"x\\\"y\"]}", MiniJson.Write(MiniJson.Parse("{ \"a\": [1.5, true, null, \"x\\\"y\"] }")));
    }

    [Fact]
    public void A_configuration_that_cannot_be_read_is_a_warning_naming_the_command()
    {
        var warning = DiagnosticDescriptors.ImageConfigurationNotRead.Create("r/api:1", "buildah inspect --type image --format {{.Config}} r/api:1", "exit code 125");

        Assert.Equal("MULTISTAGE4016", warning.Code);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Descriptor.Severity);
        Assert.Contains("'buildah inspect --type image --format {{.Config}} r/api:1': exit code 125", warning.Message);
    }
}
