using System.Globalization;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests.RealBuilds;

// The build labels on BuildKit, and what Docker 20.10's BuildKit does with SOURCE_DATE_EPOCH.
public partial class DockerImageTargetRealBuildTests
{
    /// <summary>
    /// The version, revision, created and base.name labels are on the image docker built; a commit that changes only
    /// the revision rebuilds nothing above the final ARG and LABEL lines (publish is CACHED). With
    /// MultiStageReproducible the target passes SOURCE_DATE_EPOCH, which BuildKit honours from v0.11 on: the image's
    /// creation time shows whether this engine did (Docker 20.10's BuildKit is older and stamps the build time, so
    /// its digests differ from build to build).
    /// </summary>
    [SkippableFact]
    public void The_build_labels_are_on_the_image_and_a_new_commit_rebuilds_no_layer()
    {
        Engine.RequireOrSkip();
        var repository = TestRepository.Create("docker-image-target-labels")
            .WriteProject("src/Api/Api.csproj", Projects.Web(properties: "<Version>3.1.4</Version>"), Projects.WebProgram("labels"));
        Prepare(repository, "src/Api/Api.csproj");
        repository.WriteFile(".gitignore", "bin/\nobj/\n");
        Git(repository, "2024-01-02T03:04:05Z", "init", "-q");
        Git(repository, "2024-01-02T03:04:05Z", "add", "-A");
        Git(repository, "2024-01-02T03:04:05Z", "commit", "-q", "-m", "First");
        var firstCommit = Git(repository, null, "rev-parse", "HEAD");
        var image = $"labels/api:{Tag()}";
        var environment = new Dictionary<string, string?>(DockerEnvironment(DebianDocker)) { ["SOURCE_DATE_EPOCH"] = null };
        try
        {
            var first = repository.Dotnet("build", "src/Api/Api.csproj", environment, "-t:MultiStageContainerImage", "-p:MultiStageContainerBuilder=docker", "-p:MultiStageContainerBuildArguments=--network=host", "-p:MultiStageReproducible=true", $"-p:ContainerRepository=labels/api", $"-p:ContainerImageTag={Tag()}");
            output.WriteLine(first.Output);
            Assert.True(first.Succeeded, first.Output);
            Assert.Contains("--build-arg SOURCE_DATE_EPOCH=1704164645", first.Output);
            var labels = Labels(image);
            Assert.Equal("3.1.4", labels["org.opencontainers.image.version"]);
            Assert.Equal(firstCommit, labels["org.opencontainers.image.revision"]);
            Assert.Equal("2024-01-02T03:04:05Z", labels["org.opencontainers.image.created"]);
            Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra", labels["org.opencontainers.image.base.name"]);
            Assert.False(labels.ContainsKey("org.opencontainers.image.base.digest"), "the base image is not pinned");

            // Measured: Docker 20.10's BuildKit (v0.8) ignores SOURCE_DATE_EPOCH and stamps the build time.
            var created = DateTimeOffset.Parse(Docker.Check("image", "inspect", "--format", "{{.Created}}", image).Trim(), CultureInfo.InvariantCulture);
            var engine = Docker.Check("version", "--format", "{{.Server.Version}}").Trim();
            output.WriteLine($"Docker Engine {engine}: image created {created:O} with SOURCE_DATE_EPOCH=1704164645.");
            if (engine.StartsWith("20.", StringComparison.Ordinal))
            {
                // Not "created just now": an engine that built these inputs before reuses that image, created then.
                Assert.True(created != DateTimeOffset.FromUnixTimeSeconds(1704164645), $"Docker {engine} honoured SOURCE_DATE_EPOCH: created {created:O}");
            }

            Git(repository, "2024-02-03T04:05:06Z", "commit", "-q", "--allow-empty", "-m", "Second");
            var secondCommit = Git(repository, null, "rev-parse", "HEAD");
            var second = repository.Dotnet("build", "src/Api/Api.csproj", environment, "-t:MultiStageContainerImage", "-p:MultiStageContainerBuilder=docker", "-p:MultiStageContainerBuildArguments=--network=host", "-p:MultiStageReproducible=true", $"-p:ContainerRepository=labels/api", $"-p:ContainerImageTag={Tag()}");
            output.WriteLine(second.Output);
            Assert.True(second.Succeeded, second.Output);
            var steps = Engine.ParseSteps(string.Join("\n", second.Output.Split('\n').Select(l => l.Trim())));
            var publish = Assert.Single(steps, s => s.Instruction.Contains("dotnet publish", StringComparison.Ordinal));
            Assert.True(publish.UsedCache, "the publish step ran again after a commit that changed only the revision");
            Assert.All(steps.Where(s => s.Instruction.StartsWith("COPY", StringComparison.Ordinal) || s.Instruction.StartsWith("RUN", StringComparison.Ordinal)), s => Assert.True(s.UsedCache, s.Instruction));
            Assert.Equal(secondCommit, Labels(image)["org.opencontainers.image.revision"]);
            Assert.Equal("2024-02-03T04:05:06Z", Labels(image)["org.opencontainers.image.created"]);
        }
        finally
        {
            Docker.Run(TimeSpan.FromMinutes(2), "rmi", "-f", image);
        }
    }

    private static IReadOnlyDictionary<string, string> Labels(string image) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Docker.Check("image", "inspect", "--format", "{{json .Config.Labels}}", image).Trim())!;

    /// <summary>git in the repository, committing at <paramref name="date"/> when given (author and committer).</summary>
    private static string Git(TestRepository repository, string? date, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>
        {
            ["GIT_AUTHOR_NAME"] = "Test",
            ["GIT_AUTHOR_EMAIL"] = "test@example.com",
            ["GIT_COMMITTER_NAME"] = "Test",
            ["GIT_COMMITTER_EMAIL"] = "test@example.com",
            ["GIT_AUTHOR_DATE"] = date,
            ["GIT_COMMITTER_DATE"] = date,
        };
        var result = ProcessRunner.Run("git", arguments, repository.Root, environment);
        Assert.True(result.Succeeded, result.Output);
        return result.Output.Trim();
    }
}
