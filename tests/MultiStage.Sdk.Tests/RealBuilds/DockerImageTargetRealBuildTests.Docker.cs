using System.Diagnostics;
using System.Net;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

// Preparing the projects and running docker for DockerImageTargetRealBuildTests.
public partial class DockerImageTargetRealBuildTests
{
    /// <summary>Generates the Dockerfile(s) and puts their base images' stand-ins into the engine.</summary>
    private void Prepare(TestRepository repository, string target, params string[] dockerfiles)
    {
        var generation = repository.Build(target);
        Assert.True(generation.Succeeded, generation.Output);
        foreach (var dockerfile in dockerfiles.Length == 0 ? new[] { Path.GetDirectoryName(target)!.Replace('\\', '/') + "/Dockerfile" } : dockerfiles)
        {
            Engine.EnsureStandIns(StandIns.BaseImages(DockerfileText.Read(repository.PathOf(dockerfile))), output);
        }
    }

    /// <summary>dotnet build with the given docker CLI as the only docker on PATH, talking to the test engine; builds use the host network.</summary>
    private BuildResult BuildWithDocker(TestRepository repository, string target, string dockerCli, params string[] arguments)
    {
        var result = repository.Dotnet(
            "build",
            target,
            DockerEnvironment(dockerCli),
            arguments.Concat(new[] { "-p:MultiStageContainerBuilder=docker", "-p:MultiStageContainerBuildArguments=--network=host" }).ToArray());
        output.WriteLine(result.Output);
        return result;
    }

    /// <summary>PATH with only dotnet and a folder whose docker is <paramref name="dockerCli"/>; the engine's DOCKER_HOST; no DOCKER_BUILDKIT of the test run.</summary>
    internal static Dictionary<string, string?> DockerEnvironment(string dockerCli)
    {
        // One folder per CLI path: /usr/bin/docker and /usr/local/bin/docker must not share a link.
        var folder = Path.Combine(Repository.RunFolder, "docker-cli", dockerCli.Trim('/').Replace('/', '-'));
        Directory.CreateDirectory(folder);
        var link = Path.Combine(folder, "docker");
        if (!File.Exists(link))
        {
            File.CreateSymbolicLink(link, dockerCli);
        }

        var environment = new Dictionary<string, string?>(Docker.Environment())
        {
            ["PATH"] = folder + Path.PathSeparator + Path.GetDirectoryName(Environment.ProcessPath!) + Path.PathSeparator + "/usr/sbin:/usr/bin:/sbin:/bin",
            ["DOCKER_BUILDKIT"] = null,
        };
        return environment;
    }

    /// <summary>The archive ContainerArchiveOutputPath asked for: skopeo reads the image's config from it, and docker load gives the image back.</summary>
    private static void AssertArchiveLoadsBack(string archive, string image, ImageConfig built)
    {
        Skopeo.AssertArchiveHolds(archive, built, image);
        Docker.Check("rmi", "-f", image);
        Assert.Contains("Loaded image: " + image, Docker.Check("load", "-i", archive));
        Assert.Equal(built.Entrypoint, Engine.Inspect(image).Entrypoint);
    }

    /// <summary>A docker CLI of version 23 or newer that has no buildx plugin, if the machine has one.</summary>
    private static string? NewerDockerWithoutBuildx()
    {
        foreach (var candidate in new[] { "/usr/local/bin/docker" })
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            var version = ProcessRunner.Run(candidate, new[] { "version", "--format", "{{.Client.Version}}" }, Repository.RunFolder, Docker.Environment(), TimeSpan.FromSeconds(30));
            var buildx = ProcessRunner.Run(candidate, new[] { "buildx", "version" }, Repository.RunFolder, Docker.Environment(), TimeSpan.FromSeconds(30));
            if (int.TryParse(version.Output.Trim().Split('.')[0], out var major) && major >= 23 && !buildx.Succeeded)
            {
                return candidate;
            }
        }

        return null;
    }

    private static (HttpStatusCode Status, string Body) WaitForHttp(int port, TimeSpan timeout, Func<bool> gaveUp)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = (HttpStatusCode.ServiceUnavailable, "no answer");
        while (clock.Elapsed < timeout && !gaveUp())
        {
            try
            {
                using var response = client.GetAsync($"http://127.0.0.1:{port}/").GetAwaiter().GetResult();
                return (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            }
            catch (HttpRequestException e)
            {
                last = (HttpStatusCode.ServiceUnavailable, e.Message);
            }

            Thread.Sleep(500);
        }

        return last;
    }

    private static string Tag() => "t" + Path.GetFileName(Repository.RunFolder).Replace("-", string.Empty, StringComparison.Ordinal);
}
