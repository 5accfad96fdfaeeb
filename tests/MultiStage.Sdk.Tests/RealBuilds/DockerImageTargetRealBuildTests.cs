using System.Diagnostics;
using System.Net;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The image targets with docker for real, on the registry-less test engine: Debian's docker 20.10 builds with its
/// built-in BuildKit (DOCKER_BUILDKIT=1) and saves the image archive that docker load takes back, a docker CLI from 23.0 on without buildx stops with MULTISTAGE4005, several
/// platforms without buildx stop with MULTISTAGE4006, a solution builds one image per application,
/// MultiStageContainerRun answers and removes its container when the build is stopped, and a repository in the
/// artifacts layout keeps its host build output out of the context.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public partial class DockerImageTargetRealBuildTests
{
    /// <summary>Debian's docker CLI (20.10): BuildKit built in, no buildx.</summary>
    private const string DebianDocker = "/usr/bin/docker";

    private readonly ITestOutputHelper output;

    public DockerImageTargetRealBuildTests(ITestOutputHelper output) => this.output = output;

    private static ContainerEngine Engine => ContainerEngine.BuildKit;

    [SkippableFact]
    public void The_image_target_builds_with_the_BuildKit_built_into_docker_20_10_under_a_clean_name()
    {
        Engine.RequireOrSkip();
        const string greeting = "Hello from the docker image target";
        var repository = TestRepository.Create("docker-image-target")
            .WriteProject("src/Api/Api.csproj", Projects.Web(properties: "<ContainerRepository>Shop Api/Orders_</ContainerRepository>", items: "<ContainerLabel Include=\"com.example.archive\" Value=\"kept\" />"), Projects.WebProgram(greeting));
        Prepare(repository, "src/Api/Api.csproj");
        var tag = Tag();
        var archive = repository.PathOf("artifacts/orders.tar");

        var result = BuildWithDocker(repository, "src/Api/Api.csproj", DebianDocker, "-t:MultiStageContainerImage", $"-p:ContainerImageTag={tag}", $"-p:ContainerArchiveOutputPath={archive}");

        Assert.True(result.Succeeded, result.Output);
        var image = $"shop-api/orders:{tag}";
        Assert.Contains("DOCKER_BUILDKIT=1", result.Output);
        Assert.Contains($"MultiStage.Sdk: built {image} with docker.", result.Output);
        try
        {
            var config = Engine.Inspect(image);
            FinalImageChecks.AssertRunsAsNonRoot(config);
            Assert.Equal(RealBuild.MachineArchitecture, config.Architecture);
            RunningContainer.AssertPortIsFree(8080);
            using (var app = Engine.Start(image))
            {
                var (status, body) = app.WaitForHttp(8080);
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal(greeting, body);
            }

            AssertArchiveLoadsBack(archive, image, config);
            SbomChecks.AssertCopiedOutOf(Engine, image, repository.PathOf("src/Api/obj"), result.Output);
        }
        finally
        {
            Docker.Run(TimeSpan.FromMinutes(2), "rmi", "-f", image);
        }
    }

    [SkippableFact]
    public void Several_platforms_without_buildx_stop_before_building_with_MULTISTAGE4006()
    {
        Engine.RequireOrSkip();
        var repository = TestRepository.Create("docker-image-target-platforms")
            .WriteProject("src/Api/Api.csproj", Projects.Web(), Projects.WebProgram());
        Prepare(repository, "src/Api/Api.csproj");

        var result = BuildWithDocker(repository, "src/Api/Api.csproj", DebianDocker, "-t:MultiStageContainerImage", "-p:ContainerRuntimeIdentifiers=linux-x64%3Blinux-arm64");

        Assert.False(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE4006" }, result.ErrorCodes);
        Assert.DoesNotContain("DOCKER_BUILDKIT=1 docker build", result.Output);
    }

    [SkippableFact]
    public void A_docker_CLI_from_23_on_without_buildx_stops_before_building_with_MULTISTAGE4005()
    {
        Engine.RequireOrSkip();
        var cli = NewerDockerWithoutBuildx();
        Skip.If(cli is null, "No docker CLI of version 23 or newer without the buildx plugin on this machine (Debian's docker.io is 20.10).");
        var repository = TestRepository.Create("docker-image-target-no-buildx")
            .WriteProject("src/Api/Api.csproj", Projects.Web(), Projects.WebProgram());
        Prepare(repository, "src/Api/Api.csproj");

        var result = BuildWithDocker(repository, "src/Api/Api.csproj", cli!, "-t:MultiStageContainerImage");

        Assert.False(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE4005" }, result.ErrorCodes);
        Assert.Contains("buildx", result.Output);
    }

    [SkippableFact]
    public void A_solution_builds_one_image_per_application_and_passes_over_the_library()
    {
        Engine.RequireOrSkip();
        var repository = TestRepository.Create("docker-image-target-solution", markAsRepositoryRoot: false)
            .WriteFile("Shop.slnx", "<Solution>\n  <Project Path=\"src/Api/Api.csproj\" />\n  <Project Path=\"src/Tool/Tool.csproj\" />\n  <Project Path=\"src/Core/Core.csproj\" />\n</Solution>\n")
            .WriteFile("Directory.Build.props", "<Project>\n  <Import Project=\"Sdk.props\" Sdk=\"MultiStage.Sdk\" />\n</Project>\n")
            .WriteFile("Directory.Build.targets", "<Project>\n  <Import Project=\"Sdk.targets\" Sdk=\"MultiStage.Sdk\" />\n</Project>\n")
            .WriteProject("src/Api/Api.csproj", Projects.Web(items: "<ProjectReference Include=\"../Core/Core.csproj\" />").Replace("  <Sdk Name=\"MultiStage.Sdk\" />\n", string.Empty), Projects.WebProgram("api"))
            .WriteProject("src/Tool/Tool.csproj", Projects.Console(items: "<ProjectReference Include=\"../Core/Core.csproj\" />").Replace("Sdk=\"MultiStage.Sdk\"", "Sdk=\"Microsoft.NET.Sdk\""), Projects.ConsoleProgram("tool"))
            .WriteProject("src/Core/Core.csproj", Projects.Library());
        Prepare(repository, "Shop.slnx", "src/Api/Dockerfile", "src/Tool/Dockerfile");
        var tag = Tag();

        var result = BuildWithDocker(repository, "Shop.slnx", DebianDocker, "-t:MultiStageContainerImage", $"-p:ContainerImageTag={tag}", "-m:2");

        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("MultiStage.Sdk: no image for Core: it is not an application (OutputType is 'Library').", result.Output);
        try
        {
            Assert.Equal(new[] { "dotnet", "Api.dll" }, Engine.Inspect($"api:{tag}").Entrypoint);
            var (exitCode, text) = RunningContainer.RunToCompletion(Engine, $"tool:{tag}", TimeSpan.FromMinutes(1));
            Assert.True(exitCode == 0 && text.Trim() == "tool", $"tool:{tag} printed \"{text}\" ({exitCode}).");
        }
        finally
        {
            Docker.Run(TimeSpan.FromMinutes(2), "rmi", "-f", $"api:{tag}", $"tool:{tag}");
        }
    }

    [SkippableFact]
    public void The_run_target_answers_on_its_port_and_stopping_the_build_removes_the_container()
    {
        Engine.RequireOrSkip();
        const string greeting = "Hello from MultiStageContainerRun";
        var repository = TestRepository.Create("docker-run-target")
            .WriteProject("src/Api/Api.csproj", Projects.Web(), Projects.WebProgram(greeting));
        Prepare(repository, "src/Api/Api.csproj");
        RunningContainer.AssertPortIsFree(8080);

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repository.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "build", "src/Api/Api.csproj", "-nologo", "-t:MultiStageContainerRun", "-p:MultiStageContainerBuilder=docker", "-p:MultiStageContainerBuildArguments=--network=host", "-p:MultiStageContainerRunArguments=--network=host" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in DockerEnvironment(DebianDocker))
        {
            start.Environment[key] = value;
        }

        var log = new System.Text.StringBuilder();
        using var build = Process.Start(start)!;
        build.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        build.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        build.BeginOutputReadLine();
        build.BeginErrorReadLine();
        try
        {
            var (status, body) = WaitForHttp(8080, TimeSpan.FromMinutes(5), () => build.HasExited);
            Assert.True(status == HttpStatusCode.OK && body == greeting, $"HTTP {(int)status} \"{body}\"\n{log}");
            var containers = Docker.Check("ps", "--filter", "name=multistage-", "--format", "{{.Names}}");
            Assert.False(string.IsNullOrWhiteSpace(containers), "No multistage- container is running.\n" + log);
            output.WriteLine("Running: " + containers);

            // Ctrl+C: MSBuild cancels the run task, which removes its container.
            ProcessRunner.Run("kill", new[] { "-INT", build.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, repository.Root);
            Assert.True(build.WaitForExit((int)TimeSpan.FromMinutes(2).TotalMilliseconds), "The build did not stop on SIGINT.\n" + log);
            var left = Docker.Check("ps", "-a", "--filter", "name=" + containers.Split('\n')[0].Trim(), "--format", "{{.Names}}");
            Assert.True(string.IsNullOrWhiteSpace(left), $"The container {left} is still there after the build stopped.\n{log}");
        }
        finally
        {
            if (!build.HasExited)
            {
                build.Kill(entireProcessTree: true);
            }

            output.WriteLine(log.ToString());
        }
    }

    [SkippableFact]
    public void Host_publish_and_pack_output_of_the_artifacts_layout_stays_out_of_the_context()
    {
        Engine.RequireOrSkip();
        const string greeting = "Hello from the artifacts layout";
        var repository = TestRepository.Create("docker-artifacts-layout")
            .WriteFile("Directory.Build.props", "<Project>\n  <PropertyGroup><UseArtifactsOutput>true</UseArtifactsOutput></PropertyGroup>\n</Project>\n")
            .WriteProject("src/Api/Api.csproj", Projects.Web(items: "<ProjectReference Include=\"../Core/Core.csproj\" />"), Projects.WebProgram(greeting))
            .WriteProject("src/Core/Core.csproj", Projects.Library());

        // What a developer's working tree holds after a self-contained publish and a pack: tens of megabytes.
        var publish = repository.Dotnet("publish", "src/Api/Api.csproj", "-r", "linux-x64", "--self-contained");
        Assert.True(publish.Succeeded, publish.Output);
        var pack = repository.Dotnet("pack", "src/Core/Core.csproj");
        Assert.True(pack.Succeeded, pack.Output);
        var hostOutput = Directory.EnumerateFiles(repository.PathOf("artifacts"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(Directory.Exists(repository.PathOf("artifacts/publish")) && Directory.Exists(repository.PathOf("artifacts/package")));
        Prepare(repository, "src/Api/Api.csproj");
        Assert.Contains("artifacts/", repository.ReadFile(".dockerignore").Split('\n'));

        var build = Engine.Build(repository.PathOf("src/Api/Dockerfile"), "artifacts-layout", output);

        build.AssertSucceeded();
        // The context is the sources (with the packed SDK of the local feed) and nothing of artifacts/.
        var sources = Directory.EnumerateFiles(repository.Root, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(repository.Root, f).Replace('\\', '/').Split('/').Any(segment => segment is "artifacts" or ".git"))
            .Sum(f => new FileInfo(f).Length);
        Assert.True(build.ContextBytes is > 0 && build.ContextBytes <= sources + 16_384, $"The context was {build.ContextBytes} bytes; the sources are {sources}, the host's artifacts/ holds {hostOutput}.\n{build.Describe()}");
        output.WriteLine($"Context: {build.ContextBytes} bytes; host artifacts/: {hostOutput} bytes.");
        RunningContainer.AssertPortIsFree(8080);
        using var app = Engine.Start(build.Tag);
        var (status, body) = app.WaitForHttp(8080);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(greeting, body);
    }
}
