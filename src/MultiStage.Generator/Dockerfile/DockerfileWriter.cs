using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MultiStage.Generator.Client;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Health;
using MultiStage.Generator.InImageBuild;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Sbom;

namespace MultiStage.Generator.Dockerfile;

/// <summary>Writes a multi-stage Dockerfile from an image plan. Pure: the same plan always gives the same bytes.</summary>
internal sealed partial class DockerfileWriter
{
    /// <summary>Where NuGet reads the user-level config for root, the SDK images' user.</summary>
    private const string NuGetUserConfigInImage = "/root/.nuget/NuGet/NuGet.Config";

    private const string PublishFolder = "/app/publish";

    // The cache mount holds NuGet's download cache, not the packages folder: restore extracts packages into its own
    // layer, so publish --no-restore finds them even when the builder's cache mounts were emptied or the layers came
    // from a registry cache (which carries no cache mounts). A restore after a project change reuses the downloads.
    private const string NuGetCacheMount = "--mount=type=cache,id=nuget,target=/root/.local/share/NuGet/http-cache";

    private const string BaseParts = "base-parts";
    private const string FinalParts = "final-parts";

    private readonly ImagePlan plan;
    private readonly StringBuilder text = new();

    // Where each fragment's lines landed, so the file can be read back and checked as a whole.
    private readonly List<SplicedFragment> splicedFragments = new();
    private int lineCount;

    private DockerfileWriter(ImagePlan plan) => this.plan = plan;

    /// <summary>
    /// The Dockerfile and, when the fragments spliced into it change how BuildKit reads the generated instructions,
    /// what changed (<see cref="FragmentSplice"/>); the file must then not be written.
    /// </summary>
    public static (string Text, string? SpliceProblem) WriteChecked(ImagePlan plan)
    {
        var writer = Render(plan);
        var text = writer.text.ToString();
        return (text, FragmentSplice.Check(text, writer.splicedFragments, FragmentRules.ReadsHeredocs(plan.DockerfileSyntax)));
    }

    private static DockerfileWriter Render(ImagePlan plan)
    {
        var writer = new DockerfileWriter(plan);
        writer.WriteHeader();
        writer.WritePartsStage(BaseParts, plan.Images.BaseImage, plan.Customization.BaseTakesParts);
        writer.WriteBaseStage();
        writer.WriteClientStage();
        writer.WriteBuildStage();
        writer.WriteTestStages();
        if (plan.Images.BaseImage != plan.Images.FinalImage)
        {
            writer.WritePartsStage(FinalParts, plan.Images.FinalImage, plan.Customization.FinalTakesParts);
        }

        writer.WriteDebugStages();
        writer.WriteDevStage();
        writer.WriteFinalStage();
        return writer;
    }

    private void WriteHeader()
    {
        // No syntax directive unless asked for: it makes BuildKit fetch a frontend image from Docker Hub before
        // anything else, and nothing here needs more than the frontend built into BuildKit (Docker Engine 20.10+).
        if (plan.DockerfileSyntax is { } syntax)
        {
            Line("# syntax=" + syntax);
        }

        Line($"{GeneratedFileMarker.Prefix} from {plan.Paths.ProjectPath} and rewritten on every build; "
            + "set GenerateDockerfile=false to stop, or delete this line to own the file (the SDK then leaves it alone).");
        Line($"# Build from {ContextFolderDescription(plan.Paths.DockerfilePath)}: {plan.BuildCommand}");
        Line();
    }

    /// <summary>The JavaScript client's Node.js stage, before the .NET stage so the two build side by side.</summary>
    private void WriteClientStage()
    {
        if (plan.Client is { } client && plan.ClientImage is { } image)
        {
            foreach (var line in ClientStage.Lines(client, image, plan.Customization.CaCertificates))
            {
                Line(line);
            }
        }
    }

    /// <summary>
    /// The first stage: the framework-dependent runtime image with what every run of the app shares. Visual Studio's
    /// Fast mode (F5 in Debug) builds only this stage and runs the host's build output on it with <c>dotnet</c>.
    /// </summary>
    private void WriteBaseStage()
    {
        Line("# Base stage: the runtime image and the settings every run of the app shares. Visual Studio's Fast mode builds");
        Line("# only this stage and runs the app's own build output on it, mounted at its working directory.");
        Line($"FROM {plan.Images.BaseImage} AS base");
        WriteSharedSettings();
        WriteAppStageCustomization(BaseParts, plan.Customization.BaseTakesParts);
        Line($"USER {plan.User}");
        Line();
    }

    private void WriteFinalStage()
    {
        if (plan.Images.BaseImage == plan.Images.FinalImage)
        {
            Line("# Final stage: the base stage and the published app, nothing else.");
            Line("FROM base AS final");
            WriteAppCopies();
            WriteAfterAppCopy();
        }
        else
        {
            // A self-contained app runs on another image (runtime-deps): the shared settings come again.
            Line("# Final stage: the runtime dependencies and the self-contained app, nothing else, with the base stage's settings.");
            Line($"FROM {plan.Images.FinalImage} AS final");
            WriteSharedSettings();
            WriteAppStageCustomization(FinalParts, plan.Customization.FinalTakesParts);
            WriteAppCopies();
            WriteFragments(FragmentPoint.AfterAppCopy);
            Line($"USER {plan.User}");
        }

        WriteHowTheAppRuns();
        WriteBuildLabels();
    }

