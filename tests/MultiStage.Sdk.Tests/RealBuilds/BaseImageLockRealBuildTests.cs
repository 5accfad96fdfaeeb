using MultiStage.Harness;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// MultiStageLockBaseImages against a real registry on loopback that holds the project's base images (the project
/// reaches it through MultiStageImageRegistry): the lock pins the digests the registry serves, the next build's
/// Dockerfile pulls image:tag@sha256:..., and after another image is pushed under the same tag a second lock moves
/// that pin and no other. Also: TLS verification stays on unless the project turns it off, and a lock the user
/// wrote is left alone. The images are one small file each: what is locked is the registry's digest, not the
/// content, and pushing the ~1 GB stand-ins would cost CI minutes for nothing more.
/// </summary>
[Collection(BuildahRealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.Buildah)]
public class BaseImageLockRealBuildTests
{
    private const string Project = "src/App/App.csproj";
    private const string Sdk = "dotnet/sdk:10.0-noble";
    private const string Runtime = "dotnet/runtime:10.0-noble-chiseled-extra";

    private readonly ITestOutputHelper output;

    public BaseImageLockRealBuildTests(ITestOutputHelper output) => this.output = output;

    [SkippableFact]
    public void The_lock_pins_the_registry_digests_a_rebuild_uses_them_and_a_retagged_image_moves_its_pin()
    {
        Buildah.RequireOrSkip();
        LoopbackRegistryRequirement.RequireOrSkip();
        var repository = TestRepository.Create("realbuild-base-image-lock");
        using var registry = LoopbackRegistry.Start(repository.Root + "-registry");
        var images = new List<string>();
        try
        {
            var first = OneFileImage(repository.Root + "-images", "first", images);
            var second = OneFileImage(repository.Root + "-images", "second", images);
            Push(first, registry, Sdk);
            Push(first, registry, Runtime);
            repository.WriteProject(Project, Projects.Console("net10.0", properties: $"<MultiStageImageRegistry>{registry.Address}</MultiStageImageRegistry>"), Projects.ConsoleProgram());

            // TLS verification is on by default: the plain HTTP registry is refused, and no lock is written.
            var verified = repository.Build(Project, "-t:MultiStageLockBaseImages");
            output.WriteLine(verified.Output);
            Assert.False(verified.Succeeded, verified.Output);
            Assert.Equal(new[] { "MULTISTAGE4018" }, verified.ErrorCodes);
            Assert.False(repository.FileExists("src/App/multistage.lock"));

            var locked = Lock(repository);
            var sdkDigest = registry.ManifestDigest(Sdk.Split(':')[0], "10.0-noble")!;
            var runtimeDigest = registry.ManifestDigest(Runtime.Split(':')[0], "10.0-noble-chiseled-extra")!;
            Assert.Equal(new[] { $"FROM {registry.Address}/{Runtime}@{runtimeDigest}", $"FROM {registry.Address}/{Sdk}@{sdkDigest}" }, locked);
            var pinned = Rebuild(repository);
            Assert.Contains($"FROM --platform=$BUILDPLATFORM {registry.Address}/{Sdk}@{sdkDigest} AS build", pinned);
            Assert.Contains($"FROM {registry.Address}/{Runtime}@{runtimeDigest} AS base", pinned);

            // Another image under the runtime's tag: the next lock moves that pin, and only that one.
            Push(second, registry, Runtime);
            var retagged = registry.ManifestDigest(Runtime.Split(':')[0], "10.0-noble-chiseled-extra")!;
            Assert.NotEqual(runtimeDigest, retagged);
            Assert.Equal(new[] { $"FROM {registry.Address}/{Runtime}@{retagged}", $"FROM {registry.Address}/{Sdk}@{sdkDigest}" }, Lock(repository));
            Assert.Contains($"FROM {registry.Address}/{Runtime}@{retagged} AS base", Rebuild(repository));

            // A lock the user wrote (no marker line) is never touched.
            var own = $"FROM {registry.Address}/{Runtime}@{runtimeDigest}\nFROM {registry.Address}/{Sdk}@{sdkDigest}\n";
            repository.WriteFile("src/App/multistage.lock", own);
            var refused = repository.Build(Project, "-t:MultiStageLockBaseImages", "-p:MultiStageLockTlsVerify=false");
            Assert.Equal(new[] { "MULTISTAGE4017" }, refused.ErrorCodes);
            Assert.Equal(own, repository.ReadFile("src/App/multistage.lock"));
            Assert.Contains($"FROM {registry.Address}/{Runtime}@{runtimeDigest} AS base", Rebuild(repository));
        }
        finally
        {
            foreach (var image in images)
            {
                Buildah.Run(TimeSpan.FromMinutes(1), "rmi", "-f", image);
            }
        }
    }

    /// <summary>Runs the lock target (TLS verification off for the plain HTTP registry) and returns the lock's pins.</summary>
    private string[] Lock(TestRepository repository)
    {
        var result = repository.Build(Project, "-t:MultiStageLockBaseImages", "-p:MultiStageLockTlsVerify=false");
        output.WriteLine(result.Output);
        Assert.True(result.Succeeded, result.Output);
        var text = repository.ReadFile("src/App/multistage.lock");
        Assert.StartsWith("# Generated by MultiStage.Sdk", text);
        return text.Split('\n').Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToArray();
    }

    /// <summary>A plain build, and the Dockerfile's lines it wrote.</summary>
    private static string[] Rebuild(TestRepository repository)
    {
        var result = repository.Build(Project);
        Assert.True(result.Succeeded, result.Output);
        return repository.ReadFile("src/App/Dockerfile").Split('\n');
    }

    /// <summary>An image of one file whose content is its name, so two of them have different digests.</summary>
    private static string OneFileImage(string folder, string name, List<string> images)
    {
        Directory.CreateDirectory(folder);
        var image = $"localhost/multistage-lock-{name}:{Path.GetFileName(folder)}";
        var file = Path.Combine(folder, name + ".txt");
        File.WriteAllText(file, name + "\n");
        var container = Buildah.Check("from", "scratch").Trim().Split('\n').Last();
        try
        {
            Buildah.Check("copy", container, file, "/" + name + ".txt");
            Buildah.Check("commit", container, image);
            images.Add(image);
        }
        finally
        {
            Buildah.Run(TimeSpan.FromMinutes(1), "rm", container);
        }

        return image;
    }

    private void Push(string image, LoopbackRegistry registry, string repositoryAndTag)
    {
        var pushed = Buildah.Run(TimeSpan.FromMinutes(2), "push", "--tls-verify=false", image, $"docker://{registry.Address}/{repositoryAndTag}");
        output.WriteLine(pushed.Output);
        pushed.AssertSucceeded(registry);
    }
}
