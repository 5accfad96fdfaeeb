using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// Build output outside bin/ and obj/ stays out of the build context: the .dockerignore names the folders MSBuild
/// says it writes to, for the artifacts layout and for output paths a Directory.Build.props moves.
/// </summary>
public class BuildOutputLayoutTests
{
    public static TheoryData<string, string, string[]> Layouts => new()
    {
        // name, Directory.Build.props properties, folders the .dockerignore must name
        { "artifacts", "<UseArtifactsOutput>true</UseArtifactsOutput>", new[] { "artifacts/" } },
        { "artifacts-elsewhere", "<UseArtifactsOutput>true</UseArtifactsOutput><ArtifactsPath>$(MSBuildThisFileDirectory)out/build</ArtifactsPath>", new[] { "out/build/" } },
        { "output-paths", "<BaseOutputPath>$(MSBuildThisFileDirectory)build/bin-out/$(MSBuildProjectName)/</BaseOutputPath><PackageOutputPath>$(MSBuildThisFileDirectory)packages-out/</PackageOutputPath><PublishDir>$(MSBuildThisFileDirectory)publish-out/$(MSBuildProjectName)/</PublishDir>", new[] { "build/bin-out/App/", "packages-out/", "publish-out/App/" } },
        { "intermediate-path", "<BaseIntermediateOutputPath>$(MSBuildThisFileDirectory)intermediate/$(MSBuildProjectName)/</BaseIntermediateOutputPath>", new[] { "intermediate/App/" } },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void The_dockerignore_names_the_build_output_folders_MSBuild_uses(string name, string properties, string[] folders)
    {
        var repository = TestRepository.Create("layout-" + name)
            .WriteFile("Directory.Build.props", $"<Project>\n  <PropertyGroup>{properties}</PropertyGroup>\n</Project>\n")
            .WriteProject("src/App/App.csproj", Projects.Web(), Projects.WebProgram());

        var result = repository.Build("src/App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        var dockerignore = repository.ReadFile(".dockerignore").Split('\n');
        foreach (var folder in folders)
        {
            Assert.Contains(folder, dockerignore);
        }

        Assert.Contains(dockerignore, line => line.StartsWith("# Build output MSBuild puts outside bin/ and obj/ (src/App/App.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_moved_output_the_dockerignore_has_no_build_output_block()
    {
        var repository = TestRepository.Create("layout-default")
            .WriteProject("src/App/App.csproj", Projects.Web(), Projects.WebProgram());

        var result = repository.Build("src/App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.DoesNotContain("# Build output MSBuild puts outside", repository.ReadFile(".dockerignore"));
    }
}
