using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>MultiStageContainerCacheFrom and MultiStageContainerCacheTo: the cache arguments of each builder, and what each refuses.</summary>
public class BuildCacheTests
{
    private static BuildCacheSettings Settings(string from, string to)
    {
        var settings = BuildCache.Parse(Split(from), Split(to), out var problem);
        Assert.Null(problem);
        return settings;
    }

    private static IReadOnlyList<string> Split(string list) => list.Split(';', StringSplitOptions.RemoveEmptyEntries);

    private static IReadOnlyList<string> Arguments(ContainerBuilder builder, DockerBuildKit buildKit, string from, string to)
    {
        var settings = Settings(from, to);
        Assert.Null(BuildCache.Unsupported(builder, buildKit, settings));
        return BuildCache.Arguments(builder, buildKit, settings);
    }

    [Fact]
    public void Docker_built_in_BuildKit_writes_the_inline_cache_and_reads_it_from_the_image()
    {
        Assert.Equal(
            new[] { "--cache-from", "127.0.0.1:5000/shop/api:main", "--build-arg", "BUILDKIT_INLINE_CACHE=1" },
            Arguments(ContainerBuilder.Docker, DockerBuildKit.BuiltIn, "127.0.0.1:5000/shop/api:main", "inline"));
    }

    [Fact]
    public void Docker_built_in_BuildKit_reads_the_reference_of_a_registry_specification()
    {
        Assert.Equal(
            new[] { "--cache-from", "registry.example.com/api", "--cache-from", "registry.example.com/api:main" },
            Arguments(ContainerBuilder.Docker, DockerBuildKit.BuiltIn, "type=registry,ref=registry.example.com/api;registry.example.com/api:main", ""));
    }

    [Fact]
    public void Buildx_writes_a_registry_cache_of_every_stage_and_reads_it_as_a_registry_cache()
    {
        Assert.Equal(
            new[] { "--cache-from", "type=registry,ref=registry.example.com/shop/api-cache", "--cache-to", "type=registry,ref=registry.example.com/shop/api-cache,mode=max" },
            Arguments(ContainerBuilder.Docker, DockerBuildKit.Buildx, "registry.example.com/shop/api-cache", "registry.example.com/shop/api-cache"));
    }

    [Fact]
    public void Buildx_takes_a_cache_specification_as_written()
    {
        Assert.Equal(
            new[] { "--cache-from", "type=gha,scope=api", "--cache-to", "type=gha,mode=max,scope=api" },
            Arguments(ContainerBuilder.Docker, DockerBuildKit.Buildx, "type=gha,scope=api", "type=gha,mode=max,scope=api"));
        Assert.Equal(new[] { "--cache-to", "type=inline" }, Arguments(ContainerBuilder.Docker, DockerBuildKit.Buildx, "", "inline"));
    }

    [Theory]
    [InlineData("buildah")]
    [InlineData("podman")]
    public void Buildah_and_podman_push_and_pull_their_layers_as_tags_of_a_repository(string builderName)
    {
        var builder = ContainerBuilderCommands.Parse(builderName)!.Value;
        Assert.Equal(
            new[] { "--cache-from", "registry.example.com/shop/api-cache", "--cache-to", "registry.example.com/shop/api-cache" },
            Arguments(builder, DockerBuildKit.Unavailable, "registry.example.com/shop/api-cache", "type=registry,ref=registry.example.com/shop/api-cache"));
    }

    [Fact]
    public void No_cache_properties_add_no_arguments()
    {
        Assert.Empty(Arguments(ContainerBuilder.Docker, DockerBuildKit.BuiltIn, "", ""));
        Assert.Empty(Arguments(ContainerBuilder.Buildah, DockerBuildKit.Unavailable, "", ""));
    }

