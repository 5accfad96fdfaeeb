using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>A real dotnet build of a solution with a test project: the Dockerfile gets the test stages, and loses them when asked.</summary>
public class TestStageGenerationTests
{
    [Fact]
    public void A_solutions_test_project_gives_the_test_stages_and_MultiStageTestStage_false_removes_them()
    {
        var repository = TestRepository.Create("teststage-generation", markAsRepositoryRoot: false)
            .WriteFile("Shop.slnx", "<Solution>\n  <Project Path=\"src/Api/Api.csproj\" />\n  <Project Path=\"tests/Api.Tests/Api.Tests.csproj\" />\n</Solution>\n")
            .WriteProject("src/Api/Api.csproj", Projects.Web(), Projects.WebProgram())
            .WriteFile("tests/Api.Tests/Api.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup><TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject></PropertyGroup>\n  <ItemGroup><ProjectReference Include=\"../../src/Api/Api.csproj\" /></ItemGroup>\n</Project>\n");

        var build = repository.Build("src/Api/Api.csproj");
        Assert.True(build.Succeeded, build.Output);
        var dockerfile = repository.ReadFile("src/Api/Dockerfile");
        Assert.Contains("COPY [\"tests/Api.Tests/Api.Tests.csproj\", \"tests/Api.Tests/\"]", dockerfile);
        Assert.Contains("dotnet test \"tests/Api.Tests/Api.Tests.csproj\"", dockerfile);
        Assert.Contains("FROM scratch AS test-results\n", dockerfile);
        Assert.EndsWith("FROM base AS final", dockerfile.Split('\n').Last(l => l.StartsWith("FROM ", StringComparison.Ordinal)));

        var off = repository.Build("src/Api/Api.csproj", "-p:MultiStageTestStage=false");
        Assert.True(off.Succeeded, off.Output);
        Assert.DoesNotContain("AS test", repository.ReadFile("src/Api/Dockerfile"));
    }
}
