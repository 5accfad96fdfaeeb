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

/// <summary>FactsCollector on real folder trees: what only the file system knows, relative to the build context.</summary>
public sealed class FactsCollectorTests : IDisposable
{
    private static readonly ProjectFacts Values = Projects.Web("net10.0");

    private readonly TemporaryFolder folder = new();

    public FactsCollectorTests()
    {
        folder.CreateFolder("repo/.git");
        folder.WriteProject("repo/src/Api/Api.csproj");
    }

    public void Dispose() => folder.Dispose();

    /// <summary>Collects for repo/src/Api; the build context defaults to "../.." (repo), as the targets find it by the .git there.</summary>
    private CollectedFacts Collect(string? buildContext = "../..", string? dockerfilePath = null, params string[] references) =>
        FactsCollector.Collect(new ProjectInputs(
            new ProjectLocation(folder.PathOf("repo/src/Api/Api.csproj"), buildContext, dockerfilePath, references), Values, new ClientSettings { Enabled = false }, null, true, false));

    [Fact]
    public void Paths_are_relative_to_the_repository_root_by_default()
    {
        var collected = Collect();

        Assert.Empty(collected.Diagnostics);
        Assert.Equal(folder.PathOf("repo"), collected.ContextRoot);
        Assert.Equal("src/Api/Api.csproj", collected.Facts!.ProjectPath);
        Assert.Equal("src/Api/Dockerfile", collected.Facts.DockerfilePath);
        Assert.Equal(folder.PathOf("repo/src/Api/Dockerfile"), collected.DockerfileFullPath);
        Assert.Equal(folder.PathOf("repo/.dockerignore"), collected.DockerignoreFullPath);
    }

    [Fact]
    public void The_values_MSBuild_gave_are_kept()
    {
        var facts = Collect().Facts!;

        Assert.Equal((Values.AssemblyName, Values.TargetFramework, Values.IsWebApp), (facts.AssemblyName, facts.TargetFramework, facts.IsWebApp));
    }

    [Fact]
    public void A_Dockerfile_path_is_relative_to_the_project_folder()
    {
        var collected = Collect(dockerfilePath: "../../docker/Api.Dockerfile");

        Assert.Equal("docker/Api.Dockerfile", collected.Facts!.DockerfilePath);
        Assert.Equal(folder.PathOf("repo/docker/Api.Dockerfile"), collected.DockerfileFullPath);
    }

    [Fact]
    public void MultiStageBuildContext_is_relative_to_the_project_folder()
    {
        var collected = Collect(buildContext: "..");

        Assert.Empty(collected.Diagnostics);
        Assert.Equal(folder.PathOf("repo/src"), collected.ContextRoot);
        Assert.Equal("Api/Api.csproj", collected.Facts!.ProjectPath);
        Assert.Equal(folder.PathOf("repo/src/.dockerignore"), collected.DockerignoreFullPath);
    }

    [Fact]
    public void Restore_files_hold_the_references_and_the_folder_files_but_not_the_project_itself()
    {
        folder.WriteProps("repo/Directory.Build.props");
        folder.WriteProps("repo/Directory.Packages.props");
        folder.Write("repo/NuGet.Config", "<configuration />");
        folder.Write("repo/global.json", """{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }""");
        folder.WriteProject("repo/src/Core/Core.csproj");
        folder.Write("repo/src/Core/packages.lock.json", "{}");

        var facts = Collect(references: "../Core/Core.csproj").Facts!;

        Assert.Equal(
            new[] { "Directory.Build.props", "Directory.Packages.props", "NuGet.Config", "global.json", "src/Core/Core.csproj", "src/Core/packages.lock.json" },
            facts.RestoreFiles);
        Assert.Equal(new GlobalJsonSdk("10.0.100", "latestFeature"), facts.GlobalJsonSdk);
    }

