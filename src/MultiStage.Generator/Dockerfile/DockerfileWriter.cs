using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MultiStage.Generator.Client;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Dockerfile;

/// <summary>Writes a multi-stage Dockerfile from an image plan. Pure: the same plan always gives the same bytes.</summary>
internal sealed class DockerfileWriter
{
    /// <summary>Where NuGet reads the user-level config for root, the SDK images' user.</summary>
    private const string NuGetUserConfigInImage = "/root/.nuget/NuGet/NuGet.Config";

    private const string PublishFolder = "/app/publish";

    // The cache mount holds NuGet's download cache, not the packages folder: restore extracts packages into its own
    // layer, so publish --no-restore finds them even when the builder's cache mounts were emptied or the layers came
    // from a registry cache (which carries no cache mounts). A restore after a project change reuses the downloads.
    private const string NuGetCacheMount = "--mount=type=cache,id=nuget,target=/root/.local/share/NuGet/http-cache";

    private readonly ImagePlan plan;
    private readonly StringBuilder text = new();

    private DockerfileWriter(ImagePlan plan) => this.plan = plan;

    public static string Write(ImagePlan plan)
    {
        var writer = new DockerfileWriter(plan);
        writer.WriteHeader();
        writer.WriteBaseStage();
        writer.WriteClientStage();
        writer.WriteBuildStage();
        writer.WriteFinalStage();
        return writer.text.ToString();
    }

    private ProjectFacts Facts => plan.Facts;

    private void WriteHeader()
    {
        // No syntax directive unless asked for: it makes BuildKit fetch a frontend image from Docker Hub before
        // anything else, and nothing here needs more than the frontend built into BuildKit (Docker Engine 20.10+).
        if (plan.DockerfileSyntax is { } syntax)
        {
            Line("# syntax=" + syntax);
        }

        Line($"{GeneratedFileMarker.Prefix} from {Facts.ProjectPath} and rewritten on every build; "
            + "set GenerateDockerfile=false to stop, or delete this line to own the file (the SDK then leaves it alone).");
        Line($"# Build from {ContextFolderDescription(Facts.DockerfilePath)}: {plan.BuildCommand}");
        Line();
    }

    /// <summary>The JavaScript client's Node.js stage, before the .NET stage so the two build side by side.</summary>
    private void WriteClientStage()
    {
        if (Facts.Client is { } client && plan.ClientImage is { } image)
        {
            foreach (var line in ClientStage.Lines(client, image))
            {
                Line(line);
            }
        }
    }

    private void WriteBuildStage()
    {
        // The SDK stage runs on the builder's own platform: .NET cannot build reliably under emulation.
        Line($"FROM --platform=$BUILDPLATFORM {plan.Images.BuildImage} AS build");
        Line("ARG TARGETARCH");
        Line("ARG BUILD_CONFIGURATION=Release");
        Line("WORKDIR /src");
        WriteAotToolchainInstall();
        Line();

        Line("# Restore layer: only the files restore reads, so a source edit reuses it.");
        foreach (var group in RestoreCopyGroups())
        {
            Line($"COPY {DockerfileSyntax.CopyArray(group.Sources.Concat(new[] { group.Destination }))}");
        }

        var project = DockerfileSyntax.ShellArgument(Facts.ProjectPath);

        // Restore and publish must agree on runtime identifier and configuration (else NETSDK1047). A multi-targeted
        // project restores every framework: a TargetFramework property would also be forced onto referenced projects.
        // Private feed credentials arrive as build secrets: mounted for this one command, kept in no layer.
        var secretMounts = plan.Secrets.Select(s => s.Id == DockerfileSecret.NuGetConfigId
            ? $"--mount=type=secret,id={s.Id},target={NuGetUserConfigInImage}"
            : $"--mount=type=secret,id={s.Id}");
        var secretVariables = plan.Secrets.Where(s => s.Id != DockerfileSecret.NuGetConfigId)
            .Select(s => $"{s.Id}=\"$(cat /run/secrets/{s.Id} 2>/dev/null)\" \\");
        Run(
            secretMounts.ToList(),
            secretVariables
                .Append($"dotnet restore {project} {RuntimeArgument()}{SelfContainedRestoreArgument()} -p:Configuration=\"$BUILD_CONFIGURATION\"{SkipClientBuildArgument}")
                .ToArray());
        Line();

        Line("# Publish layer: the sources, built once, straight to the publish folder.");
        Line("COPY . .");
        var framework = Facts.IsMultiTargeted ? $" -f {DockerfileSyntax.ShellArgument(Facts.TargetFramework)}" : string.Empty;
        var appHost = plan.Images.IsSelfContained ? " --self-contained"
            : NamesRuntimeIdentifier ? " --self-contained false -p:UseAppHost=false"
            : " -p:UseAppHost=false";

        // Native AOT's native symbols (.dbg) are several times the size of the app itself: keep them out of the image.
        var symbols = Facts.PublishAot ? " -p:CopyOutputSymbolsToPublishDirectory=false" : string.Empty;

        // GenerateDockerfile=false: the image build must not write Dockerfiles of its own inside /src.
        Run(
            Array.Empty<string>(),
            $"dotnet publish {project} {RuntimeArgument()}{framework} -c \"$BUILD_CONFIGURATION\" --no-restore \\",
            $"    -o {PublishFolder}{appHost}{symbols} -p:GenerateDockerfile=false{SkipClientBuildArgument}");
        Line();
    }

