using System.Text.Json;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// ContainerRegistry with buildah, for real: one build for linux/amd64 and linux/arm64 pushes an image index under
/// two tags to a loopback registry that wants a password over TLS (the user logged in with <c>buildah login</c>);
/// the index holds one manifest per platform, the reported digest is the registry's, and the image pulled back by
/// that digest runs. The arm64 image is built as CrossArchitectureRealBuildTests builds it: the SDK stage runs on
/// this machine's platform and publishes for linux-arm64. A second build, its layers cached, to a closed port fails
/// (MULTISTAGE4013: buildah 1.28's manifest push fails silently, with exit code 0 and no digest) and leaves no result file.
/// </summary>
[Collection(BuildahRealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.Buildah)]
public class RegistryPushRealBuildTests
{
    private const string Project = "src/App/App.csproj";
    private readonly ITestOutputHelper output;

    public RegistryPushRealBuildTests(ITestOutputHelper output) => this.output = output;

    [SkippableFact]
    public void Buildah_pushes_a_two_platform_index_under_every_tag_to_a_TLS_registry_it_logged_in_to()
    {
        ContainerEngine.Buildah.RequireOrSkip();
        LoopbackRegistryRequirement.RequireOrSkip();
        RealBuildSession.Enter();
        const string greeting = "Hello from the pushed index";
        var repository = TestRepository.Create("registry-push-buildah")
            .WriteProject(
                Project,
                Projects.Console(properties: "<SelfContained>true</SelfContained><InvariantGlobalization>true</InvariantGlobalization><ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers>")
                    .Replace("</Project>", RegistryPushChecks.ShowOutputsTarget + "</Project>", StringComparison.Ordinal),
                RealBuildPrograms.Console(greeting));
        var generation = repository.Build(Project);
        Assert.True(generation.Succeeded, generation.Output);
        StandIns.Ensure(StandIns.BaseImages(DockerfileText.Read(repository.PathOf("src/App/Dockerfile"))), output);

        using var registry = LoopbackRegistry.Start(Path.Combine(repository.Root + "-registry"), new LoopbackRegistryOptions(Authenticated: true, Tls: true));
        registry.TrustCertificate();
        var environment = Buildah.Environment();
        environment["PATH"] = Path.GetDirectoryName(Buildah.Executable) + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        environment["REGISTRY_AUTH_FILE"] = Path.Combine(registry.Folder, "auth.json");
        RegistryPushChecks.Login(Buildah.Executable, new[] { "login", "--username", registry.User!, "--password-stdin", registry.Address }, registry.Password!, environment);
        const string imageRepository = "shop/app";
        var pushedNames = new[] { "a", "b" }.Select(t => $"{registry.Address}/{imageRepository}:{t}").ToArray();
        var closed = $"127.0.0.1:{RegistryPushChecks.ClosedPort()}";
        string? byDigest = null;
        BuildResult Push(string address) => repository.Dotnet(
            "build",
            Project,
            environment,
            "-t:MultiStageContainerImage",
            "-p:MultiStageContainerBuilder=buildah",
            $"-p:ContainerRegistry={address}",
            $"-p:ContainerRepository={imageRepository}",
            "-p:ContainerImageTags=a%3Bb",
            "-p:MultiStageContainerBuildArguments=--pull=never");
        try
        {
            var result = Push(registry.Address);
            output.WriteLine(result.Output);

            Assert.True(result.Succeeded, result.Output + "\n" + registry.Describe());
            Assert.Contains($"buildah manifest push --all --digestfile ", result.Output);
            var digest = RegistryPushChecks.AssertPushed(result, registry, repository, Project, imageRepository, "a", "b");
            RegistryPushChecks.AssertNoPasswordLeft(result, registry, repository);

            // The index: one manifest per platform, each the image buildah built for it.
            var index = Skopeo(environment, "inspect", "--raw", $"docker://{registry.Address}/{imageRepository}@{digest}");
            output.WriteLine(index);
            using var document = JsonDocument.Parse(index);
            var platforms = document.RootElement.GetProperty("manifests").EnumerateArray()
                .Select(m => (Os: m.GetProperty("platform").GetProperty("os").GetString(), Architecture: m.GetProperty("platform").GetProperty("architecture").GetString(), Digest: m.GetProperty("digest").GetString()))
                .ToList();
            Assert.Equal(new[] { "linux/amd64", "linux/arm64" }, platforms.Select(p => $"{p.Os}/{p.Architecture}").OrderBy(p => p, StringComparer.Ordinal));
            var arm64 = JsonDocument.Parse(Skopeo(environment, "inspect", "--config", "--raw", $"docker://{registry.Address}/{imageRepository}@{platforms.Single(p => p.Architecture == "arm64").Digest}"));
            Assert.Equal("arm64", arm64.RootElement.GetProperty("architecture").GetString());

            // Pulled back by the reported digest (the index: this machine gets its amd64 image), it runs.
            foreach (var name in pushedNames)
            {
                Buildah.Run(TimeSpan.FromMinutes(1), "rmi", "-f", name);
            }

            byDigest = $"{registry.Address}/{imageRepository}@{digest}";
            var pull = ProcessRunner.Run(Buildah.Executable, Buildah.GlobalArguments().Concat(new[] { "pull", byDigest }), repository.Root, environment, TimeSpan.FromMinutes(5));
            Assert.True(pull.Succeeded, pull.Output);
            Assert.Equal("amd64", ContainerEngine.Buildah.Inspect(byDigest).Architecture);
            var (exitCode, text) = RunningContainer.RunToCompletion(ContainerEngine.Buildah, byDigest, TimeSpan.FromMinutes(1));
            Assert.True(exitCode == 0 && text.Contains(greeting, StringComparison.Ordinal), $"{byDigest} printed \"{text}\" ({exitCode}).");

            // Built again (every layer cached) for a registry nothing listens on. buildah 1.28's manifest push exits
            // 0 there without a word: the missing digest is what tells, and the build fails all the same.
            var unreachable = Push(closed);
            output.WriteLine(unreachable.Output);
            RegistryPushChecks.AssertFailedWith(unreachable, "MULTISTAGE4013", closed, repository, Project);
            Assert.Contains("it reported no digest, which is how 'buildah manifest push' fails", unreachable.Output);
        }
        finally
        {
            if (byDigest is not null)
            {
                Buildah.Run(TimeSpan.FromMinutes(1), "rmi", "-f", byDigest);
            }

            // The first name is the manifest list, which only manifest rm removes; the other is the last image built.
            foreach (var address in new[] { registry.Address, closed })
            {
                var names = pushedNames.Select(n => n.Replace(registry.Address, address, StringComparison.Ordinal)).ToArray();
                Buildah.Run(TimeSpan.FromMinutes(1), "manifest", "rm", names[0]);
                Buildah.Run(TimeSpan.FromMinutes(1), new[] { "rmi", "-f" }.Concat(names).ToArray());
            }
        }
    }

    /// <summary>skopeo with the buildah login's auth file; it trusts the registry through /etc/containers/certs.d.</summary>
    private static string Skopeo(IDictionary<string, string?> environment, params string[] arguments)
    {
        var result = ProcessRunner.Run("skopeo", arguments, Repository.RunFolder, environment, TimeSpan.FromMinutes(2));
        Assert.True(result.Succeeded, $"skopeo {string.Join(' ', arguments)} failed:\n{result.Output}");
        return result.Output.Substring(result.Output.IndexOf('{', StringComparison.Ordinal));
    }
}
