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

    [Theory]
    [InlineData(".git folder at the repository root", "repo/src/App", "repo")]
    [InlineData(".git file of a worktree at the repository root", "repo/src/App", "repo")]
    [InlineData(".sln in src, nearer than the .git", "repo/src/App", "repo/src")]
    [InlineData(".slnx beside the project", "repo/src/App", "repo/src/App")]
    public void FindRoot_is_the_nearest_folder_with_a_git_or_a_solution(string marker, string project, string expected)
    {
        folder.CreateFolder(project);
        switch (marker)
        {
            case ".git folder at the repository root":
                folder.CreateFolder("repo/.git");
                break;
            case ".git file of a worktree at the repository root":
                folder.Write("repo/.git", "gitdir: ../main/.git/worktrees/feature\n");
                break;
            case ".sln in src, nearer than the .git":
                folder.CreateFolder("repo/.git");
                folder.Write("repo/src/All.sln");
                break;
            case ".slnx beside the project":
                folder.CreateFolder("repo/.git");
                folder.Write("repo/src/App/App.slnx", "<Solution />\n");
                break;
        }

        Assert.Equal(folder.PathOf(expected), BuildContext.FindRoot(folder.PathOf(project)));
        Assert.Equal(BuildContext.Relative(folder.PathOf(project), folder.PathOf(expected)), Climb(project, expected));
    }

    [Fact]
    public void FindRoot_has_no_depth_limit()
    {
        var deep = "repo/" + string.Join("/", Enumerable.Range(1, 24).Select(i => "level" + i)) + "/App";
        folder.CreateFolder(deep);
        folder.CreateFolder("repo/.git");

        Assert.Equal(folder.PathOf("repo"), BuildContext.FindRoot(folder.PathOf(deep)));
        Assert.Equal(string.Join("/", Enumerable.Repeat("..", 25)), BuildContext.Relative(folder.PathOf(deep), folder.PathOf("repo")));
    }

    [SkippableFact]
    public void FindRoot_without_any_marker_is_the_project_folder()
    {
        var outside = BuildContext.FindRoot(folder.Root);
        Skip.If(outside != folder.Root, $"{outside}, above this test's temporary folder, holds a .git or a solution");
        folder.CreateFolder("a/b/App");
        folder.Write("a/b/App/App.csproj", "<Project />\n");
        folder.Write("a/README.sln.txt");

        Assert.Equal(folder.PathOf("a/b/App"), BuildContext.FindRoot(folder.PathOf("a/b/App")));
    }

    [Fact]
    public void FindRoot_takes_a_trailing_separator()
    {
        folder.CreateFolder("repo/.git");
        folder.CreateFolder("repo/App");

        Assert.Equal(folder.PathOf("repo"), BuildContext.FindRoot(folder.PathOf("repo/App") + Path.DirectorySeparatorChar));
    }

    private static string Climb(string from, string to) =>
        from == to ? "." : string.Join("/", Enumerable.Repeat("..", from.Split('/').Length - to.Split('/').Length));
}
