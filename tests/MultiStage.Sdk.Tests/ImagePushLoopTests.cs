using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// ContainerRegistry through the real targets and task, with stand-in builders that record their arguments and
/// answer as docker and buildah do: which commands run in which order, what comes back as MSBuild outputs and in
/// the result file, and what a failed push leaves.
/// </summary>
public class ImagePushLoopTests
{
    private const string Digest = "sha256:d54e5963134315a5f01368f6beaaa72e6c5822441988d47740615436886f2dc9";
    private static readonly string ImageId = "sha256:" + new string('1', 64);

    // What docker image inspect prints for the configuration template (Docker 20.10 leaves empty fields out).
    // The stand-in builders hold no image to copy an SBOM out of; the SBOM copy has tests of its own (LocalLoopTests).
    private const string NoSbom = "-p:ContainerGenerateSbom=false";

    private const string Configuration = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"ExposedPorts\":{\"8080/tcp\":{}},\"Entrypoint\":[\"dotnet\",\"App.dll\"]}}";

    [Fact]
    public void Docker_builds_then_pushes_every_tag_and_the_digest_is_an_output_and_in_the_result_file()
    {
        var repository = TestRepository.Create("push-docker")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerBuilder>docker</MultiStageContainerBuilder><ContainerImageTags>a;b</ContainerImageTags>"), Projects.ConsoleProgram());
        var tools = StandInDocker(repository, failPushOf: null);

        var pushed = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(tools), "-t:MultiStageContainerImage", NoSbom, "-p:ContainerRegistry=registry.example.com:5000", "-getProperty:GeneratedContainerDigest");

        Assert.True(pushed.Succeeded, pushed.Output);
        Assert.Equal(Digest, pushed.Output.Trim());
        var calls = Calls(repository, "docker").Where(c => c.StartsWith("build ", StringComparison.Ordinal) || c.StartsWith("push ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, calls.Count);
        Assert.Contains("-t registry.example.com:5000/app:a -t registry.example.com:5000/app:b --iidfile ", calls[0]);
        Assert.Equal(new[] { "push registry.example.com:5000/app:a", "push registry.example.com:5000/app:b" }, calls.Skip(1));
        var result = repository.ReadFile(ResultFile);
        Assert.Contains("\"registry\": \"registry.example.com:5000\"", result);
        Assert.Contains("\"repository\": \"app\"", result);
        Assert.Contains("\"tags\": [\"a\", \"b\"]", result);
        Assert.Contains("\"names\": [\"registry.example.com:5000/app:a\", \"registry.example.com:5000/app:b\"]", result);
        Assert.Contains($"\"digest\": \"{Digest}\"", result);
        Assert.Contains($"\"imageId\": \"{ImageId}\"", result);
        Assert.Contains($"\"configuration\": {Configuration}\n", result);
        Assert.Contains("image inspect --format {\"architecture\":{{json .Architecture}},\"os\":{{json .Os}},\"config\":{{json .Config}}} registry.example.com:5000/app:a", Calls(repository, "docker"));
        Assert.DoesNotContain("MULTISTAGE4016", pushed.Output);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(repository.PathOf(ResultFile))!, "multistage-*"));

