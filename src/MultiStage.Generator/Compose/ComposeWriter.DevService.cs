using System.Collections.Generic;
using System.Text;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Compose;

/// <summary>The dev service's own part: each compiled project's bin/ and obj/ (volumes over the mount).</summary>
internal sealed record ComposeDevService(IReadOnlyList<string> BuildOutputFolders);

/// <summary>
/// The "-dev" service of a project with a dev stage, in the project's block: the dev stage with the context root
/// mounted where the build stage has the sources, in the "dev" profile so that docker compose up starts the app
/// alone (docker compose up api-dev starts it). The bind mount works with every Compose version; no develop.watch
/// section, which Compose versions (and compose-spec schemas) before it reject, making the whole file unreadable.
/// </summary>
internal static partial class ComposeWriter
{
    private static void RenderDevService(ComposeService service, StringBuilder text)
    {
        if (service.Dev is not { } dev)
        {
            return;
        }

        text.Append("  ").Append(service.Name).Append("-dev:\n");
        text.Append("    build:\n");
        text.Append("      context: .\n");
        text.Append("      dockerfile: ").Append(Scalar(service.DockerfilePath)).Append('\n');
        text.Append("      target: ").Append(DevStagePlan.StageName).Append('\n');
        text.Append("    profiles: [\"dev\"]\n");
        AppendPortsAndEnvironment(text, service);

        text.Append("    volumes:\n");
        text.Append("      - ").Append(Scalar(".:" + DevStagePlan.SourceFolder)).Append('\n');

        // Volumes of their own start with the dev stage's restore output and keep the container's builds out of the host's bin/ and obj/.
        foreach (var folder in dev.BuildOutputFolders)
        {
            text.Append("      - ").Append(Scalar(DevStagePlan.SourceFolder + "/" + folder)).Append('\n');
        }

        // Read-only, and never in a layer: what the app reads in Development from the user's own profile.
        text.Append("      - ").Append(Scalar("${HOME}/.microsoft/usersecrets:" + DevStagePlan.UserSecretsFolder + ":ro").Replace("$${HOME}", "${HOME}")).Append('\n');
        text.Append("      - ").Append(Scalar("${HOME}/.aspnet/https:" + DevStagePlan.HttpsCertificateFolder + ":ro").Replace("$${HOME}", "${HOME}")).Append('\n');
    }
}
