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

/// <summary>The files a restore layer must copy, found on a real folder tree.</summary>
public sealed class RestoreInputsTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private IReadOnlyList<string> Find(string contextRoot, params string[] projects) =>
        RestoreInputs.Find(folder.PathOf(contextRoot), projects.Select(folder.PathOf))
            .Files.Select(f => BuildContext.Relative(folder.PathOf(contextRoot), f)).ToList();

    [Fact]
    public void The_project_file_itself_is_an_input()
    {
        folder.WriteProject("repo/App/App.csproj");

        Assert.Equal(new[] { "App/App.csproj" }, Find("repo", "repo/App/App.csproj"));
    }

    [Fact]
    public void Directory_files_are_found_from_the_project_up_to_the_context_root_but_not_above_it()
    {
        folder.WriteProps("Directory.Build.props");
        folder.Write("global.json", "{}");
        folder.WriteProps("repo/Directory.Build.props");
        folder.WriteProps("repo/Directory.Build.targets");
        folder.WriteProps("repo/Directory.Packages.props");
        folder.Write("repo/Directory.Build.rsp", "-nologo");
        folder.Write("repo/global.json", "{}");
        folder.WriteProps("repo/src/Directory.Build.props");
        folder.WriteProject("repo/src/App/App.csproj");

        Assert.Equal(
            new[]
            {
                "Directory.Build.props", "Directory.Build.rsp", "Directory.Build.targets", "Directory.Packages.props", "global.json",
                "src/App/App.csproj", "src/Directory.Build.props",
            },
            Find("repo", "repo/src/App/App.csproj").OrderBy(f => f, StringComparer.Ordinal));
    }

    [Fact]
    public void A_nuget_config_in_any_casing_is_found_under_its_own_name()
    {
        folder.Write("repo/NuGet.Config", "<configuration />");
        folder.Write("repo/src/nuget.config", "<configuration />");
        folder.WriteProject("repo/src/App/App.csproj");

        var inputs = RestoreInputs.Find(folder.PathOf("repo"), new[] { folder.PathOf("repo/src/App/App.csproj") });

        Assert.Contains(folder.PathOf("repo/NuGet.Config"), inputs.Files);
        Assert.Contains(folder.PathOf("repo/src/nuget.config"), inputs.Files);
        Assert.Equal(2, inputs.NuGetConfigs.Count);
    }

    [Fact]
    public void A_nuget_config_above_the_context_root_is_not_an_input()
    {
        folder.Write("NuGet.config", "<configuration />");
        folder.WriteProject("repo/App/App.csproj");

        var inputs = RestoreInputs.Find(folder.PathOf("repo"), new[] { folder.PathOf("repo/App/App.csproj") });

        Assert.Empty(inputs.NuGetConfigs);
        Assert.DoesNotContain(folder.PathOf("NuGet.config"), inputs.Files);
    }

    [Fact]
    public void A_packages_lock_json_beside_a_project_is_an_input()
    {
        folder.WriteProject("repo/App/App.csproj");
        folder.Write("repo/App/packages.lock.json", "{}");
        folder.Write("repo/packages.lock.json", "{}");

        Assert.Equal(new[] { "App/App.csproj", "App/packages.lock.json" }, Find("repo", "repo/App/App.csproj"));
    }

    [Fact]
    public void Files_imported_through_MSBuildThisFileDirectory_are_inputs_and_so_are_their_imports()
    {
        folder.WriteProps("repo/Directory.Build.props", "$(MSBuildThisFileDirectory)build/Common.props");
        folder.WriteProps("repo/build/Common.props", "Versions.props");
        folder.WriteProps("repo/build/Versions.props");
        folder.WriteProject("repo/App/App.csproj");

        Assert.Equal(
            new[] { "App/App.csproj", "Directory.Build.props", "build/Common.props", "build/Versions.props" },
            Find("repo", "repo/App/App.csproj"));
    }

    [Fact]
    public void Files_imported_by_a_literal_relative_path_or_MSBuildProjectDirectory_are_inputs()
    {
        folder.WriteProject("repo/App/App.csproj", @"..\build\Literal.props", "$(MSBuildProjectDirectory)/Local.targets");
        folder.WriteProps("repo/build/Literal.props");
        folder.WriteProps("repo/App/Local.targets");

        Assert.Equal(new[] { "App/App.csproj", "App/Local.targets", "build/Literal.props" }, Find("repo", "repo/App/App.csproj"));
    }

    [Fact]
    public void Imports_outside_the_context_missing_or_built_on_other_properties_are_not_inputs()
    {
        folder.WriteProps("outside/Shared.props");
        folder.WriteProject(
            "repo/App/App.csproj",
            "../../outside/Shared.props",
            "Missing.props",
            "$(SolutionDir)Other.props",
            "$(MSBuildThisFileDirectory)*.props");
        folder.WriteProps("repo/App/Other.props");

        Assert.Equal(new[] { "App/App.csproj" }, Find("repo", "repo/App/App.csproj"));
    }

    [Fact]
    public void Sdk_imports_are_not_inputs()
    {
        folder.Write("repo/App/App.csproj", """
            <Project>
              <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
              <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
            </Project>
            """);
        folder.WriteProps("repo/App/Sdk.props");

        Assert.Equal(new[] { "App/App.csproj" }, Find("repo", "repo/App/App.csproj"));
    }

    [Fact]
    public void An_import_cycle_ends()
    {
        folder.WriteProps("repo/Directory.Build.props", "build/A.props");
        folder.WriteProps("repo/build/A.props", "B.props");
        folder.WriteProps("repo/build/B.props", "A.props", "../Directory.Build.props");
        folder.WriteProject("repo/App/App.csproj");

        Assert.Equal(
            new[] { "App/App.csproj", "Directory.Build.props", "build/A.props", "build/B.props" },
            Find("repo", "repo/App/App.csproj"));
    }

    [Fact]
    public void A_props_file_that_is_not_XML_is_still_an_input()
    {
        folder.Write("repo/Directory.Build.props", "<Project>");
        folder.WriteProject("repo/App/App.csproj");

        Assert.Equal(new[] { "App/App.csproj", "Directory.Build.props" }, Find("repo", "repo/App/App.csproj"));
    }

    [Fact]
    public void Several_projects_share_their_inputs_once()
    {
        folder.WriteProps("repo/Directory.Build.props");
        folder.WriteProject("repo/src/Api/Api.csproj");
        folder.WriteProject("repo/src/Core/Core.csproj");
        folder.WriteProps("repo/src/Core/Directory.Build.props");

        Assert.Equal(
            new[] { "Directory.Build.props", "src/Api/Api.csproj", "src/Core/Core.csproj", "src/Core/Directory.Build.props" },
            Find("repo", "repo/src/Api/Api.csproj", "repo/src/Core/Core.csproj"));
    }
}
