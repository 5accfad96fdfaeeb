using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;

namespace MultiStage.Generator.Client;

/// <summary>
/// The Node.js stage that builds a JavaScript client, and how its output reaches the final stage. It comes before
/// the .NET build stage, so BuildKit builds both at once; only the static files it writes leave it.
/// </summary>
internal static class ClientStage
{
    public const string StageName = "client";

    /// <summary>The client's folder in its stage.</summary>
    public const string WorkingDirectory = "/client";

    /// <summary>
    /// Set on the image's restore and publish: the SDK then drops .esproj references and the npm targets of the
    /// ASP.NET Core SPA templates, so .NET never runs npm (the SDK image has no Node.js; the client stage built it).
    /// </summary>
    public const string SkipClientBuildProperty = "MultiStageSkipClientBuild";

    /// <summary>The official Node.js images on Docker Hub, fully qualified.</summary>
    public const string OfficialNodeRepository = "docker.io/library/node";

    /// <summary>Where the client stage keeps the certificate authorities it trusts.</summary>
    private const string CertificatesFolder = "/usr/local/share/multistage-ca";

    /// <summary>Node.js 25 and newer no longer ship corepack, which provides yarn and pnpm.</summary>
    private const int FirstMajorWithoutCorepack = 25;

    private sealed record ManagerCommands(string Name, string Install, string LockedInstall, string Run, string CacheId, string CacheTarget, bool ViaCorepack);

    // Per package manager: installs (with a lockfile: exactly it), the script runner, and the download cache to mount.
    private static readonly Dictionary<ClientPackageManager, ManagerCommands> Managers = new()
    {
        [ClientPackageManager.Npm] = new("npm", "npm install", "npm ci", "npm run", "npm", "/root/.npm", ViaCorepack: false),
        [ClientPackageManager.YarnClassic] = new("Yarn", "yarn install", "yarn install --frozen-lockfile", "yarn run", "yarn", "/usr/local/share/.cache/yarn", ViaCorepack: true),
        [ClientPackageManager.YarnBerry] = new("Yarn", "yarn install", "yarn install --immutable", "yarn run", "yarn-berry", "/root/.yarn/berry/cache", ViaCorepack: true),
        [ClientPackageManager.Pnpm] = new("pnpm", "pnpm install", "pnpm install --frozen-lockfile", "pnpm run", "pnpm", "/root/.local/share/pnpm/store", ViaCorepack: true),
    };

    // The Debian release of the official node images' slim tags, by the first major published on it.
    private static readonly (int FromMajor, string Distro)[] SlimDistros =
    {
        (0, "bullseye-slim"),
        (18, "bookworm-slim"),
        (27, "trixie-slim"),
    };

    /// <summary>Every client value that lands in the Dockerfile, placeable or reported (MULTISTAGE1014).</summary>
    public static void Validate(ClientBuild? client, List<Diagnostic> diagnostics, string workingDirectory = Plan.ImagePlanner.DefaultWorkingDirectory)
    {
        if (client is null)
        {
            return;
        }

        // The client's output lands there in the image: the same rules as any other copy destination.
        if (Plan.ImagePath.Parse(client.Target, Plan.ImagePathUse.CopyDestination, workingDirectory, out var refusal) is null)
        {
            diagnostics.Add(DiagnosticDescriptors.ImagePathNotAllowed.Create("MultiStageClientTarget", client.Target, refusal!));
        }

        foreach (var (what, path) in new[] { ("The JavaScript client folder", client.Folder), ("MultiStageClientOutputPath", client.OutputPath), ("MultiStageClientTarget", client.Target) }
            .Concat(new[] { client.Lockfile }.Concat(client.InstallFiles).Concat(client.InstallFolders).Where(f => f is not null).Select(f => ("A file the client's install reads", f!))))
        {
            if (DockerfileQuoting.FindUnplaceablePathCharacter(path) is { } c)
            {
                diagnostics.Add(DiagnosticDescriptors.UnplaceableValue.Create(what, path, DockerfileQuoting.DescribeCharacter(c)));
            }
        }

        if (DockerfileQuoting.FindUnplaceableCharacter(client.BuildScript) is { } s)
        {
            diagnostics.Add(DiagnosticDescriptors.UnplaceableValue.Create("MultiStageClientBuildScript", client.BuildScript, DockerfileQuoting.DescribeCharacter(s)));
        }
    }

