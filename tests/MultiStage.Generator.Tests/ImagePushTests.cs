using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Plan;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>ContainerRegistry: the push commands of each builder, the digest read from their answers, why a push failed, and the result file.</summary>
public sealed class ImagePushTests
{
    private const string Digest = "sha256:d54e5963134315a5f01368f6beaaa72e6c5822441988d47740615436886f2dc9";

    private static ImageBuildRequest Request(IReadOnlyList<string> platforms, bool push, string? resultFile) =>
        new(
            "/repo/src/Api/Dockerfile",
            "/repo",
            new[] { "registry.example.com:5000/shop/api:1.2", "registry.example.com:5000/shop/api:latest" },
            platforms,
            Array.Empty<BuildSecret>(),
            Array.Empty<NameValue>(),
            Array.Empty<string>(),
            "linux/amd64",
            Push: push,
            ResultFile: resultFile);

    [Theory]
    [InlineData("registry.example.com", "registry.example.com")]
    [InlineData(" ghcr.io/ ", "ghcr.io")]
    [InlineData("127.0.0.1:5000", "127.0.0.1:5000")]
    [InlineData("localhost:5000", "localhost:5000")]
    [InlineData("[::1]:5000", "[::1]:5000")]
    [InlineData("https://registry.example.com", null)]
    [InlineData("registry.example.com/team", null)]
    [InlineData("registry example.com", null)]
    [InlineData("127.0.0.1:99999", null)]
    [InlineData("-registry.example.com", null)]
    [InlineData("registry.example.com:", null)]
    public void A_registry_is_a_host_and_an_optional_port(string value, string? expected)
    {
        Assert.Equal(expected, ImagePush.ParseRegistry(value));
    }

    [Fact]
    public void Pushed_names_put_the_registry_before_the_repository()
    {
        Assert.Equal(
            new[] { "127.0.0.1:5000/shop/api:a", "127.0.0.1:5000/shop/api:b" },
            ContainerBuilderCommands.TaggedNames(ImagePush.Repository("127.0.0.1:5000", "shop/api"), new[] { "a", "b", "a" }));
        Assert.Equal("shop/api", ImagePush.Repository(null, "shop/api"));
        Assert.Equal(new[] { "latest" }, ImagePush.Tags(Array.Empty<string>()));
    }

    [Fact]
    public void Docker_pushes_each_name_and_prints_the_digest()
    {
        Assert.Equal(new[] { "push", "r:5000/api:a" }, ImagePush.Push(ContainerBuilder.Docker, "r:5000/api:a", null, "/obj/d"));
    }

    [Theory]
    [InlineData("buildah")]
    [InlineData("podman")]
    public void Buildah_and_podman_push_each_name_and_write_the_digest_to_a_file(string name)
    {
        var builder = ContainerBuilderCommands.Parse(name)!.Value;
        Assert.Equal(
            new[] { "push", "--digestfile", "/obj/d", "r:5000/api:a", "docker://r:5000/api:a" },
            ImagePush.Push(builder, "r:5000/api:a", null, "/obj/d"));
        Assert.Equal(
            new[] { "manifest", "push", "--all", "--digestfile", "/obj/d", "r:5000/api:a", "docker://r:5000/api:b" },
            ImagePush.Push(builder, "r:5000/api:b", "r:5000/api:a", "/obj/d"));
        Assert.Equal(new[] { "manifest", "rm", "r:5000/api:a" }, ImagePush.RemoveManifestList("r:5000/api:a"));
    }

    [Fact]
    public void Buildx_pushes_while_it_builds_and_writes_its_metadata()
    {
        var single = ContainerBuilderCommands.Build(ContainerBuilder.Docker, DockerBuildKit.Buildx, Request(Array.Empty<string>(), push: true, "/obj/m.json"));
        Assert.Equal(
            new[] { "buildx", "build", "--push", "-f", "/repo/src/Api/Dockerfile", "-t", "registry.example.com:5000/shop/api:1.2", "-t", "registry.example.com:5000/shop/api:latest", "--metadata-file", "/obj/m.json", "/repo" },
            single);
        var index = ContainerBuilderCommands.Build(ContainerBuilder.Docker, DockerBuildKit.Buildx, Request(new[] { "linux/amd64", "linux/arm64" }, push: true, "/obj/m.json"));
        Assert.Equal(
            new[] { "buildx", "build", "--push", "-f", "/repo/src/Api/Dockerfile", "-t", "registry.example.com:5000/shop/api:1.2", "-t", "registry.example.com:5000/shop/api:latest", "--metadata-file", "/obj/m.json", "--platform", "linux/amd64,linux/arm64", "/repo" },
            index);
        Assert.True(ImagePush.PushesWhileBuilding(ContainerBuilder.Docker, DockerBuildKit.Buildx));
        Assert.False(ImagePush.PushesWhileBuilding(ContainerBuilder.Docker, DockerBuildKit.BuiltIn));
        Assert.False(ImagePush.PushesWhileBuilding(ContainerBuilder.Buildah, DockerBuildKit.Unavailable));
    }

