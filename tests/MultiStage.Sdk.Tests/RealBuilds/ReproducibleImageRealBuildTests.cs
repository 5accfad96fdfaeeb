using System.Globalization;
using System.Text.Json;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// MultiStageReproducible on buildah for real: one commit built twice through <c>dotnet build
/// -t:MultiStageContainerImage</c>, each time on an empty builder (a storage root of its own that sees the stand-ins
/// read-only, and empty RUN cache mounts), gives the same image: the same image id, the same manifest digest once
/// pushed to an OCI layout, and created at the commit's time.
/// </summary>
[Collection(BuildahRealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.Buildah)]
public class ReproducibleImageRealBuildTests
{
    private readonly ITestOutputHelper output;

    public ReproducibleImageRealBuildTests(ITestOutputHelper output) => this.output = output;

    [SkippableFact]
    public void The_same_commit_built_twice_on_emptied_buildah_storage_gives_the_same_digest()
    {
        ContainerEngine.Buildah.RequireOrSkip();
        RealBuildSession.Enter();
        // Unique sources, so no layer of the machine's own storage can stand in for a step of these builds.
        var marker = Guid.NewGuid().ToString("N");
        var repository = TestRepository.Create("reproducible-buildah")
            .WriteProject("App/App.csproj", Projects.Console(properties: $"<Version>4.5.6</Version><MultiStageTestRun>{marker}</MultiStageTestRun>"), Projects.ConsoleProgram("Hello " + marker));
        var generation = repository.Build("App/App.csproj");
        Assert.True(generation.Succeeded, generation.Output);
        StandIns.Ensure(StandIns.BaseImages(DockerfileText.Read(repository.PathOf("App/Dockerfile"))), output);
        repository.WriteFile(".gitignore", "bin/\nobj/\n");
        Git(repository, "init", "-q");
        Git(repository, "add", "-A");
        Git(repository, "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "First", "--date=2024-01-02T03:04:05Z");
        var commit = Git(repository, "rev-parse", "HEAD");
        var commitTime = long.Parse(Git(repository, "log", "-1", "--format=%ct"), CultureInfo.InvariantCulture);

        var image = "localhost/multistage-reproducible/app:" + marker.Substring(0, 12);
        var first = BuildOnEmptyStorage(repository, image, "first");
        var second = BuildOnEmptyStorage(repository, image, "second");

        Assert.Equal(first.ImageId, second.ImageId);
        Assert.Equal(first.ManifestDigest, second.ManifestDigest);
        Assert.Equal("2024-01-02T03:04:05Z", first.Created);
        Assert.Equal(1704164645L, commitTime);
        Assert.Equal("4.5.6", first.Labels["org.opencontainers.image.version"]);
        Assert.Equal(commit, first.Labels["org.opencontainers.image.revision"]);
        Assert.Equal("2024-01-02T03:04:05Z", first.Labels["org.opencontainers.image.created"]);
        Assert.Equal("mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra", first.Labels["org.opencontainers.image.base.name"]);
    }

    private sealed record BuiltImage(string ImageId, string ManifestDigest, string Created, IReadOnlyDictionary<string, string> Labels);

    /// <summary>
    /// Builds the image on a storage root and a cache-mount folder of its own, made for this build and deleted after:
    /// what a fresh CI runner has. The machine's storage is only read, for the stand-in base images.
    /// </summary>
    private BuiltImage BuildOnEmptyStorage(TestRepository repository, string image, string name)
    {
        var folder = Path.Combine(Repository.RunFolder, "reproducible-storage", Path.GetFileName(repository.Root) + "-" + name);
        Directory.CreateDirectory(Path.Combine(folder, "tmp"));
        var driver = Buildah.Check("info", "--format", "{{.store.GraphDriverName}}").Trim();
        var machineStore = Buildah.Check("info", "--format", "{{.store.GraphRoot}}").Trim();
        File.WriteAllText(Path.Combine(folder, "storage.conf"), $"""
            [storage]
            driver = "{driver}"
            graphroot = "{folder}/root"
            runroot = "{folder}/run"
            [storage.options]
            additionalimagestores = ["{machineStore}"]
            """);
        var environment = Buildah.Environment();
        environment["CONTAINERS_STORAGE_CONF"] = Path.Combine(folder, "storage.conf");
        environment["TMPDIR"] = Path.Combine(folder, "tmp");
        environment["SOURCE_DATE_EPOCH"] = null;
        environment["PATH"] = Path.GetDirectoryName(Buildah.Executable) + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");
        try
        {
            var result = repository.Dotnet(
                "build",
                "App/App.csproj",
                environment,
                "-t:MultiStageContainerImage",
                "-p:MultiStageContainerBuilder=buildah",
                "-p:MultiStageReproducible=true",
                $"-p:ContainerRepository={image.Substring(0, image.LastIndexOf(':'))}",
                $"-p:ContainerImageTag={image.Substring(image.LastIndexOf(':') + 1)}",
                "-p:MultiStageContainerBuildArguments=--pull=never");
            output.WriteLine(result.Output);
            Assert.True(result.Succeeded, result.Output);
            Assert.Contains("--timestamp 1704164645", result.Output);

            string InStore(params string[] arguments)
            {
                var run = ProcessRunner.Run(Buildah.Executable, Buildah.GlobalArguments().Concat(arguments), folder, environment, TimeSpan.FromMinutes(5));
                Assert.True(run.Succeeded, run.Output);
                return run.Output;
            }

            var layout = Path.Combine(folder, "oci");
            InStore("push", image, "oci:" + layout + ":app");
            using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(layout, "index.json")));
            var manifestDigest = index.RootElement.GetProperty("manifests")[0].GetProperty("digest").GetString()!;
            var inspected = InStore("inspect", "--type", "image", image);
            using var document = JsonDocument.Parse(inspected.Substring(inspected.IndexOf('{', StringComparison.Ordinal)));
            var config = document.RootElement.GetProperty("OCIv1");
            var labels = config.GetProperty("config").GetProperty("Labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);
            var created = DateTimeOffset.Parse(config.GetProperty("created").GetString()!, CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var imageId = document.RootElement.GetProperty("FromImageID").GetString()!;
            output.WriteLine($"{name}: image {imageId}, manifest {manifestDigest}");
            return new BuiltImage(imageId, manifestDigest, created, labels);
        }
        finally
        {
            // Only this storage's image: the machine's store is an additional, read-only one here.
            ProcessRunner.Run(Buildah.Executable, Buildah.GlobalArguments().Concat(new[] { "rmi", "--force", image }), folder, environment, TimeSpan.FromMinutes(2));
            ProcessRunner.Run("rm", new[] { "-rf", folder }, Repository.RunFolder, timeout: TimeSpan.FromMinutes(2));
        }
    }

    private static string Git(TestRepository repository, params string[] arguments)
    {
        var environment = new Dictionary<string, string?> { ["GIT_COMMITTER_DATE"] = "2024-01-02T03:04:05Z" };
        var result = ProcessRunner.Run("git", arguments, repository.Root, environment);
        Assert.True(result.Succeeded, result.Output);
        return result.Output.Trim();
    }
}
