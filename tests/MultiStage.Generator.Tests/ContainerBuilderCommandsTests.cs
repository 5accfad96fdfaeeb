using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>The command lines MultiStageContainerImage and MultiStageContainerRun give each builder.</summary>
public class ContainerBuilderCommandsTests
{
    private static ImageBuildRequest Request(
        IReadOnlyList<string>? platforms = null,
        IReadOnlyList<BuildSecret>? secrets = null,
        IReadOnlyList<string>? images = null) =>
        new(
            "/repo/src/Api/Dockerfile",
            "/repo",
            images ?? new[] { "api:latest" },
            platforms ?? Array.Empty<string>(),
            secrets ?? Array.Empty<BuildSecret>(),
            new[] { new NameValue("BUILD_CONFIGURATION", "Debug") },
            new[] { "--no-cache" },
            "linux/amd64");

    [Fact]
    public void Docker_with_buildx_loads_a_single_platform_image_into_the_engine()
    {
        var arguments = ContainerBuilderCommands.Build(ContainerBuilder.Docker, DockerBuildKit.Buildx, Request());

        Assert.Equal(
            new[] { "buildx", "build", "--load", "-f", "/repo/src/Api/Dockerfile", "-t", "api:latest", "--build-arg", "BUILD_CONFIGURATION=Debug", "--no-cache", "/repo" },
            arguments);
    }

    [Fact]
    public void Docker_without_buildx_uses_the_BuildKit_of_its_own_build_command()
    {
        var arguments = ContainerBuilderCommands.Build(ContainerBuilder.Docker, DockerBuildKit.BuiltIn, Request());

        Assert.Equal("build", arguments[0]);
        Assert.DoesNotContain("--load", arguments);
    }

    [Fact]
    public void Docker_builds_several_platforms_without_loading_them()
    {
        var arguments = ContainerBuilderCommands.Build(ContainerBuilder.Docker, DockerBuildKit.Buildx, Request(platforms: new[] { "linux/amd64", "linux/arm64" }));

        Assert.DoesNotContain("--load", arguments);
        Assert.Contains("linux/amd64,linux/arm64", arguments);
        Assert.DoesNotContain(arguments, a => a.StartsWith("BUILDPLATFORM=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Podman", "build")]
    [InlineData("Buildah", "bud")]
    public void Podman_and_buildah_collect_several_platforms_in_a_manifest_and_name_the_build_platform(string builder, string command)
    {
        var arguments = ContainerBuilderCommands.Build(Enum.Parse<ContainerBuilder>(builder), DockerBuildKit.Unavailable, Request(platforms: new[] { "linux/amd64", "linux/arm64" }, images: new[] { "api:1", "api:latest" }));

        Assert.Equal(new[] { command, "--layers" }, arguments.Take(2));
        Assert.Equal("api:1", arguments[arguments.ToList().IndexOf("--manifest") + 1]);
        Assert.Equal("api:latest", arguments[arguments.ToList().IndexOf("-t") + 1]);
        Assert.Contains("BUILDPLATFORM=linux/amd64", arguments);
    }

    [Fact]
    public void Secrets_come_from_a_file_or_an_environment_variable()
    {
        var arguments = ContainerBuilderCommands.Build(
            ContainerBuilder.Buildah,
            DockerBuildKit.Unavailable,
            Request(secrets: new[] { new BuildSecret("nuget", "/home/me/.nuget/NuGet/NuGet.Config", null), new BuildSecret("FEED_TOKEN", null, "FEED_TOKEN") }));

        Assert.Contains("id=nuget,src=/home/me/.nuget/NuGet/NuGet.Config,type=file", arguments);
        Assert.Contains("id=FEED_TOKEN,env=FEED_TOKEN", arguments);
    }

    [Theory]
    [InlineData("linux-x64", "linux/amd64")]
    [InlineData("linux-musl-x64", "linux/amd64")]
    [InlineData("linux-arm64", "linux/arm64")]
    [InlineData("linux-musl-arm64", "linux/arm64")]
    [InlineData("linux-arm", "linux/arm/v7")]
    public void A_runtime_identifier_is_an_OCI_platform(string rid, string platform)
    {
        Assert.Equal(new[] { platform }, ContainerBuilderCommands.Platforms(new[] { rid }));
    }

    [Fact]
    public void Non_Linux_runtime_identifiers_give_no_platform_and_duplicates_collapse()
    {
        Assert.Equal(new[] { "linux/amd64" }, ContainerBuilderCommands.Platforms(new[] { "win-x64", "linux-x64", "linux-musl-x64" }));
    }

    [Fact]
    public void An_image_without_tags_is_tagged_latest()
    {
        Assert.Equal(new[] { "api:latest" }, ContainerBuilderCommands.TaggedNames("api", Array.Empty<string>()));
        Assert.Equal(new[] { "api:1.2", "api:stable" }, ContainerBuilderCommands.TaggedNames("api", new[] { "1.2", "stable", "1.2" }));
    }

    [Fact]
    public void Running_publishes_every_exposed_port_on_the_same_host_port()
    {
        var arguments = ContainerBuilderCommands.Run("api:latest", "multistage-1", new[] { new PortSpec(8080, "tcp"), new PortSpec(5353, "udp") }, new[] { "-e", "A=1" });

        Assert.Equal(new[] { "run", "--rm", "--name", "multistage-1", "-p", "8080:8080", "-p", "5353:5353/udp", "-e", "A=1", "api:latest" }, arguments);
    }

    [Theory]
    [InlineData("docker", "Docker")]
    [InlineData("Podman", "Podman")]
    [InlineData(" buildah ", "Buildah")]
    [InlineData("", null)]
    [InlineData("kaniko", null)]
    public void A_builder_name_is_read_case_insensitively(string name, string? expected)
    {
        Assert.Equal(expected, ContainerBuilderCommands.Parse(name)?.ToString());
    }

    [Theory]
    [InlineData(true, "28.2.2", "Buildx")]
    [InlineData(true, null, "Buildx")]
    [InlineData(false, "20.10.24+dfsg1", "BuiltIn")]
    [InlineData(false, "18.09.7", "BuiltIn")]
    [InlineData(false, "22.06.0-beta.0", "BuiltIn")]
    [InlineData(false, "23.0.0", "Unavailable")]
    [InlineData(false, "28.2.2", "Unavailable")]
    [InlineData(false, "18.06.3-ce", "Unavailable")]
    [InlineData(false, null, "Unavailable")]
    public void Docker_builds_with_buildx_else_the_BuildKit_built_into_clients_before_23(bool hasBuildx, string? clientVersion, string expected)
    {
        Assert.Equal(expected, ContainerBuilderCommands.DockerBuildKitFor(hasBuildx, clientVersion).ToString());
    }
}