    /// <summary>The health check, entry point and arguments: the final stage's, and the debug stage's the same.</summary>
    private void WriteHowTheAppRuns()
    {
        if (plan.HealthCheck is { } healthCheck)
        {
            Line($"HEALTHCHECK {healthCheck.Options} CMD {DockerfileQuoting.JsonArray(healthCheck.Command)}");
        }

        Line($"ENTRYPOINT {DockerfileQuoting.JsonArray(plan.EntryPoint)}");
        if (plan.Command.Count > 0)
        {
            Line($"CMD {DockerfileQuoting.JsonArray(plan.Command)}");
        }
    }

    /// <summary>
    /// The base image, version, revision and creation labels, last: an argument that changes on every commit then
    /// changes no layer above it. An argument nobody passes is empty, and so is its label.
    /// </summary>
    private void WriteBuildLabels()
    {
        if (plan.BuildLabels.Count == 0)
        {
            return;
        }

        var arguments = BuildLabels.Arguments(plan.BuildLabels);
        Line();
        Line(arguments.Count == 0
            ? "# The base image's labels."
            : "# Build metadata, last so that a new commit changes no layer: MultiStageContainerImage passes these arguments.");
        foreach (var argument in arguments)
        {
            Line($"ARG {argument}");
        }

        foreach (var label in plan.BuildLabels)
        {
            var value = label.Argument is null ? DockerfileQuoting.QuotedWord(label.Value) : "\"" + label.Value + "\"";
            Line($"LABEL {label.Name}={value}");
        }
    }

    private void WriteSharedSettings()
    {
        Line($"WORKDIR {plan.WorkingDirectory}");
        foreach (var port in plan.Ports)
        {
            Line($"EXPOSE {port}");
        }

        foreach (var variable in plan.Environment)
        {
            Line($"ENV {variable.Name}={DockerfileQuoting.QuotedWord(variable.Value)}");
        }

        foreach (var label in plan.Labels)
        {
            Line($"LABEL {DockerfileQuoting.QuotedWord(label.Name)}={DockerfileQuoting.QuotedWord(label.Value)}");
        }
    }

    /// <summary>Fragments after the app is copied; they may change the user, so the app's user is set again after them.</summary>
    private void WriteAfterAppCopy()
    {
        if (plan.Customization.Fragments.Any(f => f.Point == FragmentPoint.AfterAppCopy))
        {
            WriteFragments(FragmentPoint.AfterAppCopy);
            Line($"USER {plan.User}");
        }
    }

    private void WriteAppCopies()
    {
        if (plan.HealthCheck is not null)
        {
            Line($"COPY --from=build {HealthCheckPlanner.BuildStageFolder}/ {HealthCheckPlanner.ImageFolder}/");
        }

        if (plan.Publish.AppLayers.Count > 0)
        {
            // Each COPY is a layer a builder reuses, and a registry already holds, while its files are unchanged.
            Line("# The app in layers, what changes least first: an edit to the app rebuilds and sends only the last ones.");
            foreach (var layer in plan.Publish.AppLayers)
            {
                Line($"COPY --from=build {AppLayers.BuildStageFolder}/{AppLayers.FolderName(layer)}/ .");
            }
        }
        else
        {
            Line($"COPY --from=build {PublishFolder} .");
        }

        if (plan.Client is { } client)
        {
            Line(ClientStage.CopyOutputLine(client, plan.WorkingDirectory));
        }

        if (plan.Publish.Sbom)
        {
            // Last and apart from the app: it changes only when a package, project or base image does.
            Line($"# The SBOM of the image's contents, written by the publish: {ImageSbom.ImagePath}.");
            Line($"COPY --from=build {ImageSbom.BuildStageFolder}/ {ImageSbom.ImageFolder}/");
        }
    }

    /// <summary>A RUN with the NuGet cache mount; restore and publish must share it or publish misses packages.</summary>
    private void Run(IReadOnlyList<string> extraMounts, params string[] commandLines)
    {
        Line($"RUN {NuGetCacheMount} \\");
        foreach (var mount in extraMounts)
        {
            Line($"    {mount} \\");
        }

        foreach (var commandLine in commandLines)
        {
            Line($"    {commandLine}");
        }
    }

    private void Line(string line = "")
    {
        text.Append(line).Append('\n');
        lineCount += 1 + line.Count(c => c == '\n');
    }

    private static string ContextFolderDescription(string dockerfilePath)
    {
        if (dockerfilePath.StartsWith("../", StringComparison.Ordinal))
        {
            return "the build context folder";
        }

        var depth = dockerfilePath.Count(c => c == '/');
        return depth == 0 ? "this folder" : "the context folder (" + string.Join("/", Enumerable.Repeat("..", depth)) + ")";
    }
}