    [Theory]
    [InlineData("docker", "registry.example.com/api-cache", "MULTISTAGE4025", "install the buildx plugin")]
    [InlineData("docker", "type=registry,ref=registry.example.com/api-cache", "MULTISTAGE4025", "set inline")]
    [InlineData("docker", "type=gha", "MULTISTAGE4025", "'gha' cache is written by docker buildx only")]
    [InlineData("buildah", "inline", "MULTISTAGE4025", "no inline cache")]
    [InlineData("podman", "registry.example.com/api-cache:main", "MULTISTAGE4025", "without a tag")]
    [InlineData("buildah", "type=local,dest=/tmp/cache", "MULTISTAGE4025", "'local' cache")]
    public void An_export_the_builder_cannot_write_is_MULTISTAGE4025_naming_the_value(string builderName, string to, string code, string reason)
    {
        var builder = ContainerBuilderCommands.Parse(builderName)!.Value;
        var buildKit = builder == ContainerBuilder.Docker ? DockerBuildKit.BuiltIn : DockerBuildKit.Unavailable;

        var problem = BuildCache.Unsupported(builder, buildKit, Settings("", to));

        Assert.NotNull(problem);
        Assert.Equal(code, problem!.Code);
        Assert.Contains($"MultiStageContainerCacheTo '{to}'", problem.Message);
        Assert.Contains(reason, problem.Message);
    }

    [Theory]
    [InlineData("docker", "type=gha,scope=api", "'gha' cache is read by docker buildx only")]
    [InlineData("buildah", "registry.example.com/api:main", "without a tag")]
    [InlineData("podman", "type=local,src=/tmp/cache", "'local' cache")]
    public void An_import_the_builder_cannot_read_is_MULTISTAGE4026_naming_the_value(string builderName, string from, string reason)
    {
        var builder = ContainerBuilderCommands.Parse(builderName)!.Value;
        var buildKit = builder == ContainerBuilder.Docker ? DockerBuildKit.BuiltIn : DockerBuildKit.Unavailable;

        var problem = BuildCache.Unsupported(builder, buildKit, Settings(from, ""));

        Assert.Equal("MULTISTAGE4026", problem?.Code);
        Assert.Contains($"MultiStageContainerCacheFrom '{from}'", problem!.Message);
        Assert.Contains(reason, problem.Message);
    }

    [Fact]
    public void Buildx_reads_and_writes_every_kind_of_cache()
    {
        foreach (var (from, to) in new[] { ("type=gha", "type=gha,mode=max"), ("type=local,src=/c", "type=local,dest=/c"), ("r.example.com/a", "inline"), ("r.example.com/a:main", "r.example.com/a:main") })
        {
            Assert.Null(BuildCache.Unsupported(ContainerBuilder.Docker, DockerBuildKit.Buildx, Settings(from, to)));
        }
    }

    [Theory]
    [InlineData("Registry.Example.com/Shop/API", "", "MultiStageContainerCacheFrom")]
    [InlineData("has space/app", "", "MultiStageContainerCacheFrom")]
    [InlineData("inline", "", "MultiStageContainerCacheFrom")]
    [InlineData("", "type=registry", "MultiStageContainerCacheTo")]
    [InlineData("", "mode=max,ref=r.example.com/a", "MultiStageContainerCacheTo")]
    [InlineData("", "type=registry,ref=r.example.com/a,mode", "MultiStageContainerCacheTo")]
    [InlineData("", "r.example.com/a;r.example.com/b", "MultiStageContainerCacheTo")]
    [InlineData("", "r.example.com/a\nb", "MultiStageContainerCacheTo")]
    public void A_value_that_names_no_cache_is_MULTISTAGE4027_naming_the_property(string from, string to, string property)
    {
        var settings = BuildCache.Parse(Split(from), Split(to), out var problem);

        Assert.Equal("MULTISTAGE4027", problem?.Code);
        Assert.StartsWith($"{property} '", problem!.Message);
        Assert.Same(BuildCacheSettings.None, settings);
    }

    [Fact]
    public void The_build_command_carries_the_cache_arguments_before_the_extra_arguments()
    {
        var request = new ImageBuildRequest(
            "/repo/src/Api/Dockerfile", "/repo", new[] { "api:latest" }, Array.Empty<string>(), Array.Empty<BuildSecret>(),
            Array.Empty<NameValue>(), new[] { "--network=host" }, "linux/amd64", Cache: Settings("127.0.0.1:5000/api:latest", "inline"));

        Assert.Equal(
            new[] { "build", "-f", "/repo/src/Api/Dockerfile", "-t", "api:latest", "--cache-from", "127.0.0.1:5000/api:latest", "--build-arg", "BUILDKIT_INLINE_CACHE=1", "--network=host", "/repo" },
            ContainerBuilderCommands.Build(ContainerBuilder.Docker, DockerBuildKit.BuiltIn, request));
    }
}
