using System.Formats.Tar;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The loopback registry the shipping tests push to: plain, and with a password over TLS on a certificate only the
/// engines' per-registry trust accepts. Both engines push to it, and the wrong password is refused. A one-file
/// image is enough: what is under test is the registry and the engines' way to it, not an app.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
public class LoopbackRegistryTests
{
    private readonly ITestOutputHelper output;

    public LoopbackRegistryTests(ITestOutputHelper output) => this.output = output;

    [SkippableFact]
    [Trait(Engines.Trait, Engines.BuildKit)]
    public void Docker_pushes_to_a_plain_and_to_a_password_protected_TLS_registry()
    {
        ContainerEngine.BuildKit.RequireOrSkip();
        LoopbackRegistryRequirement.RequireOrSkip();
        var folder = Path.Combine(Repository.RunFolder, "registry-docker-" + Guid.NewGuid().ToString("N")[..8]);
        var image = "multistage-registry-check:" + Path.GetFileName(folder);
        ImportOneFileImage(folder, image);
        try
        {
            using (var plain = LoopbackRegistry.Start(Path.Combine(folder, "plain")))
            {
                var before = plain.Blobs();
                DockerPush(plain, image, folder, configFolder: null).AssertSucceeded(plain);
                Assert.Equal(new[] { "v1" }, plain.Tags("check/one"));

                // What the push sent, as the benchmark counts it: the one layer, new to the registry, and its blobs stored.
                var (bytes, fresh, layers) = plain.NewLayers("check/one", "v1", before);
                Assert.Equal((1, 1), (fresh, layers));
                Assert.InRange(bytes, 1, 10_000);
                Assert.Empty(before);
                // The registry stores the layer, the configuration and the manifest itself as blobs.
                Assert.Equal(3, plain.Blobs().Count);
                Assert.Equal((0L, 0, 1), plain.NewLayers("check/one", "v1", plain.Blobs()));
            }

            using var secure = LoopbackRegistry.Start(Path.Combine(folder, "secure"), new LoopbackRegistryOptions(Authenticated: true, Tls: true));
            secure.TrustCertificate();
            var anonymous = DockerPush(secure, image, folder, configFolder: Path.Combine(folder, "anonymous"));
            Assert.False(anonymous.Succeeded, "A push without credentials went through.\n" + anonymous.Output);
            var wrong = Path.GetDirectoryName(secure.WriteAuthFile(Path.Combine(folder, "wrong"), password: "not-the-password"))!;
            var refused = DockerPush(secure, image, folder, wrong);
            Assert.False(refused.Succeeded, "A push with the wrong password went through.\n" + refused.Output);
            Assert.Empty(secure.Tags("check/one"));

            var right = Path.GetDirectoryName(secure.WriteAuthFile(Path.Combine(folder, "right")))!;
            DockerPush(secure, image, folder, right).AssertSucceeded(secure);
            Assert.Equal(new[] { "v1" }, secure.Tags("check/one"));
            Assert.StartsWith("sha256:", secure.ManifestDigest("check/one", "v1"));
        }
        finally
        {
            Docker.Run(TimeSpan.FromMinutes(1), "image", "rm", "-f", image);
        }
    }

    [SkippableFact]
    [Trait(Engines.Trait, Engines.Buildah)]
    public void Buildah_pushes_to_a_password_protected_TLS_registry_with_an_auth_file()
    {
        Buildah.RequireOrSkip();
        LoopbackRegistryRequirement.RequireOrSkip();
        var folder = Path.Combine(Repository.RunFolder, "registry-buildah-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var image = "localhost/multistage-registry-check:" + Path.GetFileName(folder);
        var container = Buildah.Check("from", "scratch").Trim().Split('\n').Last();
        try
        {
            File.WriteAllText(Path.Combine(folder, "hello.txt"), "hello");
            Buildah.Check("copy", container, Path.Combine(folder, "hello.txt"), "/hello.txt");
            Buildah.Check("commit", container, image);
            using var secure = LoopbackRegistry.Start(Path.Combine(folder, "secure"), new LoopbackRegistryOptions(Authenticated: true, Tls: true));
            secure.TrustCertificate();
            var wrong = secure.WriteAuthFile(Path.Combine(folder, "wrong"), password: "not-the-password");
            var refused = Buildah.Run(TimeSpan.FromMinutes(2), "push", "--authfile", wrong, image, $"docker://{secure.Address}/check/one:v1");
            Assert.False(refused.Succeeded, "A push with the wrong password went through.\n" + refused.Output);

            var right = secure.WriteAuthFile(Path.Combine(folder, "right"));
            var pushed = Buildah.Run(TimeSpan.FromMinutes(2), "push", "--authfile", right, image, $"docker://{secure.Address}/check/one:v1");
            output.WriteLine(pushed.Output);
            pushed.AssertSucceeded(secure);
            Assert.Equal(new[] { "v1" }, secure.Tags("check/one"));
        }
        finally
        {
            Buildah.Run(TimeSpan.FromMinutes(1), "rm", container);
            Buildah.Run(TimeSpan.FromMinutes(1), "rmi", "-f", image);
        }
    }

    /// <summary>docker push with DOCKER_CONFIG at <paramref name="configFolder"/> (an empty folder when null: no credentials).</summary>
    private ProcessResult DockerPush(LoopbackRegistry registry, string image, string folder, string? configFolder)
    {
        var remote = $"{registry.Address}/check/one:v1";
        Docker.Check("tag", image, remote);
        var environment = Docker.Environment();
        environment["DOCKER_CONFIG"] = configFolder ?? Directory.CreateDirectory(Path.Combine(folder, "no-credentials")).FullName;
        Directory.CreateDirectory(environment["DOCKER_CONFIG"]!);
        var result = ProcessRunner.Run(Docker.Executable, new[] { "push", remote }, folder, environment, TimeSpan.FromMinutes(2));
        output.WriteLine($"docker push {remote}: {result.ExitCode}\n{result.Output}");
        Docker.Run(TimeSpan.FromMinutes(1), "image", "rm", remote);
        return result;
    }

    /// <summary>An image of one small file, imported from a tarball: no base image, no build.</summary>
    private static void ImportOneFileImage(string folder, string image)
    {
        Directory.CreateDirectory(folder);
        var tarball = Path.Combine(folder, "one-file.tar");
        using (var stream = File.Create(tarball))
        using (var writer = new TarWriter(stream))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "hello.txt") { DataStream = new MemoryStream("hello"u8.ToArray()) };
            writer.WriteEntry(entry);
        }

        Docker.Check("import", tarball, image);
    }
}

internal static class RegistryPushResult
{
    public static void AssertSucceeded(this ProcessResult result, LoopbackRegistry registry) =>
        Assert.True(result.Succeeded, $"push failed ({result.ExitCode}):\n{result.Output}\n{registry.Describe()}");
}
