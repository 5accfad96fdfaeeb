using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>The JavaScript client's Node.js stage and its place in the Dockerfile, one behaviour at a time.</summary>
public class ClientStageTests
{
    private static readonly ClientBuild Client = new()
    {
        Folder = "App/ClientApp",
        PackageManager = ClientPackageManager.Npm,
        Lockfile = "package-lock.json",
        NodeMajor = 24,
    };

    private static IReadOnlyList<string> Lines(ClientBuild client, Func<ProjectFacts, ProjectFacts>? change = null) =>
        Generate.Text((change ?? (f => f))(Projects.WebWithClient(client))).Split('\n');

    [Fact]
    public void The_client_stage_comes_before_the_dotnet_stage_so_both_build_at_once()
    {
        var froms = Lines(Client).Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, froms.Count);
        Assert.EndsWith(" AS base", froms[0]);
        Assert.Equal("FROM --platform=$BUILDPLATFORM docker.io/library/node:24-bookworm-slim AS client", froms[1]);
        Assert.EndsWith(" AS build", froms[2]);
        Assert.Equal("FROM base AS final", froms[3]);
    }

    [Fact]
    public void Dependencies_install_in_their_own_layer_before_the_sources_arrive()
    {
        var lines = Lines(Client).ToList();
        var install = lines.IndexOf("COPY [\"App/ClientApp/package.json\", \"App/ClientApp/package-lock.json\", \"./\"]");
        var ci = lines.IndexOf("    npm ci");
        var sources = lines.IndexOf("COPY [\"App/ClientApp/\", \"./\"]");
        var build = lines.IndexOf("RUN npm run \"build\"");

        Assert.True(install >= 0 && install < ci && ci < sources && sources < build, string.Join("\n", lines));
        Assert.Equal("RUN --mount=type=cache,id=npm,target=/root/.npm \\", lines[ci - 1]);
    }

    [Fact]
    public void The_output_is_copied_into_wwwroot_after_the_published_app()
    {
        var lines = Lines(Client).ToList();
        var app = lines.IndexOf("COPY --from=build /app/layers/app/ .");

        Assert.Equal("COPY --from=client [\"/client/dist/\", \"/app/wwwroot/\"]", lines[app + 1]);
    }

    [Fact]
    public void Restore_and_publish_in_the_image_skip_the_client_build()
    {
        var text = string.Join("\n", Lines(Client));

        Assert.Contains("-p:Configuration=\"$BUILD_CONFIGURATION\" -p:MultiStageSkipClientBuild=true\n", text);
        Assert.Contains("-p:GenerateDockerfile=false -p:MultiStageSkipClientBuild=true \\\n", text);
    }

    [Fact]
    public void Without_a_client_nothing_changes()
    {
        var text = Generate.Text(Projects.Web("net10.0"));

        Assert.DoesNotContain("client", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(ClientStage.SkipClientBuildProperty, text);
        Assert.DoesNotContain("node", text);
    }

    [Fact]
    public void The_final_stage_runs_no_node_and_copies_only_the_output()
    {
        var lines = Lines(Client).ToList();
        var final = lines.IndexOf("FROM base AS final");
        var baseStage = lines.Take(lines.FindIndex(l => l.StartsWith("FROM --platform", StringComparison.Ordinal)));

        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:", Assert.Single(baseStage, l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.DoesNotContain(baseStage, l => l.StartsWith("RUN ", StringComparison.Ordinal) || l.Contains("client", StringComparison.Ordinal));

        Assert.DoesNotContain(lines.Skip(final), l => l.StartsWith("RUN ", StringComparison.Ordinal));
        Assert.Single(lines.Skip(final), l => l.StartsWith("COPY --from=client", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_lockfile_the_manager_installs_freely()
    {
        Assert.Contains("    npm install", Lines(Client with { Lockfile = null }));
    }

    public static TheoryData<string, string, string, string> ManagerCommands => new()
    {
        { "Npm", "    npm ci", "id=npm,target=/root/.npm", "RUN npm run \"build\"" },
        { "YarnClassic", "    yarn install --frozen-lockfile", "id=yarn,target=/usr/local/share/.cache/yarn", "RUN yarn run \"build\"" },
        { "YarnBerry", "    yarn install --immutable", "id=yarn-berry,target=/root/.yarn/berry/cache", "RUN yarn run \"build\"" },
        { "Pnpm", "    pnpm install --frozen-lockfile", "id=pnpm,target=/root/.local/share/pnpm/store", "RUN pnpm run \"build\"" },
    };

    [Theory]
    [MemberData(nameof(ManagerCommands))]
    public void Each_manager_installs_exactly_its_lockfile_with_its_cache_mounted(string manager, string install, string cache, string build)
    {
        var lines = Lines(Client with { PackageManager = Enum.Parse<ClientPackageManager>(manager) });

        Assert.Contains(install, lines);
        Assert.Contains($"RUN --mount=type=cache,{cache} \\", lines);
        Assert.Contains(build, lines);
    }

    [Theory]
    [InlineData(24, "RUN corepack enable")]
    [InlineData(22, "RUN corepack enable")]
    [InlineData(25, "RUN npm install --global --force corepack && corepack enable")]
    [InlineData(26, "RUN npm install --global --force corepack && corepack enable")]
    public void Yarn_and_pnpm_come_through_corepack_which_Node_25_no_longer_ships(int major, string corepack)
    {
        var lines = Lines(Client with { PackageManager = ClientPackageManager.Pnpm, Lockfile = "pnpm-lock.yaml", NodeMajor = major });

        Assert.Contains(corepack, lines);
        Assert.Contains("ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0", lines);
        Assert.DoesNotContain(Lines(Client with { NodeMajor = major }), l => l.Contains("corepack", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(16, "docker.io/library/node:16-bullseye-slim")]
    [InlineData(20, "docker.io/library/node:20-bookworm-slim")]
    [InlineData(26, "docker.io/library/node:26-bookworm-slim")]
    [InlineData(27, "docker.io/library/node:27-trixie-slim")]
    public void The_node_image_is_the_official_slim_tag_of_the_major(int major, string image)
    {
        Assert.Contains($"FROM --platform=$BUILDPLATFORM {image} AS client", Lines(Client with { NodeMajor = major }));
    }

    [Fact]
    public void Alpine_apps_build_their_client_on_alpine()
    {
        Assert.Contains("FROM --platform=$BUILDPLATFORM docker.io/library/node:24-alpine AS client", Lines(Client, f => f with { ContainerFamily = "alpine" }));
    }

    [Fact]
    public void MultiStageNodeImage_is_used_as_is()
    {
        Assert.Contains("FROM --platform=$BUILDPLATFORM mirror.example.com/library/node:24-bookworm-slim AS client", Lines(Client with { NodeImage = "mirror.example.com/library/node:24-bookworm-slim" }));
    }

    [Fact]
    public void An_invalid_MultiStageNodeImage_is_an_error()
    {
        Assert.Contains("MULTISTAGE1024", Generate.Codes(Projects.WebWithClient(Client with { NodeImage = "node 24" })));
    }

    [Fact]
    public void Pinned_digests_cover_the_node_image_too()
    {
        const string Digest = "sha256:3333333333333333333333333333333333333333333333333333333333333333";
        var digests = new Dictionary<string, string>
        {
            ["mcr.microsoft.com/dotnet/sdk:10.0-noble"] = "sha256:1111111111111111111111111111111111111111111111111111111111111111",
            ["mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra"] = "sha256:2222222222222222222222222222222222222222222222222222222222222222",
        };
        var pinned = Projects.WebWithClient(Client) with { PinDigests = true, ImageDigests = digests };

        Assert.Equal(new[] { "MULTISTAGE3004" }, Generate.Codes(pinned));
        digests["docker.io/library/node:24-bookworm-slim"] = Digest;
        Assert.Contains($"FROM --platform=$BUILDPLATFORM docker.io/library/node:24-bookworm-slim@{Digest} AS client", Generate.Text(pinned with { ImageDigests = digests }).Split('\n'));
    }

    [Theory]
    [InlineData("wwwroot", "/srv/site", "\"/srv/site/wwwroot/\"")]
    [InlineData("wwwroot/app", null, "\"/app/wwwroot/app/\"")]
    [InlineData("/usr/share/site", null, "\"/usr/share/site/\"")]
    [InlineData(".", null, "\"/app/\"")]
    public void The_target_is_below_the_app_folder_unless_absolute(string target, string? workingDirectory, string destination)
    {
        var line = Lines(Client with { Target = target }, f => f with { ContainerWorkingDirectory = workingDirectory })
            .Single(l => l.StartsWith("COPY --from=client", StringComparison.Ordinal));

        Assert.EndsWith(destination + "]", line);
    }

    [Theory]
    [InlineData("dist/shop.client/browser", "\"/client/dist/shop.client/browser/\"")]
    [InlineData("../out", "\"/out/\"")]
    [InlineData(".", "\"/client/\"")]
    public void The_output_is_read_from_the_client_folder(string output, string source)
    {
        var line = Lines(Client with { OutputPath = output }).Single(l => l.StartsWith("COPY --from=client", StringComparison.Ordinal));

        Assert.StartsWith("COPY --from=client [" + source + ", ", line);
    }

    [Fact]
    public void A_client_at_the_context_root_copies_from_the_root()
    {
        var lines = Lines(Client with { Folder = ".", InstallFolders = new[] { "patches" } });

        Assert.Contains("COPY [\"package.json\", \"package-lock.json\", \"./\"]", lines);
        Assert.Contains("COPY [\"patches/\", \"patches/\"]", lines);
        Assert.Contains("COPY [\"./\", \"./\"]", lines);
    }

    [Fact]
    public void Quotes_and_dollars_in_client_paths_are_escaped_and_the_script_is_quoted_for_the_shell()
    {
        var lines = Lines(Client with { Folder = "my \"web\" app", BuildScript = "build:prod'x" });

        Assert.Contains("COPY [\"my \\\\\\\"web\\\\\\\" app/\", \"./\"]", lines);
        Assert.Contains("RUN npm run 'build:prod'\\''x'", lines);
    }

    [Theory]
    [InlineData("client\napp", null, null)]
    [InlineData("ClientApp", "dist/*", null)]
    [InlineData("ClientApp", null, "www$root")]
    public void Client_paths_that_cannot_be_placed_are_errors(string folder, string? output, string? target)
    {
        var client = Client with { Folder = folder, OutputPath = output ?? "dist", Target = target ?? "wwwroot" };

        Assert.Contains("MULTISTAGE1014", Generate.Codes(Projects.WebWithClient(client)));
    }

    [Fact]
    public void A_build_script_with_a_line_break_is_an_error()
    {
        Assert.Contains("MULTISTAGE1014", Generate.Codes(Projects.WebWithClient(Client with { BuildScript = "build\nRUN id" })));
    }

    [Fact]
    public void The_client_stage_names_where_the_Node_version_came_from()
    {
        var comment = Lines(Client with { NodeVersionSource = "from App/ClientApp/.nvmrc" }).First(l => l.StartsWith("# Client stage", StringComparison.Ordinal));

        Assert.Contains("built with npm on Node.js 24 (from App/ClientApp/.nvmrc)", comment);
    }
}
