using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Client;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;

namespace MultiStage.Generator.Plan;

/// <summary>A build secret the Dockerfile mounts, with the source the documented <c>docker build</c> command gives it.</summary>
internal sealed record DockerfileSecret(string Id, string DocumentedSource)
{
    /// <summary>The build secret that carries the user's NuGet.config (private feed credentials) into restore.</summary>
    public const string NuGetConfigId = "nuget";
}

/// <summary>
/// What the image will be, every value checked once: the chosen images, each stage's inputs, and the values the
/// Dockerfile, compose, the .dockerignore and the image targets share (paths, ports, environment, labels, user,
/// entry point, name, secrets). It stands alone: the writers only turn it into text.
/// </summary>
internal sealed record ImagePlan
{
    public required ProjectPaths Paths { get; init; }

    public required ImageChoice Images { get; init; }

    public required RestoreLayer Restore { get; init; }

    public required PublishArguments Publish { get; init; }

    public ImageCustomization Customization { get; init; } = new();

    /// <summary>The test stages, when test projects reference the app or its projects.</summary>
    public TestStages? Tests { get; init; }

    /// <summary>The JavaScript front end built in its own stage, when the app has one.</summary>
    public ClientBuild? Client { get; init; }

    /// <summary>The JavaScript client stage's image, when the app has a client.</summary>
    public string? ClientImage { get; init; }

    /// <summary>
    /// The images the Dockerfile pulls (FROM and bind mounts), as the generator chose them before digest pins:
    /// what MultiStageLockBaseImages resolves. An image the project named with its own digest is not among them.
    /// </summary>
    public IReadOnlyList<string> BaseImages { get; init; } = new List<string>();

    /// <summary>MultiStageDockerfileSyntax, checked: the frontend image of an opt-in "# syntax=" first line.</summary>
    public string? DockerfileSyntax { get; init; }

    /// <summary>The ports the image exposes (the project's, else 8080 for a web app).</summary>
    public IReadOnlyList<PortSpec> Ports { get; init; } = new List<PortSpec>();

    /// <summary>ENV lines, in order: what the ports need first, then the project's variables.</summary>
    public IReadOnlyList<NameValue> Environment { get; init; } = new List<NameValue>();

    /// <summary>compose's environment: the project's variables, each name once with its last value, as ENV lines leave it.</summary>
    public IReadOnlyList<NameValue> ServiceEnvironment { get; init; } = new List<NameValue>();

    public IReadOnlyList<NameValue> Labels { get; init; } = new List<NameValue>();

    /// <summary>The labels the final stage ends with, after the build arguments they read.</summary>
    public IReadOnlyList<BuildLabel> BuildLabels { get; init; } = new List<BuildLabel>();

    /// <summary>The final USER: ContainerUser, else the app user's uid as a number, never $APP_UID, which an ENV could redirect.</summary>
    public required string User { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>The exec-form ENTRYPOINT: the app and the project's ContainerAppCommandArgs.</summary>
    public IReadOnlyList<string> EntryPoint { get; init; } = new List<string>();

    /// <summary>The exec-form CMD: ContainerDefaultArgs, none when empty.</summary>
    public IReadOnlyList<string> Command { get; init; } = new List<string>();

    /// <summary>A valid image repository name, made from ContainerRepository.</summary>
    public required string ImageName { get; init; }

    /// <summary>The service's key in compose.yaml, made from <see cref="ImageName"/>.</summary>
    public required string ServiceName { get; init; }

    public IReadOnlyList<DockerfileSecret> Secrets { get; init; } = new List<DockerfileSecret>();

    /// <summary>The owner of what the app writes, for COPY --chown and chown: "1654:1654", or ContainerUser's.</summary>
    public string AppOwner { get; init; } = "1654:1654";

    /// <summary>The exec-form HEALTHCHECK of ContainerHealthCheck, when the project has one.</summary>
    public Health.HealthCheckPlan? HealthCheck { get; init; }

    /// <summary>The debug stage (MultiStageDebugStage), when the Dockerfile has one.</summary>
    public DebugStagePlan? Debug { get; init; }

    /// <summary>The dev stage (MultiStageDevStage), when the Dockerfile has one.</summary>
    public DevStagePlan? Dev { get; init; }

    /// <summary>The docker build command, run from the context root, with the secrets the Dockerfile mounts.</summary>
    public string BuildCommand =>
        $"docker build -f {Dockerfile.DockerfileQuoting.ShellWord(Paths.DockerfilePath)}{string.Concat(Secrets.Select(s => $" --secret id={s.Id},{s.DocumentedSource}"))} -t {ImageName} .";
}
