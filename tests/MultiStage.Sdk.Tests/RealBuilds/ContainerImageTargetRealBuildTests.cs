using System.Net;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The local loop for real: <c>dotnet build -t:MultiStageContainerImage</c> drives buildah itself, and the image it
/// leaves is tagged as documented (ContainerRepository:ContainerImageTag) and runs. With a ContainerHealthCheck the
/// target asks buildah for Docker's image format, since OCI images carry no HEALTHCHECK. With ContainerArchiveOutputPath
/// naming a folder, the image is also pushed into a docker-archive there, which skopeo reads without any engine.
/// </summary>
[Collection(BuildahRealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.Buildah)]
public class ContainerImageTargetRealBuildTests
{
    private readonly ITestOutputHelper output;

    public ContainerImageTargetRealBuildTests(ITestOutputHelper output) => this.output = output;

    [SkippableFact]
    public void The_image_target_builds_a_tagged_image_with_buildah_that_runs()
    {
        ContainerEngine.Buildah.RequireOrSkip();
        RealBuildSession.Enter();
        const string greeting = "Hello from the image target";
        var repository = TestRepository.Create("image-target")
            .WriteProject("Api/Api.csproj", Projects.Web(items: """<ContainerHealthCheck Include="/" Interval="5s" /><ContainerLabel Include="com.example.archive" Value="kept" />"""), Projects.WebProgram(greeting));
        var generation = repository.Build("Api/Api.csproj");
        Assert.True(generation.Succeeded, generation.Output);
        StandIns.Ensure(StandIns.BaseImages(DockerfileText.Read(repository.PathOf("Api/Dockerfile"))), output);

        var repositoryName = "localhost/multistage-image-target/api";
        var tag = "t" + Path.GetFileName(Repository.RunFolder).Replace("-", string.Empty);
        var image = $"{repositoryName}:{tag}";
        var environment = Buildah.Environment();
        environment["PATH"] = Path.GetDirectoryName(Buildah.Executable) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        try
        {
            var result = repository.Dotnet(
                "build",
                "Api/Api.csproj",
                environment,
                "-t:MultiStageContainerImage",
                "-p:MultiStageContainerBuilder=buildah",
                $"-p:ContainerRepository={repositoryName}",
                $"-p:ContainerImageTag={tag}",
                "-p:MultiStageContainerBuildArguments=--pull=never",
                "-p:ContainerArchiveOutputPath=../artifacts/images/");
            output.WriteLine(result.Output);

            Assert.True(result.Succeeded, result.Output);
            Assert.Contains("buildah bud --layers --format docker -f " + repository.PathOf("Api/Dockerfile"), result.Output);
            Assert.Contains($"MultiStage.Sdk: built {image} with buildah.", result.Output);
            var config = ContainerEngine.Buildah.Inspect(image);
            FinalImageChecks.AssertRunsAsNonRoot(config);
            Assert.Equal(new[] { "dotnet", "Api.dll" }, config.Entrypoint);
            var archive = repository.PathOf("artifacts/images/localhost/multistage-image-target/api.tar");
            Assert.Contains($"buildah push {image} docker-archive:{archive}.", result.Output);
            if (Skopeo.AssertArchiveHolds(archive, config, result.Output) is { } archived)
            {
                Assert.Equal(RealBuild.MachineArchitecture, archived.Architecture);
                Assert.Equal(new[] { "CMD", "dotnet", "/healthprobe/MultiStage.HealthProbe.dll", "http://127.0.0.1:8080/", "5" }, archived.HealthCheck);
            }

            // GeneratedContainerConfiguration is buildah's configuration blob: what skopeo reads from the archive.
            RegistryPushChecks.AssertConfiguration(repository, "Api/Api.csproj", Skopeo.InspectArchive(archive) ?? config);
            AssertTlsFailureIsCoded(repository, repositoryName, tag, environment);

            using (var inspected = System.Text.Json.JsonDocument.Parse(Buildah.Check("inspect", "--type", "image", image)))
            {
                var test = inspected.RootElement.GetProperty("Docker").GetProperty("config").GetProperty("Healthcheck").GetProperty("Test");
                Assert.Equal(
                    new[] { "CMD", "dotnet", "/healthprobe/MultiStage.HealthProbe.dll", "http://127.0.0.1:8080/", "5" },
                    test.EnumerateArray().Select(e => e.GetString()));
            }

            SbomChecks.AssertCopiedOutOf(ContainerEngine.Buildah, image, repository.PathOf("Api/obj"), result.Output);
            RunningContainer.AssertPortIsFree(8080);
            using var container = ContainerEngine.Buildah.Start(image);
            var (status, body) = container.WaitForHttp(8080);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(greeting, body);
        }
        finally
        {
            Buildah.Run(TimeSpan.FromMinutes(2), "rmi", "-f", image);
        }
    }

    /// <summary>
    /// The image built again (every layer cached) and pushed to a TLS registry whose certificate nothing trusts:
    /// MULTISTAGE4012, naming the registry and the certificate, and no result file.
    /// </summary>
    private static void AssertTlsFailureIsCoded(TestRepository repository, string repositoryName, string tag, IDictionary<string, string?> environment)
    {
        LoopbackRegistryRequirement.RequireOrSkip();
        using var untrusted = LoopbackRegistry.Start(repository.Root + "-untrusted-registry", new LoopbackRegistryOptions(Tls: true));
        var pushedName = $"{untrusted.Address}/{repositoryName}:{tag}";
        try
        {
            var result = repository.Dotnet(
                "build",
                "Api/Api.csproj",
                environment,
                "-t:MultiStageContainerImage",
                "-p:MultiStageContainerBuilder=buildah",
                $"-p:ContainerRegistry={untrusted.Address}",
                $"-p:ContainerRepository={repositoryName}",
                $"-p:ContainerImageTag={tag}",
                "-p:MultiStageContainerBuildArguments=--pull=never");

            RegistryPushChecks.AssertFailedWith(result, "MULTISTAGE4012", untrusted.Address, repository, "Api/Api.csproj");
            Assert.Contains($"failed TLS verification while pushing {pushedName}", result.Output);
            Assert.Contains("/etc/containers/certs.d/" + untrusted.Address + "/ca.crt", result.Output);
            Assert.Empty(untrusted.Tags(repositoryName));
        }
        finally
        {
            Buildah.Run(TimeSpan.FromMinutes(2), "rmi", "-f", pushedName);
        }
    }
}
