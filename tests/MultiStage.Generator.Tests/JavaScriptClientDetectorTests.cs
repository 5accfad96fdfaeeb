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

/// <summary>Finding a web app's JavaScript client on real folder trees, and reading how to build it.</summary>
public sealed class ClientDetectorTests : IDisposable
{
    private const string Vite = """{ "name": "client", "scripts": { "build": "vite build" } }""";

    private readonly TemporaryFolder folder = new();

    public ClientDetectorTests()
    {
        folder.CreateFolder("repo/.git");
        folder.WriteProject("repo/src/Web/Web.csproj");
    }

    public void Dispose() => folder.Dispose();

    private (ClientBuild? Client, List<Diagnostic> Diagnostics) Detect(
        ClientSettings? settings = null, bool isWebApp = true, params string[] references)
    {
        var diagnostics = new List<Diagnostic>();
        var client = ClientDetector.Detect(
            folder.PathOf("repo"),
            folder.PathOf("repo/src/Web/Web.csproj"),
            isWebApp,
            references.Select(folder.PathOf),
            settings ?? new ClientSettings(),
            diagnostics);
        return (client, diagnostics);
    }

    private ClientBuild DetectOne(ClientSettings? settings = null, params string[] references)
    {
        var (client, diagnostics) = Detect(settings, true, references);
        Assert.Empty(diagnostics);
        Assert.NotNull(client);
        return client!;
    }

    private void WriteClient(string relativeFolder, string packageJson = Vite, string? lockfile = "package-lock.json")
    {
        folder.Write(relativeFolder + "/package.json", packageJson);
        if (lockfile is not null)
        {
            folder.Write(relativeFolder + "/" + lockfile, lockfile.EndsWith(".json", StringComparison.Ordinal) ? "{}" : string.Empty);
        }
    }

    // Routes

    [Fact]
    public void A_ClientApp_folder_beside_the_project_is_the_client()
    {
        WriteClient("repo/src/Web/ClientApp");

        var client = DetectOne();

        Assert.Equal("src/Web/ClientApp", client.Folder);
        Assert.Equal(ClientRoute.ClientApp, client.Route);
        Assert.Equal(ClientPackageManager.Npm, client.PackageManager);
        Assert.Equal("package-lock.json", client.Lockfile);
        Assert.Equal("build", client.BuildScript);
        Assert.Equal("dist", client.OutputPath);
        Assert.Equal("wwwroot", client.Target);
        Assert.Equal(ClientNodeVersion.DefaultMajor, client.NodeMajor);
        Assert.Equal("the current LTS", client.NodeVersionSource);
    }

    [Fact]
    public void A_package_json_in_the_project_folder_is_the_client()
    {
        WriteClient("repo/src/Web");

        var client = DetectOne();

        Assert.Equal("src/Web", client.Folder);
        Assert.Equal(ClientRoute.ProjectFolder, client.Route);
    }

    [Fact]
    public void ClientApp_comes_before_the_project_folder()
    {
        WriteClient("repo/src/Web");
        WriteClient("repo/src/Web/ClientApp");

        Assert.Equal("src/Web/ClientApp", DetectOne().Folder);
    }

    [Fact]
    public void A_referenced_esproj_project_is_the_client_and_says_where_its_build_goes()
    {
        WriteClient("repo/src/web.client");
        folder.Write("repo/src/web.client/web.client.esproj", """
            <Project Sdk="Microsoft.VisualStudio.JavaScript.Sdk/1.0.1184077">
              <PropertyGroup>
                <StartupCommand>npm run dev</StartupCommand>
                <ShouldRunBuildScript>false</ShouldRunBuildScript>
                <BuildOutputFolder>$(MSBuildProjectDirectory)\dist\web.client\browser\</BuildOutputFolder>
              </PropertyGroup>
            </Project>
            """);
        WriteClient("repo/src/Web/ClientApp");

        var client = DetectOne(references: "repo/src/web.client/web.client.esproj");

        Assert.Equal("src/web.client", client.Folder);
        Assert.Equal(ClientRoute.JavaScriptProject, client.Route);
        Assert.Equal("dist/web.client/browser", client.OutputPath);
    }

