using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Output;

namespace MultiStage.Generator.Dockerfile;

/// <summary>The generated Dockerfile, or the diagnostics that stopped it.</summary>
public sealed record GeneratedDockerfile(string? Text, ImageChoice? Images, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>Writes a multi-stage Dockerfile from project facts. Pure: the same facts always give the same bytes.</summary>
public static class DockerfileWriter
{
    public const string DefaultWorkingDirectory = "/app";

    /// <summary>The build secret that carries the user's NuGet.config (private feed credentials) into restore.</summary>
    public const string NuGetConfigSecretId = "nuget";

    /// <summary>Where NuGet reads the user-level config for root, the SDK images' user.</summary>
    private const string NuGetUserConfigInImage = "/root/.nuget/NuGet/NuGet.Config";

    private const string PublishFolder = "/app/publish";
    // The cache mount holds NuGet's download cache, not the packages folder: restore extracts packages into its own
    // layer, so publish --no-restore finds them even when the builder's cache mounts were emptied or the layers came
    // from a registry cache (which carries no cache mounts). A restore after a project change reuses the downloads.
    private const string NuGetCacheMount = "--mount=type=cache,id=nuget,target=/root/.local/share/NuGet/http-cache";
    private const int MaxImageNameLength = 128;
    private static readonly Regex RepositoryUnsafe = new("[^a-z0-9._/-]+", RegexOptions.CultureInvariant);

    public static GeneratedDockerfile Write(ProjectFacts facts)
    {
        var diagnostics = new List<Diagnostic>(ProjectValueValidator.Validate(facts, out var ports));
        if (facts.DockerfileSyntax is { } syntax)
        {
            ImageReferences.Validate("MultiStageDockerfileSyntax", syntax, diagnostics);
        }

        diagnostics.AddRange(ClientStage.Validate(facts.JavaScriptClient));
        var images = ImageSelector.Select(facts);
        diagnostics.AddRange(images.Diagnostics);
        var clientImage = facts.JavaScriptClient is { } client && images.Choice is not null
            ? ClientStage.SelectImage(facts, client, images.Choice.IsMusl, diagnostics)
            : null;
        if (diagnostics.Any(d => d.IsError) || images.Choice is null)
        {
            return new GeneratedDockerfile(null, null, diagnostics);
        }

        var text = new DockerfileBuilder(facts, images.Choice, clientImage, ports).Build();
        return new GeneratedDockerfile(text, images.Choice, diagnostics);
    }

    /// <summary>The docker build command, run from the context root, with the secrets the Dockerfile mounts.</summary>
    public static string BuildCommand(ProjectFacts facts)
    {
        var secrets = Secrets(facts).Select(s => $" --secret id={s.Id},{s.Source}");
        return $"docker build -f {DockerfileSyntax.ShellWord(facts.DockerfilePath)}{string.Concat(secrets)} -t {ImageName(facts)} .";
    }

    /// <summary>The build secrets the Dockerfile mounts, with the source the documented command gives each.</summary>
    public static IReadOnlyList<(string Id, string Source)> Secrets(ProjectFacts facts) =>
        (facts.MountNuGetConfigSecret ? new[] { (NuGetConfigSecretId, "src=$HOME/.nuget/NuGet/NuGet.Config") } : Array.Empty<(string, string)>())
            .Concat(facts.NuGetSecretVariables.Select(v => (v, "env=" + v)))
            .ToList();

    /// <summary>The image name the documented docker build command uses: ContainerRepository, else the lowercased assembly name.</summary>
    public static string ImageName(ProjectFacts facts)
    {
        var name = string.IsNullOrWhiteSpace(facts.ContainerRepository) ? facts.AssemblyName : facts.ContainerRepository!;
        var safe = RepositoryUnsafe.Replace(name.Trim().ToLowerInvariant(), "-").Trim('-', '.', '_', '/');
        // Registries cap a repository name at 255 characters; a name that long is an accident, not a choice.
        safe = safe.Length > MaxImageNameLength ? safe.Substring(0, MaxImageNameLength).TrimEnd('-', '.', '_', '/') : safe;
        return safe.Length == 0 ? "app" : safe;
    }

    private sealed class DockerfileBuilder
    {
        private readonly ProjectFacts facts;
        private readonly ImageChoice images;
        private readonly string? clientImage;
        private readonly IReadOnlyList<PortSpec> ports;
        private readonly int major;
        private readonly StringBuilder text = new();

        public DockerfileBuilder(ProjectFacts facts, ImageChoice images, string? clientImage, IReadOnlyList<PortSpec> ports)
        {
            this.facts = facts;
            this.images = images;
            this.clientImage = clientImage;
            this.major = TargetFrameworkMoniker.Parse(facts.TargetFramework).Major;
            this.ports = ExposedPorts.For(facts.IsWebApp, ports);
        }

        public string Build()
        {
            WriteHeader();
            WriteClientStage();
            WriteBuildStage();
            WriteFinalStage();
            return text.ToString();
        }

        private void WriteHeader()
        {
            // No syntax directive unless asked for: it makes BuildKit fetch a frontend image from Docker Hub before
            // anything else, and nothing here needs more than the frontend built into BuildKit (Docker Engine 20.10+).
            if (facts.DockerfileSyntax is { } syntax)
            {
                Line("# syntax=" + syntax);
            }

            Line($"{GeneratedFileMarker.Prefix} from {facts.ProjectPath} and rewritten on every build; "
                + "set GenerateDockerfile=false to stop, or delete this line to own the file (the SDK then leaves it alone).");
            Line($"# Build from {ContextFolderDescription(facts.DockerfilePath)}: {BuildCommand(facts)}");
            Line();
        }

        /// <summary>The JavaScript client's Node.js stage, before the .NET stage so the two build side by side.</summary>
        private void WriteClientStage()
        {
            if (facts.JavaScriptClient is { } client && clientImage is not null)
            {
                foreach (var line in ClientStage.Lines(client, clientImage))
                {
                    Line(line);
                }
            }
        }

        private void WriteBuildStage()
        {
            // The SDK stage runs on the builder's own platform: .NET cannot build reliably under emulation.
            Line($"FROM --platform=$BUILDPLATFORM {images.BuildImage} AS build");
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

            var project = DockerfileSyntax.ShellArgument(facts.ProjectPath);
            // Restore and publish must agree on runtime identifier and configuration (else NETSDK1047).
            // A multi-targeted project restores every framework: a TargetFramework property would also
            // be forced onto referenced projects.
            // Private feed credentials arrive as build secrets: mounted for this one command, kept in no layer.
            var secretMounts = new List<string>();
            var secretVariables = new List<string>();
            if (facts.MountNuGetConfigSecret)
            {
                secretMounts.Add($"--mount=type=secret,id={NuGetConfigSecretId},target={NuGetUserConfigInImage}");
            }

            foreach (var variable in facts.NuGetSecretVariables)
            {
                secretMounts.Add($"--mount=type=secret,id={variable}");
                secretVariables.Add($"{variable}=\"$(cat /run/secrets/{variable} 2>/dev/null)\"");
            }

            Run(
                secretMounts,
                secretVariables.Select(v => v + " \\")
                    .Append($"dotnet restore {project} {RuntimeArgument()}{SelfContainedRestoreArgument()} -p:Configuration=\"$BUILD_CONFIGURATION\"{SkipClientBuildArgument}")
                    .ToArray());
            Line();

            Line("# Publish layer: the sources, built once, straight to the publish folder.");
            Line("COPY . .");
            var framework = facts.IsMultiTargeted ? $" -f {DockerfileSyntax.ShellArgument(facts.TargetFramework)}" : string.Empty;
            var appHost = images.IsSelfContained ? " --self-contained"
                : NamesRuntimeIdentifier ? " --self-contained false -p:UseAppHost=false"
                : " -p:UseAppHost=false";

            // Native AOT's native symbols (.dbg) are several times the size of the app itself: keep them out of the image.
            var symbols = facts.PublishAot ? " -p:CopyOutputSymbolsToPublishDirectory=false" : string.Empty;
            // GenerateDockerfile=false: the image build must not write Dockerfiles of its own inside /src.
            Run(
                Array.Empty<string>(),
                $"dotnet publish {project} {RuntimeArgument()}{framework} -c \"$BUILD_CONFIGURATION\" --no-restore \\",
                $"    -o {PublishFolder}{appHost}{symbols} -p:GenerateDockerfile=false{SkipClientBuildArgument}");
            Line();
        }

        private void WriteAotToolchainInstall()
        {
            switch (images.AotToolchainInstall)
            {
                case PackageManager.Apt:
                    Line("# Native AOT on .NET 8 and 9 needs clang and zlib; only 10.0+ has \"-aot\" SDK images that carry them.");
                    Line("RUN apt-get update \\");
                    Line("    && apt-get install -y --no-install-recommends clang zlib1g-dev \\");
                    Line("    && rm -rf /var/lib/apt/lists/*");
                    break;
                case PackageManager.Apk:
                    Line("# Native AOT on .NET 8 and 9 needs clang and zlib; only 10.0+ has \"-aot\" SDK images that carry them.");
                    Line("RUN apk add --no-cache clang build-base zlib-dev");
                    break;
            }
        }

        private void WriteFinalStage()
        {
            Line("# Final stage: the runtime image and the published app, nothing else.");
            Line($"FROM {images.FinalImage} AS final");
            Line($"WORKDIR {WorkingDirectory}");
            foreach (var port in ports)
            {
                Line($"EXPOSE {port}");
            }

            foreach (var variable in EnvironmentVariables())
            {
                Line($"ENV {variable.Name}={DockerfileSyntax.QuotedWord(variable.Value)}");
            }

            foreach (var label in Labels())
            {
                Line($"LABEL {DockerfileSyntax.QuotedWord(label.Name)}={DockerfileSyntax.QuotedWord(label.Value)}");
            }

            Line($"COPY --from=build {PublishFolder} .");
            if (facts.JavaScriptClient is { } client)
            {
                Line(ClientStage.CopyOutputLine(client, WorkingDirectory));
            }

            Line($"USER {User}");
            Line($"ENTRYPOINT {DockerfileSyntax.JsonArray(EntryPoint())}");
            if (facts.DefaultArgs.Count > 0)
            {
                Line($"CMD {DockerfileSyntax.JsonArray(facts.DefaultArgs)}");
            }
        }

        /// <summary>The client stage built the front end: restore and publish must not build it again (or run npm at all).</summary>
        private string SkipClientBuildArgument =>
            facts.JavaScriptClient is null ? string.Empty : $" -p:{ClientStage.SkipClientBuildProperty}=true";

        private string WorkingDirectory =>
            string.IsNullOrEmpty(facts.ContainerWorkingDirectory) ? DefaultWorkingDirectory : facts.ContainerWorkingDirectory!.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";

        // Images since 8.0 define the non-root user "app" as $APP_UID; older ones have no such user.
        // An image of the user's own (ContainerBaseImage) may not define APP_UID: fall back to the same id.
        private string User =>
            !string.IsNullOrEmpty(facts.ContainerUser) ? facts.ContainerUser!
            : major < 8 ? "1654"
            : string.IsNullOrEmpty(facts.ContainerBaseImage) ? "$APP_UID"
            : "${APP_UID:-1654}";

        private IEnumerable<string> EntryPoint()
        {
            var command = images.IsSelfContained
                ? new[] { "./" + facts.AssemblyName }
                : new[] { "dotnet", facts.AssemblyName + ".dll" };
            return command.Concat(facts.AppCommandArgs);
        }

        /// <summary>
        /// Self-contained publishes, and apps before net8.0 (whose SDKs do not map amd64 to x64 in -a), name the
        /// RID outright, computed in a way dash (the SDK images' /bin/sh) accepts.
        /// </summary>
        private bool NamesRuntimeIdentifier => images.IsSelfContained || major < 8;

        /// <summary>-a lets the CLI map the Docker architecture (amd64 to x64); otherwise an explicit -r.</summary>
        private string RuntimeArgument()
        {
            if (!NamesRuntimeIdentifier)
            {
                return "-a \"$TARGETARCH\"";
            }

            var os = images.IsMusl ? "linux-musl" : "linux";
            return $"-r \"{os}-$(echo \"$TARGETARCH\" | sed 's/^amd64$/x64/')\"";
        }

        // Before net8.0 a RID implies self-contained, which contradicts UseAppHost=false: say which one it is.
        private string SelfContainedRestoreArgument() =>
            images.IsSelfContained ? " -p:SelfContained=true" : NamesRuntimeIdentifier ? " -p:SelfContained=false" : string.Empty;

        private IEnumerable<NameValue> EnvironmentVariables()
        {
            var variables = facts.EnvironmentVariables.ToList();
            var tcp = ports.Where(p => p.Protocol == "tcp").Select(p => p.Number).ToList();
            var userSetsUrls = variables.Any(v => v.Name is "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_URLS");
            if (facts.IsWebApp && !userSetsUrls && tcp.Count > 0)
            {
                if (major >= 8 && !tcp.Contains(ExposedPorts.DefaultHttpPort))
                {
                    // The images make Kestrel listen on 8080; EXPOSE alone would advertise a port nobody serves.
                    variables.Insert(0, new NameValue("ASPNETCORE_HTTP_PORTS", tcp[0].ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                else if (major < 8)
                {
                    // Before 8.0 the images listened on port 80 through ASPNETCORE_URLS.
                    variables.Insert(0, new NameValue("ASPNETCORE_URLS", $"http://+:{tcp[0]}"));
                }
            }

            return variables;
        }

        /// <summary>OCI labels from package metadata, then the project's ContainerLabel items (which win on the same key).</summary>
        private IEnumerable<NameValue> Labels()
        {
            var metadata = facts.Metadata;
            var oci = new (string Key, string? Value)[]
            {
                ("org.opencontainers.image.title", metadata.Title),
                ("org.opencontainers.image.description", metadata.Description),
                ("org.opencontainers.image.authors", metadata.Authors),
                ("org.opencontainers.image.licenses", metadata.License),
                ("org.opencontainers.image.url", metadata.ProjectUrl),
                ("org.opencontainers.image.source", metadata.RepositoryUrl),
                ("org.opencontainers.image.vendor", metadata.Vendor),
            };
            var userKeys = new HashSet<string>(facts.Labels.Select(l => l.Name), StringComparer.Ordinal);
            foreach (var (key, value) in oci)
            {
                var collapsed = CollapseWhitespace(value);
                if (collapsed.Length > 0 && !userKeys.Contains(key))
                {
                    yield return new NameValue(key, collapsed);
                }
            }

            foreach (var label in facts.Labels)
            {
                yield return label;
            }
        }

        /// <summary>
        /// COPY instructions for the restore layer: files grouped by destination folder so each lands at its
        /// own relative path; the context root's files first, then folders in ordinal order.
        /// </summary>
        private IEnumerable<(IReadOnlyList<string> Sources, string Destination)> RestoreCopyGroups()
        {
            var files = facts.RestoreFiles
                .Concat(new[] { facts.ProjectPath })
                .Distinct(StringComparer.Ordinal)
                .GroupBy(Folder, StringComparer.Ordinal)
                .OrderBy(g => g.Key.Length == 0 ? 0 : 1)
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => ((IReadOnlyList<string>)g.OrderBy(f => f, StringComparer.Ordinal).ToList(), g.Key.Length == 0 ? "./" : g.Key + "/"));
            var folders = facts.RestoreFolders
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

        private static string CollapseWhitespace(string? value) =>
            value is null ? string.Empty : Regex.Replace(value, @"\s+", " ").Trim();
    }
}
