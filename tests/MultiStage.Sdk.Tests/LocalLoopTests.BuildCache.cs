using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

// MultiStageContainerCacheFrom and MultiStageContainerCacheTo reach the builder's command line, or stop the build first.
public partial class LocalLoopTests
{
    [Fact]
    public void The_cache_properties_reach_buildah_as_a_repository_to_pull_from_and_push_to()
    {
        var repository = TestRepository.Create("build-cache")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerBuilder>buildah</MultiStageContainerBuilder><MultiStageContainerCacheFrom>127.0.0.1:5000/shop/app-cache</MultiStageContainerCacheFrom>"), Projects.ConsoleProgram());
        var tools = RecordingBuildah(repository);

        // A buildx specification on the command line, its comma written %2C: buildah reads the repository in it.
        var result = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(tools), "-t:MultiStageContainerImage", "-p:MultiStageContainerCacheTo=type=registry%2Cref=127.0.0.1:5000/shop/app-cache");

        Assert.True(result.Succeeded, result.Output);
        var arguments = repository.ReadFile("tools/bud-arguments.txt").Split('\n');
        Assert.Equal("bud", arguments[0]);
        Assert.Contains("--layers", arguments);
        var cache = arguments.SkipWhile(a => a != "--cache-from").Take(4).ToArray();
        Assert.Equal(new[] { "--cache-from", "127.0.0.1:5000/shop/app-cache", "--cache-to", "127.0.0.1:5000/shop/app-cache" }, cache);
    }

    [Fact]
    public void An_inline_cache_export_with_buildah_stops_before_building_with_MULTISTAGE4025()
    {
        var repository = TestRepository.Create("MULTISTAGE4025")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerBuilder>buildah</MultiStageContainerBuilder><MultiStageContainerCacheTo>inline</MultiStageContainerCacheTo>"), Projects.ConsoleProgram());
        var tools = RecordingBuildah(repository);

        var result = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(tools), "-t:MultiStageContainerImage");

        Assert.False(result.Succeeded);
        Assert.Equal(new[] { "MULTISTAGE4025" }, result.ErrorCodes);
        Assert.Contains("MultiStageContainerCacheTo 'inline' cannot be written by buildah", result.Output);
        Assert.False(repository.FileExists("tools/bud-arguments.txt"), "buildah was asked to build.");
    }

    [Fact]
    public void A_cache_value_that_names_no_cache_stops_before_looking_for_a_builder_with_MULTISTAGE4027()
    {
        var repository = TestRepository.Create("MULTISTAGE4027")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerCacheFrom>Registry.Example.com/App Cache</MultiStageContainerCacheFrom>"), Projects.ConsoleProgram());

        var result = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(), "-t:MultiStageContainerImage");

        Assert.False(result.Succeeded);
        Assert.Equal(new[] { "MULTISTAGE4027" }, result.ErrorCodes);
        Assert.Contains("MultiStageContainerCacheFrom 'Registry.Example.com/App Cache' names no build cache", result.Output);
    }

    /// <summary>A buildah that writes the arguments of <c>buildah bud</c> one a line to tools/bud-arguments.txt and builds nothing; shell built-ins only, as PATH holds no coreutils.</summary>
    private static string RecordingBuildah(TestRepository repository)
    {
        repository.WriteFile("tools/buildah", "#!/bin/sh\ncase \"$1\" in\n  bud) printf '%s\\n' \"$@\" > \"${0%/*}/bud-arguments.txt\" ;;\nesac\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(repository.PathOf("tools/buildah"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return repository.PathOf("tools");
    }
}