    [Fact]
    public void The_other_builders_write_the_image_id_to_a_file()
    {
        Assert.Contains("--iidfile /obj/i", string.Join(" ", ContainerBuilderCommands.Build(ContainerBuilder.Docker, DockerBuildKit.BuiltIn, Request(Array.Empty<string>(), push: false, "/obj/i"))));
        var buildah = ContainerBuilderCommands.Build(ContainerBuilder.Buildah, DockerBuildKit.Unavailable, Request(Array.Empty<string>(), push: false, "/obj/i"));
        Assert.Contains("--iidfile /obj/i", string.Join(" ", buildah));
        Assert.DoesNotContain("--push", buildah);
    }

    [Fact]
    public void The_digest_comes_from_docker_push_output_a_digest_file_or_buildx_metadata()
    {
        var dockerOutput = new[] { "The push refers to repository [127.0.0.1:5000/api]", "3ad297593f8a: Pushed", $"a: digest: {Digest} size: 523" };
        Assert.Equal(Digest, ImagePush.DigestFromDockerPush(dockerOutput));
        Assert.Null(ImagePush.DigestFromDockerPush(new[] { "3ad297593f8a: Pushed" }));
        Assert.Equal(Digest, ImagePush.DigestFromFile(Digest + "\n"));
        Assert.Equal(Digest, ImagePush.DigestFromFile(Digest.Substring(7)));
        Assert.Null(ImagePush.DigestFromFile(""));
        Assert.Null(ImagePush.DigestFromFile("sha256:abc"));
        Assert.Null(ImagePush.DigestFromFile(Digest + "0"));
        var metadata = $"{{\n  \"containerimage.config.digest\": \"sha256:{new string('1', 64)}\",\n  \"containerimage.digest\": \"{Digest}\"\n}}";
        Assert.Equal((Digest, "sha256:" + new string('1', 64)), ImagePush.FromBuildxMetadata(metadata));
        Assert.Equal(((string?)null, (string?)null), ImagePush.FromBuildxMetadata("not json"));
    }

    [Theory]
    [InlineData("Refused", "unauthorized: authentication required")]
    [InlineData("Refused", "Error: pushing image \"localhost/one:v1\" to \"docker://127.0.0.1:5000/one:v1\": trying to reuse blob sha256:611c at destination: checking whether a blob sha256:611c exists in 127.0.0.1:5000/one: unauthorized: authentication required")]
    [InlineData("Refused", "no basic auth credentials")]
    [InlineData("Refused", "denied: requested access to the resource is denied")]
    [InlineData("Unreachable", "Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused")]
    [InlineData("Unreachable", "Get \"https://nosuchhost.invalid:5000/v2/\": proxyconnect tcp: dial tcp 127.0.0.1:9: connect: connection refused")]
    [InlineData("Unreachable", "pinging container registry nosuchhost.invalid:5000: Get \"https://nosuchhost.invalid:5000/v2/\": dial tcp: lookup nosuchhost.invalid on 10.0.0.53:53: no such host")]
    [InlineData("Tls", "pinging container registry 127.0.0.1:5000: Get \"https://127.0.0.1:5000/v2/\": x509: certificate signed by unknown authority")]
    [InlineData("Tls", "Get \"https://r:5000/v2/\": http: server gave HTTP response to HTTPS client")]
    [InlineData("Other", "open /var/lib/containers/storage/overlay/l/ABC: permission denied")]
    [InlineData("Other", "manifest unknown")]
    public void A_failed_push_is_classified_from_the_engine_errors(string expected, string line)
    {
        var problem = ImagePush.Classify(new[] { "The push refers to repository [127.0.0.1:5000/one]", line, "" });

        Assert.Equal(expected, problem.Failure.ToString());
        Assert.Contains(line.Substring(Math.Max(0, line.Length - 40)), problem.Detail);
    }