    /// <summary>
    /// MultiStageNodeImage as is, else the official node image of the client's major version: slim Debian (only
    /// static files leave the stage, so its libc does not matter), or Alpine when the app's images are Alpine.
    /// Pinned to its digest when MultiStagePinDigests asks for it.
    /// </summary>
    public static string? SelectImage(ProjectFacts facts, ClientBuild client, bool musl, List<Diagnostic> diagnostics)
    {
        if (client.NodeImage is { } configured)
        {
            return ImageReference.Validate("MultiStageNodeImage", configured, diagnostics) is { } image
                ? ImageReference.PinDigest(image, facts, diagnostics)
                : null;
        }

        var major = client.NodeMajor.ToString(CultureInfo.InvariantCulture);
        // Fully qualified: a short name resolves through each machine's registries configuration (podman's and
        // buildah's search registries and short-name aliases), so builders could disagree on which image it is.
        var tag = musl ? $"{major}-alpine" : $"{major}-{SlimDistros.Last(d => d.FromMajor <= client.NodeMajor).Distro}";
        var official = $"{OfficialNodeRepository}:{tag}";
        return ImageReference.PinDigest(official, facts, diagnostics);
    }

    /// <summary>The stage's lines, ending with a blank line.</summary>
    public static IEnumerable<string> Lines(ClientBuild client, string image, IReadOnlyList<CaCertificate> certificates)
    {
        var manager = Managers[client.PackageManager];
        var folder = client.Folder == "." ? "the context root" : client.Folder;
        yield return $"# Client stage: the JavaScript front end in {folder}, built with {manager.Name} on Node.js {client.NodeMajor} ({client.NodeVersionSource}) "
            + "on the builder's own platform; only its build output reaches the final image.";
        yield return $"FROM --platform=$BUILDPLATFORM {image} AS {StageName}";
        yield return $"WORKDIR {WorkingDirectory}";
        if (certificates.Count > 0)
        {
            // npm and the other managers run on Node.js, which reads extra authorities from one PEM file.
            yield return "# Certificate authorities the install trusts (MultiStageCaCertificate).";
            for (var n = 0; n < certificates.Count; n++)
            {
                yield return $"COPY {DockerfileQuoting.CopyArray(new[] { certificates[n].Path, $"{CertificatesFolder}/{n + 1}.pem" })}";
            }

            yield return $"RUN cat {CertificatesFolder}/*.pem > {CertificatesFolder}.pem";
            yield return $"ENV NODE_EXTRA_CA_CERTS={CertificatesFolder}.pem";
        }

        if (manager.ViaCorepack)
        {
            var installed = client.NodeMajor >= FirstMajorWithoutCorepack;
            yield return $"# {manager.Name} comes through corepack{(installed ? " (no longer part of Node.js 25 and newer)" : string.Empty)}, "
                + "at the version package.json's packageManager field names.";
            yield return "ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0";
            yield return installed ? "RUN npm install --global --force corepack && corepack enable" : "RUN corepack enable";
        }

        yield return string.Empty;
        yield return "# Install layer: only what the package manager reads, so a source edit reuses it.";
        var files = new[] { ClientDetector.PackageJson }.Concat(client.Lockfile is null ? Array.Empty<string>() : new[] { client.Lockfile })
            .Concat(client.InstallFiles)
            .Select(InFolder(client));
        yield return $"COPY {DockerfileQuoting.CopyArray(files.Append("./"))}";
        foreach (var installFolder in client.InstallFolders)
        {
            yield return $"COPY {DockerfileQuoting.CopyArray(new[] { InFolder(client)(installFolder) + "/", installFolder + "/" })}";
        }

        yield return $"RUN --mount=type=cache,id={manager.CacheId},target={manager.CacheTarget} \\";
        yield return $"    {(client.Lockfile is null ? manager.Install : manager.LockedInstall)}";
        yield return string.Empty;
        yield return "# Build layer: the client's sources, then its build script.";
        yield return $"COPY {DockerfileQuoting.CopyArray(new[] { client.Folder == "." ? "./" : client.Folder + "/", "./" })}";
        yield return $"RUN {manager.Run} {DockerfileQuoting.ShellArgument(client.BuildScript)}";
        yield return string.Empty;
    }

    /// <summary>The final stage's COPY of the client's output into the published app.</summary>
    public static string CopyOutputLine(ClientBuild client, string appFolder)
    {
        var source = Combine(WorkingDirectory, client.OutputPath) + "/";
        var target = Combine(appFolder, client.Target);
        return $"COPY --from={StageName} {DockerfileQuoting.CopyArray(new[] { source == "//" ? "/" : source, target == "/" ? "/" : target + "/" })}";
    }

    private static Func<string, string> InFolder(ClientBuild client) =>
        path => client.Folder == "." ? path : client.Folder + "/" + path;

    /// <summary>An absolute Linux path: <paramref name="path"/> as is when absolute, else below <paramref name="folder"/>, with '.' and '..' resolved.</summary>
    private static string Combine(string folder, string path)
    {
        var parts = new List<string>();
        foreach (var segment in (path.StartsWith("/", StringComparison.Ordinal) ? path : folder.TrimEnd('/') + "/" + path).Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count > 0)
                {
                    parts.RemoveAt(parts.Count - 1);
                }

                continue;
            }

            parts.Add(segment);
        }

        return "/" + string.Join("/", parts);
    }
}
