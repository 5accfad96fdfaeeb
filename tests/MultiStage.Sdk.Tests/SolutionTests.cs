using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>A repository with several projects: the restore layer must hold everything restore reads, and nothing else.</summary>
public class SolutionTests
{
    private static TestRepository SolutionWithReferences()
    {
        var repository = TestRepository.Create("solution", markAsRepositoryRoot: false)
            .WriteFile("Shop.slnx", "<Solution>\n  <Project Path=\"src/Api/Api.csproj\" />\n  <Project Path=\"src/Core/Core.csproj\" />\n  <Project Path=\"src/Data/Data.csproj\" />\n</Solution>\n")
            .WriteFile("Directory.Build.props", "<Project>\n  <Import Project=\"build/common.props\" />\n  <PropertyGroup><Nullable>enable</Nullable></PropertyGroup>\n</Project>\n")
            .WriteFile("build/common.props", "<Project><PropertyGroup><Deterministic>true</Deterministic></PropertyGroup></Project>\n")
            .WriteFile("Directory.Packages.props", "<Project>\n  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>\n  <ItemGroup><PackageVersion Include=\"Humanizer.Core\" Version=\"2.14.1\" /></ItemGroup>\n</Project>\n")
            .WriteFile("src/Directory.Build.targets", "<Project />\n")
            .WriteFile("docs/readme.txt", "not read by restore\n")
            .WriteProject(
                "src/Api/Api.csproj",
                Projects.Web(items: "<ProjectReference Include=\"../Core/Core.csproj\" />"),
                Projects.WebProgram())
            .WriteProject(
                "src/Core/Core.csproj",
                Projects.Library().Replace("</Project>", "  <ItemGroup>\n    <ProjectReference Include=\"../Data/Data.csproj\" />\n    <PackageReference Include=\"Humanizer.Core\" />\n  </ItemGroup>\n</Project>"))
            .WriteProject("src/Data/Data.csproj", Projects.Library())
            .WriteFile("src/Data/packages.lock.json", "{\n  \"version\": 1,\n  \"dependencies\": {}\n}\n");
        return repository;
    }

    [Fact]
    public void The_restore_layer_copies_every_file_restore_reads_at_its_own_path()
    {
        var repository = SolutionWithReferences();

        var result = repository.Build("src/Api/Api.csproj");

        Assert.True(result.Succeeded, result.Output);
        var dockerfile = repository.ReadFile("src/Api/Dockerfile");
        Assert.Contains("COPY [\"Directory.Build.props\", \"Directory.Packages.props\", \"NuGet.config\", \"global.json\", \"./\"]\n", dockerfile);
        Assert.Contains("COPY [\"build/common.props\", \"build/\"]\n", dockerfile);
        Assert.Contains("COPY [\"src/Directory.Build.targets\", \"src/\"]\n", dockerfile);
        Assert.Contains("COPY [\"src/Api/Api.csproj\", \"src/Api/\"]\n", dockerfile);
        Assert.Contains("COPY [\"src/Core/Core.csproj\", \"src/Core/\"]\n", dockerfile);
        // Data is referenced only through Core: the transitive reference is in the restore layer too.
        Assert.Contains("COPY [\"src/Data/Data.csproj\", \"src/Data/packages.lock.json\", \"src/Data/\"]\n", dockerfile);
        Assert.Contains($"COPY [\"{TestRepository.LocalFeedFolder}/\", \"{TestRepository.LocalFeedFolder}/\"]\n", dockerfile);
        Assert.DoesNotContain("docs/", dockerfile);
        Assert.DoesNotContain("Program.cs", dockerfile);
        DockerfileLint.AssertClean(repository.PathOf("src/Api/Dockerfile"));
    }

