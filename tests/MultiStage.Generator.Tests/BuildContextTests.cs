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

    [Fact]
    public void The_default_root_is_the_nearest_folder_with_a_git_directory()
    {
        folder.CreateFolder("repo/.git");
        var project = folder.CreateFolder("repo/src/App");

        Assert.Equal(folder.PathOf("repo"), BuildContext.FindDefaultRoot(project));
    }

    [Fact]
    public void The_default_root_is_the_nearest_folder_with_a_git_file_as_in_a_worktree()
    {
        folder.CreateFolder("main/.git");
        folder.Write("worktree/.git", "gitdir: ../main/.git/worktrees/feature\n");
        var project = folder.CreateFolder("worktree/src/App");

        Assert.Equal(folder.PathOf("worktree"), BuildContext.FindDefaultRoot(project));
    }

    [Theory]
    [InlineData("All.sln")]
    [InlineData("All.slnx")]
    public void The_default_root_is_the_nearest_folder_with_a_solution(string solution)
    {
        folder.CreateFolder("repo/.git");
        folder.Write("repo/src/" + solution);
        var project = folder.CreateFolder("repo/src/App");

        Assert.Equal(folder.PathOf("repo/src"), BuildContext.FindDefaultRoot(project));
    }

    [Fact]
    public void A_solution_in_the_project_folder_itself_makes_it_the_root()
    {
        folder.CreateFolder("repo/.git");
        folder.Write("repo/App/App.sln");

        Assert.Equal(folder.PathOf("repo/App"), BuildContext.FindDefaultRoot(folder.PathOf("repo/App")));
    }

    [SkippableFact]
    public void Without_a_repository_or_solution_the_root_is_the_project_folder()
    {
        var project = folder.CreateFolder("loose/App");
        for (var above = new DirectoryInfo(folder.Root); above is not null; above = above.Parent)
        {
            Skip.If(
                Directory.Exists(Path.Combine(above.FullName, ".git")) || File.Exists(Path.Combine(above.FullName, ".git")) || above.EnumerateFiles("*.sln*").Any(),
                $"{above.FullName}, above the temporary folder, is a repository or holds a solution, so it would be the root");
        }

        Assert.Equal(project, BuildContext.FindDefaultRoot(project + Path.DirectorySeparatorChar));
    }

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