        // Without a registry the image stays in the engine: no push, no digest, the image id in the result file.
        var local = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(tools), "-t:MultiStageContainerImage", NoSbom, "-getProperty:GeneratedContainerDigest", "-getProperty:GeneratedContainerConfiguration");
        Assert.True(local.Succeeded, local.Output);
        using (var properties = System.Text.Json.JsonDocument.Parse(local.Output.Trim()))
        {
            Assert.Equal(string.Empty, properties.RootElement.GetProperty("Properties").GetProperty("GeneratedContainerDigest").GetString());
            Assert.Equal(Configuration, properties.RootElement.GetProperty("Properties").GetProperty("GeneratedContainerConfiguration").GetString());
        }

        Assert.Equal(2, Calls(repository, "docker").Count(c => c.StartsWith("push ", StringComparison.Ordinal)));
        var localResult = repository.ReadFile(ResultFile);
        Assert.Contains("\"registry\": null", localResult);
        Assert.Contains("\"names\": [\"app:a\", \"app:b\"]", localResult);
        Assert.Contains("\"digest\": null", localResult);
        Assert.Contains($"\"imageId\": \"{ImageId}\"", localResult);
        Assert.Contains($"\"configuration\": {Configuration}\n", localResult);
    }

    [Fact]
    public void A_refused_tag_fails_the_target_with_MULTISTAGE4010_and_removes_the_last_result()
    {
        var repository = TestRepository.Create("MULTISTAGE4010")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerBuilder>docker</MultiStageContainerBuilder><ContainerImageTags>a;b</ContainerImageTags><ContainerRegistry>127.0.0.1:5000</ContainerRegistry>"), Projects.ConsoleProgram())
            .WriteFile(ResultFile, "{ \"digest\": \"the last build's\" }");
        var tools = StandInDocker(repository, failPushOf: "b");

        var result = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(tools), "-t:MultiStageContainerImage", NoSbom);

        Assert.False(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE4010" }, result.ErrorCodes);
        Assert.Contains("The registry '127.0.0.1:5000' (ContainerRegistry) refused the push of 127.0.0.1:5000/app:b: unauthorized: authentication required. Log in with the builder's own command (docker login 127.0.0.1:5000)", result.Output);
        Assert.False(repository.FileExists(ResultFile), "A failed push left a result file.");
    }

    [Fact]
    public void Buildah_pushes_a_multi_platform_manifest_list_with_all_its_images_to_every_tag()
    {
        var repository = TestRepository.Create("push-buildah-index")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerBuilder>buildah</MultiStageContainerBuilder><ContainerImageTags>a;b</ContainerImageTags><ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>"), Projects.ConsoleProgram());
        var tools = StandInBuildah(repository);

        var result = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(tools), "-t:MultiStageContainerImage", NoSbom, "-p:ContainerRegistry=ghcr.io/", "-p:ContainerRepository=team/app", "-getProperty:GeneratedContainerDigest");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(Digest, result.Output.Trim());
        var calls = Calls(repository, "buildah");
        Assert.Equal("manifest rm ghcr.io/team/app:a", calls[0]);
        Assert.StartsWith("bud --layers ", calls[1]);
        Assert.Contains("--manifest ghcr.io/team/app:a -t ghcr.io/team/app:b --platform linux/amd64,linux/arm64", calls[1]);
        Assert.DoesNotContain("--iidfile", calls[1]);
        Assert.Matches(@"^manifest push --all --digestfile \S+\.digest ghcr\.io/team/app:a docker://ghcr\.io/team/app:a$", calls[2]);
        Assert.Matches(@"^manifest push --all --digestfile \S+\.digest ghcr\.io/team/app:a docker://ghcr\.io/team/app:b$", calls[3]);
        Assert.Contains("\"platforms\": [\"linux/amd64\", \"linux/arm64\"]", repository.ReadFile(ResultFile));
        // An index has a configuration per platform: none is read, and that is no warning.
        Assert.Equal(4, calls.Count);
        Assert.Contains("\"configuration\": null", repository.ReadFile(ResultFile));
        Assert.DoesNotContain("MULTISTAGE4016", result.Output);
    }

    [Fact]
    public void A_registry_with_a_scheme_is_MULTISTAGE4014_before_any_builder_is_looked_for()
    {
        var repository = TestRepository.Create("MULTISTAGE4014")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<ContainerRegistry>https://ghcr.io/team</ContainerRegistry>"), Projects.ConsoleProgram());

        var result = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(), "-t:MultiStageContainerImage", NoSbom);

        Assert.False(result.Succeeded);
        Assert.Equal(new[] { "MULTISTAGE4014" }, result.ErrorCodes);
        Assert.Contains("ContainerRegistry 'https://ghcr.io/team' is not a registry", result.Output);
    }

    private const string ResultFile = "App/obj/Debug/net10.0/App.multistage.image-result.json";

    private static Dictionary<string, string?> OnlyOnPath(string? tools = null)
    {
        var dotnetFolder = Path.GetDirectoryName(Environment.ProcessPath!)!;
        return new Dictionary<string, string?> { ["PATH"] = tools is null ? dotnetFolder : tools + Path.PathSeparator + dotnetFolder };
    }

    private static IReadOnlyList<string> Calls(TestRepository repository, string tool) =>
        repository.ReadFile($"tools/{tool}.calls").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A docker 20.10 CLI with an engine and no buildx: build writes the image id; push prints the digest, or is refused for the tag <paramref name="failPushOf"/>.</summary>
    private static string StandInDocker(TestRepository repository, string? failPushOf) => StandIn(repository, "docker", $$"""
        case "$1" in
          info) echo engine ;;
          version) echo 20.10.24 ;;
          buildx) exit 1 ;;
          build) while [ $# -gt 0 ]; do [ "$1" = --iidfile ] && printf '{{ImageId}}' > "$2"; shift; done ;;
          image) echo '{{Configuration}}' ;;
          push)
            echo "The push refers to repository [${2%:*}]"
            if [ "${2##*:}" = "{{failPushOf}}" ]; then echo 'unauthorized: authentication required' >&2; exit 1; fi
            echo "${2##*:}: digest: {{Digest}} size: 523" ;;
        esac
        """);

    /// <summary>A buildah whose pushes write the digest to --digestfile, as buildah 1.28 does.</summary>
    private static string StandInBuildah(TestRepository repository) => StandIn(repository, "buildah", $$"""
        while [ $# -gt 0 ]; do [ "$1" = --digestfile ] && printf '{{Digest}}' > "$2"; shift; done
        """);

    private static string StandIn(TestRepository repository, string tool, string body)
    {
        repository.WriteFile($"tools/{tool}", $"#!/bin/sh\necho \"$*\" >> '{repository.PathOf($"tools/{tool}.calls")}'\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(repository.PathOf($"tools/{tool}"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return repository.PathOf("tools");
    }
}