    [Fact]
    public void The_build_context_is_the_solution_folder_and_the_dockerignore_sits_there()
    {
        var repository = SolutionWithReferences();

        var result = repository.Build("src/Api/Api.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("# Build from the context folder (../..): docker build -f src/Api/Dockerfile -t api .\n", repository.ReadFile("src/Api/Dockerfile"));
        Assert.True(repository.FileExists(".dockerignore"));
        Assert.False(repository.FileExists("src/Api/.dockerignore"));
        Assert.Contains("**/bin/\n**/obj/\n", repository.ReadFile(".dockerignore"));
    }

    [Fact]
    public void Building_the_solution_generates_only_for_the_application()
    {
        var repository = SolutionWithReferences();

        var result = repository.Build("Shop.slnx");

        Assert.True(result.Succeeded, result.Output);
        Assert.True(repository.FileExists("src/Api/Dockerfile"));
        Assert.False(repository.FileExists("src/Core/Dockerfile"));
        Assert.False(repository.FileExists("src/Data/Dockerfile"));
    }

    [Fact]
    public void A_nuget_config_in_any_casing_is_copied_under_its_own_name()
    {
        var repository = TestRepository.Create("nuget-casing");
        File.Move(repository.PathOf("NuGet.config"), repository.PathOf("nuget.config"));
        repository.WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("COPY [\"global.json\", \"nuget.config\", \"./\"]\n", repository.ReadFile("App/Dockerfile"));
    }

    /// <summary>
    /// MultiStage.Sdk imported for the whole repository, as the multistage-sln template does: every project has the
    /// image target, so a solution build runs it everywhere; libraries and test projects pass it over (no MSB4057,
    /// no MULTISTAGE4003) and each application goes on to its builder (none on PATH here: MULTISTAGE4001).
    /// </summary>
    [Fact]
    public void The_image_target_on_a_solution_passes_over_libraries_and_test_projects()
    {
        var repository = TestRepository.Create("solution-images", markAsRepositoryRoot: false)
            .WriteFile("Shop.slnx", "<Solution>\n  <Project Path=\"src/Api/Api.csproj\" />\n  <Project Path=\"src/Worker/Worker.csproj\" />\n  <Project Path=\"src/Core/Core.csproj\" />\n  <Project Path=\"tests/Core.Tests/Core.Tests.csproj\" />\n</Solution>\n")
            .WriteFile("Directory.Build.props", "<Project>\n  <Import Project=\"Sdk.props\" Sdk=\"MultiStage.Sdk\" />\n</Project>\n")
            .WriteFile("Directory.Build.targets", "<Project>\n  <Import Project=\"Sdk.targets\" Sdk=\"MultiStage.Sdk\" />\n</Project>\n")
            .WriteProject("src/Api/Api.csproj", Projects.Web().Replace("  <Sdk Name=\"MultiStage.Sdk\" />\n", string.Empty), Projects.WebProgram())
            .WriteProject("src/Worker/Worker.csproj", Projects.Console().Replace("Sdk=\"MultiStage.Sdk\"", "Sdk=\"Microsoft.NET.Sdk\""), Projects.ConsoleProgram())
            .WriteProject("src/Core/Core.csproj", Projects.Library())
            .WriteProject("tests/Core.Tests/Core.Tests.csproj", Projects.Console().Replace("Sdk=\"MultiStage.Sdk\"", "Sdk=\"Microsoft.NET.Sdk\"").Replace("<OutputType>Exe</OutputType>", "<OutputType>Exe</OutputType><IsTestProject>true</IsTestProject>"), Projects.ConsoleProgram());
        Assert.DoesNotContain("MultiStage.Sdk", repository.ReadFile("src/Api/Api.csproj"));
        var dotnetFolder = Path.GetDirectoryName(Environment.ProcessPath!)!;

        var result = repository.Dotnet("build", "Shop.slnx", new Dictionary<string, string?> { ["PATH"] = dotnetFolder }, "-t:MultiStageContainerImage");

        Assert.False(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE4001" }, result.ErrorCodes);
        Assert.DoesNotContain("MSB4057", result.Output);
        Assert.Contains("src/Api/Api.csproj : error MULTISTAGE4001", result.Output.Replace('\\', '/'));
        Assert.Contains("src/Worker/Worker.csproj : error MULTISTAGE4001", result.Output.Replace('\\', '/'));
        Assert.Contains("MultiStage.Sdk: no image for Core: it is not an application (OutputType is 'Library').", result.Output);
        Assert.Contains("MultiStage.Sdk: no image for Core.Tests: it is a test project.", result.Output);
        Assert.True(repository.FileExists("src/Api/Dockerfile") && repository.FileExists("src/Worker/Dockerfile"));
        Assert.False(repository.FileExists("src/Core/Dockerfile") || repository.FileExists("tests/Core.Tests/Dockerfile"));
    }
}
