using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>One project of each shape through a real build: the images and publish arguments it gets.</summary>
public class ImageShapeTests
{
    private const string Mcr = "mcr.microsoft.com/dotnet/";

    public static TheoryData<string, string, string, string, string> Shapes => new()
    {
        // name, project properties, build image, final image, text the Dockerfile must also contain
        { "self-contained", "<SelfContained>true</SelfContained><RuntimeIdentifier>linux-x64</RuntimeIdentifier>", "sdk:10.0-noble", "runtime-deps:10.0-noble-chiseled-extra", "ENTRYPOINT [\"./App\"]" },
        { "single-file", "<PublishSingleFile>true</PublishSingleFile><RuntimeIdentifier>linux-x64</RuntimeIdentifier>", "sdk:10.0-noble", "runtime-deps:10.0-noble-chiseled-extra", "--self-contained" },
        { "trimmed-invariant", "<PublishTrimmed>true</PublishTrimmed><InvariantGlobalization>true</InvariantGlobalization><RuntimeIdentifier>linux-x64</RuntimeIdentifier>", "sdk:10.0-noble", "runtime-deps:10.0-noble-chiseled", "-r \"linux-$(echo \"$TARGETARCH\" | sed 's/^amd64$/x64/')\"" },
        { "native-aot", "<PublishAot>true</PublishAot>", "sdk:10.0-noble-aot", "runtime-deps:10.0-noble-chiseled-extra", "ENTRYPOINT [\"./App\"]" },
        // No RuntimeIdentifier: the one the .NET SDK infers from this (glibc) machine must not contradict Alpine.
        { "native-aot-alpine", "<PublishAot>true</PublishAot><ContainerFamily>alpine</ContainerFamily>", "sdk:10.0-alpine-aot", "runtime-deps:10.0-alpine-extra", "-r \"linux-musl-$(echo" },
        { "musl", "<RuntimeIdentifier>linux-musl-x64</RuntimeIdentifier><SelfContained>true</SelfContained>", "sdk:10.0-alpine", "runtime-deps:10.0-alpine-extra", "-r \"linux-musl-$(echo" },
        { "family-distroless", "<ContainerFamily>azurelinux3.0-distroless</ContainerFamily>", "sdk:10.0-azurelinux3.0", "runtime:10.0-azurelinux3.0-distroless-extra", "USER 1654" },
        { "family-alpine-invariant", "<ContainerFamily>alpine</ContainerFamily><InvariantGlobalization>true</InvariantGlobalization>", "sdk:10.0-alpine", "runtime:10.0-alpine", "-a \"$TARGETARCH\"" },
        { "net9-single-file", "<PublishSingleFile>true</PublishSingleFile><RuntimeIdentifier>linux-x64</RuntimeIdentifier>", "sdk:9.0-bookworm-slim", "runtime-deps:9.0-bookworm-slim", "ENTRYPOINT [\"./App\"]" },
        { "net8-native-aot", "<PublishAot>true</PublishAot>", "sdk:8.0-bookworm-slim", "runtime-deps:8.0-noble-chiseled-extra", "apt-get install -y --no-install-recommends clang zlib1g-dev" },
    };

    // Every shape in one dotnet build, each in a repository of its own.
    private static readonly Lazy<BatchResult> ShapesBuilt = new(() =>
    {
        var batch = CaseBatch.Create("shapes");
        foreach (var row in Shapes)
        {
            var (name, properties) = ((string)row[0], (string)row[1]);
            var targetFramework = name.StartsWith("net9") ? "net9.0" : name.StartsWith("net8") ? "net8.0" : "net10.0";
            batch.Add(name).WriteProject("App/App.csproj", Projects.Console(targetFramework, properties), Projects.ConsoleProgram());
        }

        return batch.Build();
    });

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Each_shape_gets_its_images(string name, string properties, string buildImage, string finalImage, string alsoContains)
    {
        var result = ShapesBuilt.Value.For(name);

        Assert.False(result.Failed, $"{properties}\n{result.Describe()}");
        var repository = result.Repository;
        var dockerfile = repository.ReadFile("App/Dockerfile");
        Assert.Contains($"FROM --platform=$BUILDPLATFORM {Mcr}{buildImage} AS build\n", dockerfile);
        Assert.Equal(Mcr + finalImage, GeneratedDockerfile.FinalImage(dockerfile));
        Assert.Contains(alsoContains, dockerfile);
        DockerfileLint.AssertClean(repository.PathOf("App/Dockerfile"));
    }

    [Fact]
    public void Explicit_images_registry_mirror_and_digests_are_honoured()
    {
        const string digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        var repository = TestRepository.Create("overrides")
            .WriteProject(
                "App/App.csproj",
                Projects.Console(
                    properties: "<MultiStageImageRegistry>mirror.example.com</MultiStageImageRegistry><MultiStagePinDigests>true</MultiStagePinDigests><ContainerBaseImage>registry.example.com/base/runtime:10@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</ContainerBaseImage>",
                    items: $"<MultiStageImageDigest Include=\"mirror.example.com/dotnet/sdk:10.0-noble\" Digest=\"{digest}\" />"),
                Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        var dockerfile = repository.ReadFile("App/Dockerfile");
        Assert.Contains($"FROM --platform=$BUILDPLATFORM mirror.example.com/dotnet/sdk:10.0-noble@{digest} AS build\n", dockerfile);
        Assert.Equal("registry.example.com/base/runtime:10@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", GeneratedDockerfile.FinalImage(dockerfile));
        Assert.Contains("USER 1654\n", dockerfile);
    }

    [Fact]
    public void A_global_json_sdk_pin_decides_the_build_image_version()
    {
        var repository = TestRepository.Create("sdk-pin");
        repository.WriteFile("global.json", TestRepository.GlobalJson("\"version\": \"10.0.100\", \"rollForward\": \"latestPatch\""));
        repository.WriteProject("App/App.csproj", Projects.Console("net8.0"), Projects.ConsoleProgram());

        // Built from outside the repository: this machine's SDK is not in the pinned feature band, the image's is.
        var outside = DotnetCli.Run(Path.GetDirectoryName(repository.Root)!, "build", repository.PathOf("App/App.csproj"), "-nologo");

        Assert.True(outside.Succeeded, outside.Output);
        var dockerfile = repository.ReadFile("App/Dockerfile");
        Assert.Contains($"FROM --platform=$BUILDPLATFORM {Mcr}sdk:10.0.100-noble AS build\n", dockerfile);
        Assert.Equal($"{Mcr}runtime:8.0-bookworm-slim", GeneratedDockerfile.FinalImage(dockerfile));
    }
}
