using MultiStage.Generator.Dockerignore;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>Files the SDK did not write are never touched, in any build mode; a user's own .dockerignore lines survive.</summary>
public class UserFilesTests
{
    private const string OwnDockerfile = "# syntax=docker/dockerfile:1\nFROM mcr.microsoft.com/dotnet/runtime:10.0\n# hand-written, keep\n";
    private const string OwnDockerignore = "bin\nobj\n# mine\n";

    public static TheoryData<string, string[]> BuildModes => new()
    {
        { "build", new[] { "build" } },
        { "rebuild", new[] { "build", "--no-incremental" } },
        { "clean", new[] { "clean" } },
        { "design-time", new[] { "build", "-p:DesignTimeBuild=true" } },
        { "publish", new[] { "publish" } },
    };

    [Theory]
    [MemberData(nameof(BuildModes))]
    public void A_hand_written_dockerfile_and_dockerignore_stay_byte_for_byte(string mode, string[] command)
    {
        var repository = TestRepository.Create("own-files-" + mode)
            .WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram())
            .WriteFile("App/Dockerfile", OwnDockerfile)
            .WriteFile(".dockerignore", OwnDockerignore);
        var before = File.GetLastWriteTimeUtc(repository.PathOf("App/Dockerfile"));

        var result = repository.Dotnet(command[0], "App/App.csproj", command.Skip(1).ToArray());

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(OwnDockerfile, repository.ReadFile("App/Dockerfile"));
        Assert.Equal(OwnDockerignore, repository.ReadFile(".dockerignore"));
        Assert.Equal(before, File.GetLastWriteTimeUtc(repository.PathOf("App/Dockerfile")));
    }

    [Fact]
    public void Hand_written_files_stay_in_a_multi_targeted_parallel_solution_build()
    {
        var repository = TestRepository.Create("own-files-parallel", markAsRepositoryRoot: false)
            .WriteFile("All.slnx", "<Solution>\n  <Project Path=\"A/A.csproj\" />\n  <Project Path=\"B/B.csproj\" />\n</Solution>\n")
            .WriteProject("A/A.csproj", Projects.Console().Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks>"), Projects.ConsoleProgram())
            .WriteProject("B/B.csproj", Projects.Console(), Projects.ConsoleProgram())
            .WriteFile("A/Dockerfile", OwnDockerfile)
            .WriteFile(".dockerignore", OwnDockerignore);

        var result = repository.Build("All.slnx", "-m:4");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(OwnDockerfile, repository.ReadFile("A/Dockerfile"));
        Assert.Equal(OwnDockerignore, repository.ReadFile(".dockerignore"));
        Assert.True(repository.FileExists("B/Dockerfile"), "the project without a hand-written Dockerfile still gets one");
    }

    [Fact]
    public void Lines_added_below_the_marked_line_survive_regeneration()
    {
        var repository = TestRepository.Create("dockerignore-user-lines")
            .WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram());
        Assert.True(repository.Build("App/App.csproj").Succeeded);
        var generated = repository.ReadFile(".dockerignore");
        Assert.Contains(DockerignoreWriter.UserSectionMarker, generated);

        // The user adds lines of their own and, by accident, damages the generated part.
        var edited = generated.Replace("**/bin/\n", string.Empty) + "docs/\n!docs/keep.md\n";
        repository.WriteFile(".dockerignore", edited);

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        var regenerated = repository.ReadFile(".dockerignore");
        Assert.Contains("**/bin/\n", regenerated);
        Assert.EndsWith(DockerignoreWriter.UserSectionMarker + "\ndocs/\n!docs/keep.md\n", regenerated);
    }
}