    [Fact]
    public void A_retry_warning_of_buildah_is_shortened_to_its_error_and_silence_says_so()
    {
        var problem = ImagePush.Classify(new[] { "time=\"2026-12-02T12:56:20Z\" level=warning msg=\"Failed, retrying in 2s ... (1/3). Error: dial tcp 127.0.0.1:1: connect: connection refused\"" });
        Assert.Equal(new PushProblem(PushFailure.Unreachable, "dial tcp 127.0.0.1:1: connect: connection refused"), problem);
        Assert.Equal(new PushProblem(PushFailure.Other, "no error message"), ImagePush.Classify(Array.Empty<string>()));
    }

    [Fact]
    public void The_push_codes_name_the_registry_and_the_cause()
    {
        var refused = DiagnosticDescriptors.RegistryRefusedPush.Create("127.0.0.1:5000", "127.0.0.1:5000/api:a", "unauthorized: authentication required", "docker");
        Assert.Equal("MULTISTAGE4010", refused.Code);
        Assert.Contains("'127.0.0.1:5000' (ContainerRegistry)", refused.Message);
        Assert.Contains("docker login 127.0.0.1:5000", refused.Message);
        Assert.Equal("MULTISTAGE4011", DiagnosticDescriptors.RegistryUnreachable.Code);
        Assert.Equal("MULTISTAGE4012", DiagnosticDescriptors.RegistryTlsFailed.Code);
        Assert.Contains("/etc/containers/certs.d/r:5000/ca.crt", DiagnosticDescriptors.RegistryTlsFailed.Create("r:5000", "r:5000/api:a", "x509").Message);
        Assert.Contains("ContainerRegistry 'https://r'", DiagnosticDescriptors.InvalidContainerRegistry.Create("https://r").Message);
    }

    [Fact]
    public void The_result_file_reads_back_and_a_local_build_has_an_image_id_and_no_digest()
    {
        var pushed = new ImageResult("127.0.0.1:5000", "shop/api", new[] { "a", "b" }, new[] { "127.0.0.1:5000/shop/api:a", "127.0.0.1:5000/shop/api:b" }, Digest, null, new[] { "linux/amd64", "linux/arm64" });
        var json = pushed.ToJson();
        Assert.Contains($"\"digest\": \"{Digest}\"", json);
        Assert.Contains("\"imageId\": null", json);
        var back = ImageResult.Parse(json)!;
        Assert.Equal(pushed.Names, back.Names);
        Assert.Equal(pushed.Tags, back.Tags);
        Assert.Equal(pushed.Platforms, back.Platforms);
        Assert.Equal((pushed.Registry, pushed.Repository, pushed.Digest, pushed.ImageId), (back.Registry, back.Repository, back.Digest, back.ImageId));

        var local = ImageResult.Parse(new ImageResult(null, "api", new[] { "latest" }, new[] { "api:latest" }, null, "sha256:" + new string('2', 64), new[] { "linux/amd64" }).ToJson())!;
        Assert.Null(local.Registry);
        Assert.Null(local.Digest);
        Assert.Equal("sha256:" + new string('2', 64), local.ImageId);
        Assert.Null(ImageResult.Parse("{"));
    }

    [Fact]
    public void The_result_file_is_replaced_whole_and_deleted_when_a_build_starts()
    {
        var folder = Directory.CreateTempSubdirectory("multistage-result-").FullName;
        try
        {
            var path = Path.Combine(folder, "obj", "Api.multistage.image-result.json");
            new ImageResult(null, "api", new[] { "latest" }, new[] { "api:latest" }, null, null, new[] { "linux/amd64" }).Write(path);
            new ImageResult("r:5000", "api", new[] { "latest" }, new[] { "r:5000/api:latest" }, Digest, null, new[] { "linux/amd64" }).Write(path);
            Assert.Equal(Digest, ImageResult.Parse(File.ReadAllText(path))!.Digest);
            Assert.Equal(new[] { path }, Directory.GetFiles(Path.GetDirectoryName(path)!));
            ImageResult.Delete(path);
            Assert.False(File.Exists(path));
            ImageResult.Delete(path);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
