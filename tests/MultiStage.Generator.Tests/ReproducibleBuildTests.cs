using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Facts;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>MultiStageReproducible's timestamp, the created label, and what each builder is told.</summary>
public class ReproducibleBuildTests
{
    private static ImageBuildRequest Request(long? epoch, params NameValue[] buildArguments) =>
        new("/repo/Dockerfile", "/repo", new[] { "app:latest" }, Array.Empty<string>(), Array.Empty<BuildSecret>(), buildArguments, Array.Empty<string>(), "linux/amd64", SourceDateEpoch: epoch);

    [Theory]
    [InlineData("1700000000", "1699999999", 1700000000L)]
    [InlineData(" 42 ", null, 42L)]
    [InlineData(null, "1699999999", 1699999999L)]
    [InlineData("", "1699999999", 1699999999L)]
    public void SOURCE_DATE_EPOCH_wins_over_the_commit_time(string? variable, string? commitTime, long expected)
    {
        Assert.Equal(((long?)expected, (string?)null), ReproducibleBuild.Epoch(variable, commitTime));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void A_SOURCE_DATE_EPOCH_that_is_not_whole_seconds_is_the_problem_named(string variable)
    {
        var (epoch, problem) = ReproducibleBuild.Epoch(variable, "1699999999");

        Assert.Null(epoch);
        Assert.Contains($"SOURCE_DATE_EPOCH '{variable}'", problem);
    }

    [Fact]
    public void Neither_variable_nor_commit_is_the_problem_named()
    {
        Assert.Equal((null, "SOURCE_DATE_EPOCH is not set and the project is not in a git repository with a commit"), ReproducibleBuild.Epoch(null, null));
    }

    [Fact]
    public void Created_is_RFC_3339_UTC_the_epoch_when_reproducible_else_now()
    {
        var now = new DateTimeOffset(2026, 12, 2, 14, 5, 6, TimeSpan.FromHours(2));

        Assert.Equal("2023-11-14T22:13:20Z", ReproducibleBuild.Created(1700000000, now));
        Assert.Equal("2026-12-02T12:05:06Z", ReproducibleBuild.Created(null, now));
    }

    [Fact]
    public void The_label_arguments_the_Dockerfile_declares_follow_the_projects_own_which_win()
    {
        var own = new[] { new NameValue("BUILD_CONFIGURATION", "Debug"), new NameValue("IMAGE_VERSION", "9.9.9-mine") };

        var arguments = ReproducibleBuild.WithLabelArguments(own, new[] { "IMAGE_VERSION", "IMAGE_CREATED" }, new ImageMetadata("1.2.3", "abc", "2026-12-02T12:00:00Z"));

        Assert.Equal(new[] { own[0], own[1], new NameValue("IMAGE_CREATED", "2026-12-02T12:00:00Z") }, arguments);
    }

    [Theory]
    [InlineData("buildah", "bud")]
    [InlineData("podman", "build")]
    public void Buildah_and_podman_get_the_timestamp(string builder, string verb)
    {
        var arguments = ContainerBuilderCommands.Build(ContainerBuilderCommands.Parse(builder)!.Value, DockerBuildKit.Unavailable, Request(1700000000));

        Assert.Equal(verb, arguments[0]);
        Assert.Equal("1700000000", arguments[arguments.ToList().IndexOf("--timestamp") + 1]);
        Assert.DoesNotContain(arguments, a => a.Contains("SOURCE_DATE_EPOCH"));
    }

    [Theory]
    [InlineData("BuiltIn")]
    [InlineData("Buildx")]
    public void Docker_gets_BuildKits_SOURCE_DATE_EPOCH_build_argument(string buildKit)
    {
        var arguments = ContainerBuilderCommands.Build(ContainerBuilder.Docker, Enum.Parse<DockerBuildKit>(buildKit), Request(1700000000)).ToList();

        Assert.Equal("SOURCE_DATE_EPOCH=1700000000", arguments[arguments.IndexOf("--build-arg") + 1]);
        Assert.DoesNotContain("--timestamp", arguments);
    }

    [Fact]
    public void A_SOURCE_DATE_EPOCH_build_argument_of_the_project_wins()
    {
        var arguments = ContainerBuilderCommands.Build(ContainerBuilder.Docker, DockerBuildKit.BuiltIn, Request(1700000000, new NameValue("SOURCE_DATE_EPOCH", "5")));

        Assert.Equal(new[] { "SOURCE_DATE_EPOCH=5" }, arguments.Where(a => a.StartsWith("SOURCE_DATE_EPOCH", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("docker", "BuiltIn")]
    [InlineData("docker", "Buildx")]
    [InlineData("podman", "Unavailable")]
    [InlineData("buildah", "Unavailable")]
    public void Without_MultiStageReproducible_no_command_line_carries_a_timestamp(string builder, string buildKit)
    {
        var arguments = ContainerBuilderCommands.Build(ContainerBuilderCommands.Parse(builder)!.Value, Enum.Parse<DockerBuildKit>(buildKit), Request(null));

        Assert.DoesNotContain("--timestamp", arguments);
        Assert.DoesNotContain(arguments, a => a.Contains("SOURCE_DATE_EPOCH"));
    }
}