    private void WriteAotToolchainInstall()
    {
        switch (plan.Images.AotToolchainInstall)
        {
            case OsPackageManager.Apt:
                Line("# Native AOT on .NET 8 and 9 needs clang and zlib; only 10.0+ has \"-aot\" SDK images that carry them.");
                Line("RUN apt-get update \\");
                Line("    && apt-get install -y --no-install-recommends clang zlib1g-dev \\");
                Line("    && rm -rf /var/lib/apt/lists/*");
                break;
            case OsPackageManager.Apk:
                Line("# Native AOT on .NET 8 and 9 needs clang and zlib; only 10.0+ has \"-aot\" SDK images that carry them.");
                Line("RUN apk add --no-cache clang build-base zlib-dev");
                break;
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
        }
        else
        {
            // A self-contained app runs on another image (runtime-deps): the shared settings come again.
            Line("# Final stage: the runtime dependencies and the self-contained app, nothing else, with the base stage's settings.");
            Line($"FROM {plan.Images.FinalImage} AS final");
            WriteSharedSettings();
            WriteAppCopies();
            Line($"USER {plan.User}");
        }

        Line($"ENTRYPOINT {DockerfileSyntax.JsonArray(plan.EntryPoint)}");
        if (Facts.DefaultArgs.Count > 0)
        {
            Line($"CMD {DockerfileSyntax.JsonArray(Facts.DefaultArgs)}");
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
            Line($"ENV {variable.Name}={DockerfileSyntax.QuotedWord(variable.Value)}");
        }

        foreach (var label in plan.Labels)
        {
            Line($"LABEL {DockerfileSyntax.QuotedWord(label.Name)}={DockerfileSyntax.QuotedWord(label.Value)}");
        }
    }

    private void WriteAppCopies()
    {
        Line($"COPY --from=build {PublishFolder} .");
        if (Facts.Client is { } client)
        {
            Line(ClientStage.CopyOutputLine(client, plan.WorkingDirectory));
        }
    }

    /// <summary>The client stage built the front end: restore and publish must not build it again (or run npm at all).</summary>
    private string SkipClientBuildArgument =>
        Facts.Client is null ? string.Empty : $" -p:{ClientStage.SkipClientBuildProperty}=true";

    /// <summary>
    /// Self-contained publishes, and apps before net8.0 (whose SDKs do not map amd64 to x64 in -a), name the
    /// RID outright, computed in a way dash (the SDK images' /bin/sh) accepts.
    /// </summary>
    private bool NamesRuntimeIdentifier => plan.Images.IsSelfContained || plan.Major < 8;

    /// <summary>-a lets the CLI map the Docker architecture (amd64 to x64); otherwise an explicit -r.</summary>
    private string RuntimeArgument()
    {
        if (!NamesRuntimeIdentifier)
        {
            return "-a \"$TARGETARCH\"";
        }

        var os = plan.Images.IsMusl ? "linux-musl" : "linux";
        return $"-r \"{os}-$(echo \"$TARGETARCH\" | sed 's/^amd64$/x64/')\"";
    }

    // Before net8.0 a RID implies self-contained, which contradicts UseAppHost=false: say which one it is.
    private string SelfContainedRestoreArgument() =>
        plan.Images.IsSelfContained ? " -p:SelfContained=true" : NamesRuntimeIdentifier ? " -p:SelfContained=false" : string.Empty;

    /// <summary>
    /// COPY instructions for the restore layer: files grouped by destination folder so each lands at its
    /// own relative path; the context root's files first, then folders in ordinal order.
    /// </summary>
    private IEnumerable<(IReadOnlyList<string> Sources, string Destination)> RestoreCopyGroups()
    {
        var files = Facts.RestoreFiles
            .Concat(new[] { Facts.ProjectPath })
            .Distinct(StringComparer.Ordinal)
            .GroupBy(Folder, StringComparer.Ordinal)
            .OrderBy(g => g.Key.Length == 0 ? 0 : 1)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ((IReadOnlyList<string>)g.OrderBy(f => f, StringComparer.Ordinal).ToList(), g.Key.Length == 0 ? "./" : g.Key + "/"));
        var folders = Facts.RestoreFolders
            .Distinct(StringComparer.Ordinal)
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => ((IReadOnlyList<string>)new[] { f.TrimEnd('/') + "/" }, f.TrimEnd('/') + "/"));
        return files.Concat(folders);
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

    private void Line(string line = "") => text.Append(line).Append('\n');

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path.Substring(0, slash);
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