    [Fact]
    public void Files_above_the_context_root_are_not_copied()
    {
        folder.WriteProps("Directory.Build.props");
        folder.Write("NuGet.config", "<configuration />");
        folder.Write("global.json", """{ "sdk": { "version": "10.0.100" } }""");

        var facts = Collect().Facts!;

        Assert.Empty(facts.RestoreFiles);
        Assert.Null(facts.GlobalJsonSdk);
    }

    [Fact]
    public void Only_the_global_json_at_the_context_root_chooses_the_SDK()
    {
        folder.Write("repo/src/global.json", """{ "sdk": { "version": "9.0.100" } }""");

        var facts = Collect().Facts!;

        Assert.Null(facts.GlobalJsonSdk);
        Assert.Contains("src/global.json", facts.RestoreFiles);
    }

    [Fact]
    public void A_local_feed_folder_inside_the_context_becomes_a_restore_folder()
    {
        folder.Write("repo/NuGet.config", """<configuration><packageSources><add key="local" value="packages/local" /></packageSources></configuration>""");
        folder.CreateFolder("repo/packages/local");

        var collected = Collect();

        Assert.Empty(collected.Diagnostics);
        Assert.Equal(new[] { "packages/local" }, collected.Facts!.RestoreFolders);
    }

    [Fact]
    public void A_local_feed_folder_that_does_not_exist_is_left_to_restore()
    {
        folder.Write("repo/NuGet.config", """<configuration><packageSources><add key="local" value="packages" /></packageSources></configuration>""");

        var collected = Collect();

        Assert.Empty(collected.Diagnostics);
        Assert.Empty(collected.Facts!.RestoreFolders);
    }

    [Fact]
    public void A_local_feed_folder_outside_the_context_is_the_MULTISTAGE1025_warning()
    {
        folder.CreateFolder("feed");
        folder.Write("repo/NuGet.config", """<configuration><packageSources><add key="local" value="../feed" /></packageSources></configuration>""");

        var collected = Collect();

        var diagnostic = Assert.Single(collected.Diagnostics);
        Assert.Equal("MULTISTAGE1025", diagnostic.Code);
        Assert.False(diagnostic.IsError);
        Assert.NotNull(collected.Facts);
        Assert.Empty(collected.Facts!.RestoreFolders);
    }

    [Fact]
    public void A_missing_ProjectReference_is_MULTISTAGE1022()
    {
        var collected = Collect(references: "../Missing/Missing.csproj");

        Assert.Equal("MULTISTAGE1022", Assert.Single(collected.Diagnostics).Code);
        Assert.Contains(folder.PathOf("repo/src/Missing/Missing.csproj"), collected.Diagnostics[0].Message);
    }

    [Fact]
    public void A_ProjectReference_outside_the_context_is_MULTISTAGE1023()
    {
        folder.WriteProject("shared/Lib/Lib.csproj");

        var collected = Collect(references: "../../../shared/Lib/Lib.csproj");

        Assert.Equal("MULTISTAGE1023", Assert.Single(collected.Diagnostics).Code);
        Assert.Empty(collected.Facts!.RestoreFiles);
    }

    [Fact]
    public void A_ProjectReference_listed_twice_is_copied_once()
    {
        folder.WriteProject("repo/src/Core/Core.csproj");

        var facts = Collect(references: new[] { "../Core/Core.csproj", "../Core/../Core/Core.csproj" }).Facts!;

        Assert.Equal(new[] { "src/Core/Core.csproj" }, facts.RestoreFiles);
    }

    [Fact]
    public void A_MultiStageBuildContext_that_does_not_contain_the_project_is_MULTISTAGE1020()
    {
        folder.CreateFolder("repo/docs");

        var collected = Collect(buildContext: "../../docs");

        Assert.Equal("MULTISTAGE1020", Assert.Single(collected.Diagnostics).Code);
        Assert.Null(collected.Facts);
    }

    [Fact]
    public void A_MultiStageBuildContext_that_does_not_exist_is_MULTISTAGE1021()
    {
        var collected = Collect(buildContext: "../../nowhere");

        Assert.Equal("MULTISTAGE1021", Assert.Single(collected.Diagnostics).Code);
        Assert.Null(collected.Facts);
    }
}
