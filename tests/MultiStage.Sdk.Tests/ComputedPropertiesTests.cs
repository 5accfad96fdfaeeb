using System.Text.Json;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// The values the targets compute from what MSBuild knows, where a project, Visual Studio's container tools and
/// orchestrators can read them (<c>dotnet msbuild -getProperty</c>), and where a value the project sets wins. The
/// default build context is searched for by a target (ComputeMultiStageBuildContext, which runs before every build);
/// a context the project sets needs no search and is there at evaluation.
/// </summary>
public class ComputedPropertiesTests
{
    private static readonly string[] ToolProperties =
    {
        "MultiStageBuildContext", "DockerfileContext", "ContainerBuildContext", "ContainerContext",
        "DockerfileFastModeStage", "ContainerFastModeStage", "DockerDefaultTargetOS", "DockerfileFile", "DockerfilePath",
    };

    private static IReadOnlyDictionary<string, string> Evaluate(TestRepository repository, string project, string[] names, params string[] arguments)
    {
        var result = repository.Dotnet("msbuild", project, arguments.Concat(names.Select(n => "-getProperty:" + n)).ToArray());
        Assert.True(result.Succeeded, result.Output);
        var json = result.Output.Substring(result.Output.IndexOf('{', StringComparison.Ordinal));
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);
    }

    /// <summary>The values after ComputeMultiStageBuildContext, as the build and the tools in it see them.</summary>
    private static IReadOnlyDictionary<string, string> Compute(TestRepository repository, string project, string[] names, params string[] arguments) =>
        Evaluate(repository, project, names, arguments.Append("-target:ComputeMultiStageBuildContext").ToArray());

    private static TestRepository App(string name, bool markAsRepositoryRoot = true) =>
        TestRepository.Create(name, markAsRepositoryRoot).WriteProject("src/App/App.csproj", Projects.Web(), Projects.WebProgram());

    [Fact]
    public void Visual_Studio_and_orchestrators_get_the_context_root_and_the_fast_mode_stage()
    {
        var repository = App("tool-properties");

        var values = Compute(repository, "src/App/App.csproj", ToolProperties);

        Assert.Equal("../..", values["MultiStageBuildContext"]);
        Assert.Equal("../..", values["DockerfileContext"]);
        Assert.Equal("../..", values["ContainerBuildContext"]);
        Assert.Equal("../..", values["ContainerContext"]);
        Assert.Equal("base", values["DockerfileFastModeStage"]);
        Assert.Equal("base", values["ContainerFastModeStage"]);
        Assert.Equal("Linux", values["DockerDefaultTargetOS"]);
        Assert.Equal(string.Empty, values["DockerfileFile"]);
        Assert.Equal(string.Empty, values["DockerfilePath"]);
    }

    [Fact]
    public void A_moved_Dockerfile_gives_its_path_and_the_context_stays_relative_to_the_project()
    {
        var repository = App("tool-properties-moved");

        var values = Compute(repository, "src/App/App.csproj", ToolProperties, "-p:MultiStageDockerfilePath=../../docker/App.Dockerfile");

        Assert.Equal("../..", values["MultiStageBuildContext"]);
        Assert.Equal("../..", values["DockerfileContext"]);
        Assert.Equal("../..", values["ContainerBuildContext"]);
        Assert.Equal("../../docker/App.Dockerfile", values["DockerfileFile"]);
        Assert.Equal("../../docker/App.Dockerfile", values["DockerfilePath"]);
    }

    [Fact]
    public void Values_the_project_sets_win_and_need_no_target()
    {
        var repository = App("tool-properties-set");

        // Evaluation alone: a context the project sets needs no search, so tools that only evaluate see it.
        var values = Evaluate(
            repository,
            "src/App/App.csproj",
            ToolProperties,
            "-p:MultiStageBuildContext=..",
            "-p:ContainerBuildContext=.",
            "-p:ContainerFastModeStage=debug",
            "-p:DockerDefaultTargetOS=Windows");

        Assert.Equal("..", values["MultiStageBuildContext"]);
        Assert.Equal("..", values["DockerfileContext"]);
        Assert.Equal(".", values["ContainerBuildContext"]);
        Assert.Equal("debug", values["ContainerFastModeStage"]);
        Assert.Equal("base", values["DockerfileFastModeStage"]);
        Assert.Equal("Windows", values["DockerDefaultTargetOS"]);
    }

    public static TheoryData<string, string> ContextRoots => new()
    {
        // what marks a folder as the root, the expected MultiStageBuildContext of src/App/App.csproj
        { ".git folder at the repository root", "../.." },
        { ".git file of a worktree at the repository root", "../.." },
        { "solution in src, nearer than the .git", ".." },
        { "solution beside the project", "." },
    };

    // The four layouts built by one dotnet build, each a repository of its own (the batch's solution is in none of them).
    private static readonly Lazy<BatchResult> ContextRootsBuilt = new(() =>
    {
        var batch = CaseBatch.Create("context-root");
        foreach (var row in ContextRoots)
        {
            var marker = (string)row[0];
            var repository = batch.Add(CaseName(marker), "src/App/App.csproj", markAsRepositoryRoot: marker.StartsWith(".git folder", StringComparison.Ordinal))
                .WriteProject("src/App/App.csproj", Projects.Web(), Projects.WebProgram());
            switch (marker)
            {
                case ".git file of a worktree at the repository root":
                    repository.WriteFile(".git", "gitdir: ../main/.git/worktrees/feature\n");
                    break;
                case "solution in src, nearer than the .git":
                    Directory.CreateDirectory(repository.PathOf(".git"));
                    repository.WriteFile("src/All.slnx", "<Solution />\n");
                    break;
                case "solution beside the project":
                    repository.WriteFile("src/App/App.sln", string.Empty);
                    break;
            }
        }

        return batch.Build();
    });

    [Theory]
    [MemberData(nameof(ContextRoots))]
    public void The_build_context_is_the_nearest_folder_with_a_git_or_a_solution(string marker, string expected)
    {
        var build = ContextRootsBuilt.Value.For(CaseName(marker));
        var repository = build.Repository;

        var values = Compute(repository, "src/App/App.csproj", new[] { "MultiStageBuildContext", "DockerfileContext" });
        Assert.Equal(expected, values["MultiStageBuildContext"]);
        Assert.Equal(expected, values["DockerfileContext"]);
        Assert.False(build.Failed, build.Describe());
        var contextFolder = expected == "." ? "this folder" : $"the context folder ({expected})";
        Assert.Contains($"# Build from {contextFolder}: ", repository.ReadFile("src/App/Dockerfile"));
    }

    [Fact]
    public void The_build_context_search_has_no_depth_limit()
    {
        var folders = string.Join("/", Enumerable.Range(1, 18).Select(i => "d" + i));
        var repository = TestRepository.Create("context-deep").WriteProject(folders + "/App/App.csproj", Projects.Web(), Projects.WebProgram());

        var values = Compute(repository, folders + "/App/App.csproj", new[] { "MultiStageBuildContext", "DockerfileContext" });

        Assert.Equal(string.Join("/", Enumerable.Repeat("..", 19)), values["MultiStageBuildContext"]);
        Assert.Equal(values["MultiStageBuildContext"], values["DockerfileContext"]);
    }

    private static string CaseName(string text) => new(text.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());

    public static TheoryData<string, string> RuntimeIdentifierOrder => new()
    {
        // properties the project sets, MultiStageRuntimeIdentifiers the generator and the image targets both read
        { "<RuntimeIdentifier>linux-arm64</RuntimeIdentifier>", "linux-arm64" },
        { "<RuntimeIdentifiers>linux-x64;linux-arm64</RuntimeIdentifiers><RuntimeIdentifier>linux-musl-x64</RuntimeIdentifier>", "linux-x64;linux-arm64" },
        { "<ContainerRuntimeIdentifier>linux-musl-arm64</ContainerRuntimeIdentifier><RuntimeIdentifiers>linux-x64</RuntimeIdentifiers>", "linux-musl-arm64" },
        { "<ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers><ContainerRuntimeIdentifier>linux-musl-x64</ContainerRuntimeIdentifier>", "linux-x64;linux-arm64" },
        { "<SelfContained>true</SelfContained>", "" },
    };

    // The five projects restored by one dotnet restore, each a repository of its own; each is then evaluated alone.
    private static readonly Lazy<BatchResult> RuntimeIdentifierOrderRestored = new(() =>
    {
        var batch = CaseBatch.Create("rid-order");
        foreach (var row in RuntimeIdentifierOrder)
        {
            var properties = (string)row[0];
            batch.Add(RuntimeIdentifierCase(properties)).WriteProject("App/App.csproj", Projects.Console(properties: properties), Projects.ConsoleProgram());
        }

        return batch.Run("restore");
    });

    private static string RuntimeIdentifierCase(string properties) => "rid-" + RuntimeIdentifierOrder.ToList().FindIndex(r => (string)r[0] == properties);

    [Theory]
    [MemberData(nameof(RuntimeIdentifierOrder))]
    public void The_image_runtime_identifiers_come_from_one_rule(string properties, string expected)
    {
        var restore = RuntimeIdentifierOrderRestored.Value.For(RuntimeIdentifierCase(properties));
        Assert.False(restore.Failed, restore.Describe());
        var repository = restore.Repository;

        var values = Evaluate(repository, "App/App.csproj", new[] { "MultiStageRuntimeIdentifiers", "RuntimeIdentifier" }, "-t:_MultiStageComputeRuntimeIdentifiers");

        Assert.Equal(expected, values["MultiStageRuntimeIdentifiers"]);
        if (properties == "<SelfContained>true</SelfContained>")
        {
            // The .NET SDK infers the build machine's RID for a self-contained app; it says nothing about the image.
            Assert.NotEqual(string.Empty, values["RuntimeIdentifier"]);
        }
    }
}
