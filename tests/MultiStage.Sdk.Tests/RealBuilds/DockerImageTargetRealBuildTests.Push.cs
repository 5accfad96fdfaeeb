using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests.RealBuilds;

// ContainerRegistry with docker 20.10's built-in BuildKit: docker build, then docker push per tag.
public partial class DockerImageTargetRealBuildTests
{
    [SkippableFact]
    public void The_image_target_pushes_every_tag_to_a_TLS_registry_after_docker_login_and_refusals_have_their_codes()
    {
        Engine.RequireOrSkip();
        LoopbackRegistryRequirement.RequireOrSkip();
        const string greeting = "Hello from the pushed image";
        const string project = "src/Tool/Tool.csproj";
        var repository = TestRepository.Create("docker-image-target-push")
            .WriteProject(project, Projects.Console().Replace("</Project>", RegistryPushChecks.ShowOutputsTarget + "</Project>", StringComparison.Ordinal), Projects.ConsoleProgram(greeting));
        Prepare(repository, project);
        using var registry = LoopbackRegistry.Start(repository.Root + "-registry", new LoopbackRegistryOptions(Authenticated: true, Tls: true));
        registry.TrustCertificate();
        var login = DockerEnvironment(DebianDocker);
        login["DOCKER_CONFIG"] = Path.Combine(registry.Folder, "docker-config");
        Directory.CreateDirectory(login["DOCKER_CONFIG"]!);
        RegistryPushChecks.Login(DebianDocker, new[] { "login", "--username", registry.User!, "--password-stdin", registry.Address }, registry.Password!, login);
        const string imageRepository = "shop/tool";
        var names = new[] { "a", "b" }.Select(t => $"{registry.Address}/{imageRepository}:{t}").ToArray();
        var closed = $"127.0.0.1:{RegistryPushChecks.ClosedPort()}";
        BuildResult Push(string configFolder, string? address = null)
        {
            var result = repository.Dotnet(
                "build",
                project,
                new Dictionary<string, string?>(login) { ["DOCKER_CONFIG"] = configFolder },
                "-t:MultiStageContainerImage",
                "-p:MultiStageContainerBuilder=docker",
                "-p:MultiStageContainerBuildArguments=--network=host",
                $"-p:ContainerRegistry={address ?? registry.Address}",
                $"-p:ContainerRepository={imageRepository}",
                "-p:ContainerImageTags=a%3Bb");
            output.WriteLine(result.Output);
            return result;
        }

        try
        {
            var result = Push(login["DOCKER_CONFIG"]!);

            Assert.True(result.Succeeded, result.Output + "\n" + registry.Describe());
            Assert.Contains($"docker push {names[0]}", result.Output);
            Assert.Contains($"docker push {names[1]}", result.Output);
            var digest = RegistryPushChecks.AssertPushed(result, registry, repository, project, imageRepository, "a", "b");
            RegistryPushChecks.AssertNoPasswordLeft(result, registry, repository);

            // GeneratedContainerConfiguration (docker image inspect's view) tells what the pushed configuration blob holds.
            using (var blob = registry.ConfigurationBlob(imageRepository, digest))
            {
                RegistryPushChecks.AssertConfiguration(repository, project, ImageConfig.FromJson(blob.RootElement.GetProperty("architecture").GetString()!, blob.RootElement.GetProperty("config")));
            }

            // Pulled back by the reported digest, with no tag of it left in the engine, it runs.
            Docker.Run(TimeSpan.FromMinutes(1), new[] { "rmi" }.Concat(names).ToArray());
            var byDigest = $"{registry.Address}/{imageRepository}@{digest}";
            var pull = ProcessRunner.Run(DebianDocker, new[] { "pull", byDigest }, repository.Root, login, TimeSpan.FromMinutes(5));
            Assert.True(pull.Succeeded, pull.Output);
            Assert.Contains("Digest: " + digest, pull.Output);
            var (exitCode, text) = RunningContainer.RunToCompletion(Engine, byDigest, TimeSpan.FromMinutes(1));
            Assert.True(exitCode == 0 && text.Trim() == greeting, $"{byDigest} printed \"{text}\" ({exitCode}).");

            // Built again (every layer cached) with a wrong password: refused, coded, no result file.
            var wrong = Path.GetDirectoryName(registry.WriteAuthFile(Path.Combine(registry.Folder, "wrong"), password: "not-the-password"))!;
            var refused = Push(wrong);
            RegistryPushChecks.AssertFailedWith(refused, "MULTISTAGE4010", registry.Address, repository, project);
            Assert.Contains("docker login " + registry.Address, refused.Output);

            // And to a port nothing listens on: unreachable.
            var unreachable = Push(login["DOCKER_CONFIG"]!, closed);
            RegistryPushChecks.AssertFailedWith(unreachable, "MULTISTAGE4011", closed, repository, project);
            Assert.Contains("connection refused", unreachable.Output);
        }
        finally
        {
            Docker.Run(TimeSpan.FromMinutes(1), new[] { "rmi", "-f" }.Concat(names).Concat(names.Select(n => n.Replace(registry.Address, closed, StringComparison.Ordinal))).ToArray());
        }
    }
}