    [Fact]
    public void The_esproj_production_build_command_names_the_build_script()
    {
        WriteClient("repo/src/web.client", """{ "scripts": { "build": "vite build", "build:prod": "vite build --mode production" } }""");
        folder.Write("repo/src/web.client/web.client.esproj", """
            <Project Sdk="Microsoft.VisualStudio.JavaScript.Sdk/1.0.1184077">
              <PropertyGroup>
                <ProductionBuildCommand>npm run build:prod</ProductionBuildCommand>
              </PropertyGroup>
            </Project>
            """);

        var client = DetectOne(references: "repo/src/web.client/web.client.esproj");

        Assert.Equal("build:prod", client.BuildScript);
        Assert.Equal("dist", client.OutputPath);
    }

    [Fact]
    public void SpaRoot_names_the_client_as_the_SPA_templates_do()
    {
        WriteClient("repo/src/web.client");
        WriteClient("repo/src/Web/ClientApp");

        var client = DetectOne(new ClientSettings { SpaRoot = @"..\web.client\" });

        Assert.Equal("src/web.client", client.Folder);
        Assert.Equal(ClientRoute.SpaRoot, client.Route);
    }

    [Fact]
    public void MultiStageClientPath_wins_over_every_other_route()
    {
        WriteClient("repo/frontend");
        WriteClient("repo/src/Web/ClientApp");

        var client = DetectOne(new ClientSettings { ClientPath = "../../frontend", SpaRoot = "ClientApp" });

        Assert.Equal("frontend", client.Folder);
        Assert.Equal(ClientRoute.ClientPath, client.Route);
    }

    [Fact]
    public void A_console_app_gets_a_client_only_when_a_route_is_declared()
    {
        WriteClient("repo/src/Web");
        WriteClient("repo/src/Web/ClientApp");

        Assert.Null(Detect(isWebApp: false).Client);
        Assert.NotNull(Detect(new ClientSettings { ClientPath = "ClientApp" }, isWebApp: false).Client);
    }

    [Fact]
    public void MultiStageClient_false_turns_detection_off()
    {
        WriteClient("repo/src/Web/ClientApp");

        var (client, diagnostics) = Detect(new ClientSettings { Enabled = false, ClientPath = "nowhere" });

        Assert.Null(client);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_web_app_without_a_package_json_has_no_client()
    {
        var (client, diagnostics) = Detect();

        Assert.Null(client);
        Assert.Empty(diagnostics);
    }

    // Problems

    [Fact]
    public void MultiStageClientPath_without_a_package_json_is_an_error()
    {
        folder.CreateFolder("repo/src/Web/frontend");

        var (client, diagnostics) = Detect(new ClientSettings { ClientPath = "frontend" });

        Assert.Null(client);
        Assert.Equal("MULTISTAGE1033", Assert.Single(diagnostics).Code);
        Assert.Contains("MultiStageClientPath 'frontend'", diagnostics[0].Message);
    }

    [Fact]
    public void A_client_outside_the_build_context_is_an_error()
    {
        WriteClient("elsewhere/client");

        var (client, diagnostics) = Detect(new ClientSettings { ClientPath = "../../../elsewhere/client" });

        Assert.Null(client);
        Assert.Equal("MULTISTAGE1034", Assert.Single(diagnostics).Code);
        Assert.Contains("MultiStageClientPath", diagnostics[0].Message);
    }

    [Fact]
    public void A_declared_client_without_its_build_script_is_a_warning_and_no_stage()
    {
        WriteClient("repo/src/Web/ClientApp", """{ "scripts": { "dev": "vite" } }""");

        var (client, diagnostics) = Detect(new ClientSettings { SpaRoot = "ClientApp" });

        Assert.Null(client);
        Assert.Equal("MULTISTAGE1035", Assert.Single(diagnostics).Code);
        Assert.Contains("'build'", diagnostics[0].Message);
    }

    [Fact]
    public void A_package_json_of_tooling_beside_the_project_is_quietly_no_client()
    {
        WriteClient("repo/src/Web", """{ "devDependencies": { "prettier": "3.3.0" }, "scripts": { "format": "prettier -w ." } }""");

        var (client, diagnostics) = Detect();

        Assert.Null(client);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void A_package_json_that_is_not_JSON_is_a_warning_and_no_stage()
    {
        WriteClient("repo/src/Web/ClientApp", "{ \"scripts\": ");

        var (client, diagnostics) = Detect();

        Assert.Null(client);
        Assert.Equal("MULTISTAGE1036", Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void A_client_without_a_lockfile_installs_with_a_warning()
    {
        WriteClient("repo/src/Web/ClientApp", lockfile: null);

        var (client, diagnostics) = Detect();

        Assert.NotNull(client);
        Assert.Null(client!.Lockfile);
        Assert.Equal("MULTISTAGE1030", Assert.Single(diagnostics).Code);
        Assert.Contains("package-lock.json or npm-shrinkwrap.json", diagnostics[0].Message);
    }

    // Package managers

    public static TheoryData<string[], string?, string, string?> Managers => new()
    {
        // files in the client folder, packageManager field, manager, lockfile
        { new[] { "package-lock.json" }, null, "Npm", "package-lock.json" },
        { new[] { "npm-shrinkwrap.json" }, null, "Npm", "npm-shrinkwrap.json" },
        { new[] { "yarn.lock" }, null, "YarnClassic", "yarn.lock" },
        { new[] { "yarn.lock", ".yarnrc.yml" }, null, "YarnBerry", "yarn.lock" },
        { new[] { "yarn.lock" }, "yarn@4.5.3", "YarnBerry", "yarn.lock" },
        { new[] { "yarn.lock" }, "yarn@1.22.22", "YarnClassic", "yarn.lock" },
        { new[] { "pnpm-lock.yaml" }, null, "Pnpm", "pnpm-lock.yaml" },
        { new[] { "pnpm-lock.yaml", "package-lock.json" }, "npm@10.9.0", "Npm", "package-lock.json" },
        { new[] { "pnpm-lock.yaml", "package-lock.json" }, null, "Pnpm", "pnpm-lock.yaml" },
        { new[] { "package-lock.json" }, "pnpm@9.12.0+sha512.abc", "Pnpm", null },
        { new[] { "bun.lockb" }, "bun@1.1.0", "Npm", null },
    };

    [Theory]
    [MemberData(nameof(Managers))]
    public void The_packageManager_field_decides_else_the_lockfile(string[] files, string? packageManager, string manager, string? lockfile)
    {
        var field = packageManager is null ? string.Empty : $"\"packageManager\": \"{packageManager}\", ";
        WriteClient("repo/src/Web/ClientApp", "{ " + field + "\"scripts\": { \"build\": \"vite build\" } }", lockfile: null);
        foreach (var file in files)
        {
            folder.Write("repo/src/Web/ClientApp/" + file, string.Empty);
        }

        var (client, _) = Detect();

        Assert.Equal((manager, lockfile), (client!.PackageManager.ToString(), client.Lockfile));
    }

    [Fact]
    public void A_yarn_lock_with_berry_metadata_is_yarn_berry()
    {
        WriteClient("repo/src/Web/ClientApp", lockfile: null);
        folder.Write("repo/src/Web/ClientApp/yarn.lock", "# This file is generated by running \"yarn install\"\n\n__metadata:\n  version: 8\n");

        Assert.Equal(ClientPackageManager.YarnBerry, DetectOne().PackageManager);
    }

    [Fact]
    public void Install_configuration_and_folders_are_found()
    {
        WriteClient("repo/src/Web/ClientApp", lockfile: "yarn.lock");
        folder.Write("repo/src/Web/ClientApp/.yarnrc.yml", "yarnPath: .yarn/releases/yarn-4.5.3.cjs\n");
        folder.Write("repo/src/Web/ClientApp/.yarn/releases/yarn-4.5.3.cjs", "// yarn\n");
        folder.Write("repo/src/Web/ClientApp/.npmrc", "fund=false\n");
        folder.Write("repo/src/Web/ClientApp/patches/left-pad+1.3.0.patch", "diff\n");

        var client = DetectOne();

        Assert.Equal(new[] { ".npmrc", ".yarnrc.yml" }, client.InstallFiles);
        Assert.Equal(new[] { ".yarn/releases", "patches" }, client.InstallFolders);
    }

    // Node.js version

    [Fact]
    public void MultiStageNodeVersion_wins()
    {
        WriteClient("repo/src/Web/ClientApp", """{ "engines": { "node": "^20" }, "scripts": { "build": "vite build" } }""");
        folder.Write("repo/src/Web/ClientApp/.nvmrc", "18\n");

        var client = DetectOne(new ClientSettings { NodeVersion = "v22.11.0" });

        Assert.Equal((22, "from MultiStageNodeVersion"), (client.NodeMajor, client.NodeVersionSource));
    }

    [Fact]
    public void An_nvmrc_up_to_the_context_root_comes_before_engines()
    {
        WriteClient("repo/src/Web/ClientApp", """{ "engines": { "node": "^20" }, "scripts": { "build": "vite build" } }""");
        folder.Write("repo/.nvmrc", "lts/jod\n");
        folder.Write(".nvmrc", "18\n");

        var client = DetectOne();

        Assert.Equal((22, "from .nvmrc"), (client.NodeMajor, client.NodeVersionSource));
    }

    [Fact]
    public void A_node_version_file_counts_like_an_nvmrc()
    {
        WriteClient("repo/src/Web/ClientApp");
        folder.Write("repo/src/Web/ClientApp/.node-version", "24.11.1\n");

        var client = DetectOne();

        Assert.Equal((24, "from src/Web/ClientApp/.node-version"), (client.NodeMajor, client.NodeVersionSource));
    }

    [Fact]
    public void Engines_node_is_read_as_a_range()
    {
        WriteClient("repo/src/Web/ClientApp", """{ "engines": { "node": ">=18 <23" }, "scripts": { "build": "vite build" } }""");

        var client = DetectOne();

        Assert.Equal((22, "from package.json engines.node"), (client.NodeMajor, client.NodeVersionSource));
    }

    [Fact]
    public void An_unreadable_version_file_is_a_warning_and_the_default_line()
    {
        WriteClient("repo/src/Web/ClientApp");
        folder.Write("repo/src/Web/ClientApp/.nvmrc", "system\n");

        var (client, diagnostics) = Detect();

        Assert.Equal(ClientNodeVersion.DefaultMajor, client!.NodeMajor);
        Assert.Equal("MULTISTAGE1031", Assert.Single(diagnostics).Code);
        Assert.Contains("src/Web/ClientApp/.nvmrc 'system'", diagnostics[0].Message);
    }

    [Fact]
    public void An_invalid_MultiStageNodeVersion_is_an_error()
    {
        WriteClient("repo/src/Web/ClientApp");

        var (client, diagnostics) = Detect(new ClientSettings { NodeVersion = ">=20" });

        Assert.Null(client);
        Assert.Equal("MULTISTAGE1032", Assert.Single(diagnostics).Code);
    }

    // Build script and output

    public static TheoryData<string, string> Outputs => new()
    {
        // the build script's command, its output folder
        { "vite build", "dist" },
        { "tsc -b && vite build", "dist" },
        { "vue-cli-service build", "dist" },
        { "webpack --mode production", "dist" },
        { "react-scripts build", "build" },
        { "craco build", "build" },
        { "vite build --outDir ../wwwroot-build", "../wwwroot-build" },
        { "vite build --outDir=out/site/", "out/site" },
        { "parcel build index.html --dist-dir \"public build\"", "public build" },
        { "node build.mjs", "dist" },
    };

    [Theory]
    [MemberData(nameof(Outputs))]
    public void The_output_folder_follows_the_build_tool(string command, string output)
    {
        WriteClient("repo/src/Web/ClientApp", $$"""{ "scripts": { "build": "{{command.Replace("\"", "\\\"")}}" } }""");

        Assert.Equal(output, DetectOne().OutputPath);
    }

    [Theory]
    [InlineData("@angular-devkit/build-angular:application", "\"dist/shop\"", "dist/shop/browser")]
    [InlineData("@angular/build:application", "{ \"base\": \"dist/shop\", \"browser\": \"\" }", "dist/shop")]
    [InlineData("@angular-devkit/build-angular:browser", "\"dist/shop\"", "dist/shop")]
    [InlineData("@angular/build:application", null, "dist/shop/browser")]
    public void Angular_writes_where_angular_json_says(string builder, string? outputPath, string output)
    {
        WriteClient("repo/src/Web/ClientApp", """{ "scripts": { "build": "ng build" } }""");
        var options = outputPath is null ? "{}" : $$"""{ "outputPath": {{outputPath}} }""";
        folder.Write("repo/src/Web/ClientApp/angular.json", $$"""
            { "projects": { "shop": { "projectType": "application", "architect": { "build": { "builder": "{{builder}}", "options": {{options}} } } } } }
            """);

        Assert.Equal(output, DetectOne().OutputPath);
    }

    [Fact]
    public void The_properties_override_script_output_and_target()
    {
        WriteClient("repo/src/Web/ClientApp", """{ "scripts": { "build": "vite build", "publish": "vite build --mode prod" } }""");

        var client = DetectOne(new ClientSettings { BuildScript = "publish", OutputPath = @".\out\", Target = "wwwroot/app/" });

        Assert.Equal(("publish", "out", "wwwroot/app"), (client.BuildScript, client.OutputPath, client.Target));
    }

    // Through FactsCollector

    [Fact]
    public void The_collector_adds_the_client_and_leaves_the_esproj_out_of_the_restore_layer()
    {
        WriteClient("repo/src/web.client");
        folder.Write("repo/src/web.client/web.client.esproj", "<Project Sdk=\"Microsoft.VisualStudio.JavaScript.Sdk/1.0.1184077\" />\n");
        folder.WriteProject("repo/src/Core/Core.csproj");
        var location = new ProjectLocation(
            folder.PathOf("repo/src/Web/Web.csproj"), "../..", null, new[] { "../web.client/web.client.esproj", "../Core/Core.csproj" });

        var collected = FactsCollector.Collect(new ProjectInputs(location, Projects.Web("net10.0"), new ClientSettings(), null, true, false));

        Assert.Empty(collected.Diagnostics);
        Assert.Equal("src/web.client", collected.Facts!.Client!.Folder);
        Assert.Equal(new[] { "src/Core/Core.csproj" }, collected.Facts.RestoreFiles);
    }

    [Fact]
    public void With_MultiStageClient_false_the_collector_looks_for_no_client()
    {
        WriteClient("repo/src/Web/ClientApp");

        var collected = FactsCollector.Collect(new ProjectInputs(
            new ProjectLocation(folder.PathOf("repo/src/Web/Web.csproj"), "../..", null, Array.Empty<string>()), Projects.Web("net10.0"), new ClientSettings { Enabled = false }, null, true, false));

        Assert.Null(collected.Facts!.Client);
    }

    [Fact]
    public void MultiStageNodeImage_is_kept_for_the_writer()
    {
        WriteClient("repo/src/Web/ClientApp");

        Assert.Equal("mirror.example.com/node:22", DetectOne(new ClientSettings { NodeImage = " mirror.example.com/node:22 " }).NodeImage);
    }
}
