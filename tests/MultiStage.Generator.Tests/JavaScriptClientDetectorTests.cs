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
public sealed partial class ClientDetectorTests : IDisposable
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
}
