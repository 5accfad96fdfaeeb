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
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

public sealed class BuildContextTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("repo", "repo", true)]
    [InlineData("repo", "repo/src/App/App.csproj", true)]
    [InlineData("repo/", "repo/src", true)]
    [InlineData("repo", "repo2/src", false)]
    [InlineData("repo/src", "repo", false)]
    [InlineData("repo", "other/repo", false)]
    [InlineData("repo", "repo/../other", false)]
    public void Contains_is_true_for_the_root_and_what_is_inside_it(string root, string path, bool expected)
    {
        Assert.Equal(expected, BuildContext.Contains(folder.PathOf(root), folder.PathOf(path)));
    }

    [Theory]
    [InlineData("repo", "repo/src/Api/Api.csproj", "src/Api/Api.csproj")]
    [InlineData("repo", "repo/Dockerfile", "Dockerfile")]
    [InlineData("repo", "repo", ".")]
    [InlineData("repo/", "repo/a/", "a")]
    [InlineData("repo/src/App", "repo/Dockerfile", "../../Dockerfile")]
    [InlineData("repo/src", "repo/docker/App.Dockerfile", "../docker/App.Dockerfile")]
    [InlineData("repo", "elsewhere/x", "../elsewhere/x")]
    public void Relative_uses_forward_slashes_and_climbs_out_for_paths_outside(string root, string path, string expected)
    {
        Assert.Equal(expected, BuildContext.Relative(folder.PathOf(root), folder.PathOf(path)));
    }

    [Fact]
    public void Normalize_drops_a_trailing_separator_but_keeps_a_filesystem_root()
    {
        Assert.Equal(folder.PathOf("a"), BuildContext.Normalize(folder.PathOf("a") + Path.DirectorySeparatorChar));
        var fileSystemRoot = Path.GetPathRoot(folder.Root)!;
        Assert.Equal(fileSystemRoot, BuildContext.Normalize(fileSystemRoot));
    }
}
