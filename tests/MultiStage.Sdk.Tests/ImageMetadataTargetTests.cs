using System.Globalization;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// What MultiStageContainerImage tells the builder for the build labels and MultiStageReproducible, read from the
/// command line a stand-in buildah records: the version, the commit and the creation time as build arguments, and
/// with the switch the commit's (or SOURCE_DATE_EPOCH's) timestamp; without it, no timestamp at all.
/// </summary>
public class ImageMetadataTargetTests
{
    [Fact]
    public void A_reproducible_build_gets_the_commits_time_and_the_labels_their_arguments()
    {
        var repository = Committed(TestRepository.Create("reproducible"), "<Version>1.2.3</Version>");
        var commit = Git(repository, "rev-parse", "HEAD");
        var commitTime = long.Parse(Git(repository, "log", "-1", "--format=%ct"), CultureInfo.InvariantCulture);

        var result = repository.Dotnet("build", "App/App.csproj", Environment(repository), "-t:MultiStageContainerImage", "-p:MultiStageReproducible=true");

        Assert.True(result.Succeeded, result.Output);
        var arguments = RecordedBuild(repository);
        Assert.Equal(commitTime.ToString(CultureInfo.InvariantCulture), After(arguments, "--timestamp"));
        Assert.Equal(
            new[] { "IMAGE_VERSION=1.2.3", $"IMAGE_REVISION={commit}", "IMAGE_CREATED=" + DateTimeOffset.FromUnixTimeSeconds(commitTime).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) },
            BuildArguments(arguments));
    }

    [Fact]
    public void SOURCE_DATE_EPOCH_wins_over_the_commit_time_and_a_build_argument_of_the_project_over_the_generated_one()
    {
        var repository = Committed(TestRepository.Create("source-date-epoch"), "<Version>1.2.3</Version>", """<MultiStageContainerBuildArg Include="IMAGE_VERSION" Value="1.2.3-ci.7" />""");

        var result = repository.Dotnet("build", "App/App.csproj", Environment(repository, "1700000000"), "-t:MultiStageContainerImage", "-p:MultiStageReproducible=true");

        Assert.True(result.Succeeded, result.Output);
        var arguments = RecordedBuild(repository);
        Assert.Equal("1700000000", After(arguments, "--timestamp"));
        var passed = BuildArguments(arguments);
        Assert.Equal(new[] { "IMAGE_VERSION=1.2.3-ci.7", "IMAGE_CREATED=2023-11-14T22:13:20Z" }, new[] { passed[0], passed[2] });
    }

    [Fact]
    public void Without_MultiStageReproducible_the_command_line_carries_no_timestamp_and_created_is_the_build_time()
    {
        var repository = Committed(TestRepository.Create("not-reproducible"), "<Version>1.2.3</Version>");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var result = repository.Dotnet("build", "App/App.csproj", Environment(repository, "1700000000"), "-t:MultiStageContainerImage");

        Assert.True(result.Succeeded, result.Output);
        var arguments = RecordedBuild(repository);
        Assert.DoesNotContain("--timestamp", arguments);
        Assert.DoesNotContain(arguments, a => a.Contains("SOURCE_DATE_EPOCH", StringComparison.Ordinal));
        var created = DateTimeOffset.Parse(BuildArguments(arguments)[2].Substring("IMAGE_CREATED=".Length), CultureInfo.InvariantCulture);
        Assert.InRange(created, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void A_SOURCE_DATE_EPOCH_that_is_not_seconds_stops_a_reproducible_build_with_MULTISTAGE4020()
    {
        var repository = Committed(TestRepository.Create("MULTISTAGE4020"), string.Empty);

        var result = repository.Dotnet("build", "App/App.csproj", Environment(repository, "yesterday"), "-t:MultiStageContainerImage", "-p:MultiStageReproducible=true");

        Assert.False(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE4020" }, result.ErrorCodes);
        Assert.Contains("SOURCE_DATE_EPOCH 'yesterday'", result.Output);
        Assert.False(repository.FileExists("build-arguments.txt"), "nothing was built");
    }

    [Fact]
    public void With_ContainerGenerateLabels_false_the_Dockerfile_declares_no_argument_and_none_is_passed()
    {
        var repository = Committed(TestRepository.Create("no-labels"), "<ContainerGenerateLabels>false</ContainerGenerateLabels>");

        var result = repository.Dotnet("build", "App/App.csproj", Environment(repository), "-t:MultiStageContainerImage");

        Assert.True(result.Succeeded, result.Output);
        Assert.DoesNotContain("org.opencontainers.image", repository.ReadFile("App/Dockerfile"));
        Assert.Empty(BuildArguments(RecordedBuild(repository)));
    }

    /// <summary>A console app in a real git repository with one commit, and a buildah that records its build command.</summary>
    private static TestRepository Committed(TestRepository repository, string properties, string items = "")
    {
        repository.WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerBuilder>buildah</MultiStageContainerBuilder>" + properties, items: items), Projects.ConsoleProgram());
        repository.WriteFile(".gitignore", "bin/\nobj/\ntools/\nbuild-arguments.txt\n");
        repository.WriteFile("tools/buildah", $"#!/bin/sh\n[ \"$1\" = bud ] && printf '%s\\n' \"$@\" > '{repository.PathOf("build-arguments.txt")}'\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(repository.PathOf("tools/buildah"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        File.CreateSymbolicLink(repository.PathOf("tools/git"), "/usr/bin/git");
        Git(repository, "init", "-q");
        Git(repository, "add", "-A");
        Git(repository, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "First");
        return repository;
    }

    /// <summary>PATH with the dotnet CLI's folder, the stand-in buildah and git, no other builder; SOURCE_DATE_EPOCH as given.</summary>
    private static Dictionary<string, string?> Environment(TestRepository repository, string? sourceDateEpoch = null) => new()
    {
        ["PATH"] = repository.PathOf("tools") + Path.PathSeparator + Path.GetDirectoryName(System.Environment.ProcessPath!),
        ["SOURCE_DATE_EPOCH"] = sourceDateEpoch,
    };

    private static string Git(TestRepository repository, params string[] arguments)
    {
        var result = ProcessRunner.Run("git", arguments, repository.Root);
        Assert.True(result.Succeeded, result.Output);
        return result.Output.Trim();
    }

    private static IReadOnlyList<string> RecordedBuild(TestRepository repository) =>
        repository.ReadFile("build-arguments.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string After(IReadOnlyList<string> arguments, string option) => arguments[arguments.ToList().IndexOf(option) + 1];

    /// <summary>The values of the --build-arg options, in order.</summary>
    private static IReadOnlyList<string> BuildArguments(IReadOnlyList<string> arguments) =>
        arguments.Select((a, i) => (a, i)).Where(p => p.a == "--build-arg" && p.i + 1 < arguments.Count).Select(p => arguments[p.i + 1]).ToList();
}
