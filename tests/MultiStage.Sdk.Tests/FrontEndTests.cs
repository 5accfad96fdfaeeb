using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// JavaScript front ends through a real dotnet build: every way a client is found, every package manager, the
/// diagnostics, and the switch that keeps npm out of the image's .NET stage (a real dotnet publish). The
/// package.json files are written by the tests; generating the Dockerfile runs no npm.
/// </summary>
public class FrontEndTests
{
    private const string Vite = """{ "name": "client", "private": true, "scripts": { "dev": "vite", "build": "vite build" } }""";
    private const string LockfileV3 = """{ "name": "client", "lockfileVersion": 3, "requires": true, "packages": { "": { "name": "client" } } }""";

    private static TestRepository WebApp(string name, string properties = "", string items = "") =>
        TestRepository.Create(name).WriteProject("src/Web/Web.csproj", Projects.Web(properties: properties, items: items), Projects.WebProgram());

    private static string Generate(TestRepository repository, string project = "src/Web/Web.csproj")
    {
        var result = repository.Build(project);
        Assert.True(result.Succeeded, result.Output);
        Assert.Empty(result.WarningCodes);
        var path = Path.Combine(Path.GetDirectoryName(project)!, "Dockerfile");
        DockerfileLint.AssertClean(repository.PathOf(path));
        return repository.ReadFile(path);
    }

    [Fact]
    public void A_ClientApp_folder_gets_a_node_stage_whose_output_lands_in_wwwroot()
    {
        var repository = WebApp("frontend-clientapp")
            .WriteFile("src/Web/ClientApp/package.json", Vite)
            .WriteFile("src/Web/ClientApp/package-lock.json", LockfileV3);

        var dockerfile = Generate(repository);

        Assert.Contains("FROM --platform=$BUILDPLATFORM docker.io/library/node:26-bookworm-slim AS client\n", dockerfile);
        Assert.Contains("COPY [\"src/Web/ClientApp/package.json\", \"src/Web/ClientApp/package-lock.json\", \"./\"]\n", dockerfile);
        Assert.Contains("RUN --mount=type=cache,id=npm,target=/root/.npm \\\n    npm ci\n", dockerfile);
        Assert.Contains("COPY [\"src/Web/ClientApp/\", \"./\"]\nRUN npm run \"build\"\n", dockerfile);
        Assert.Contains("COPY --from=build /app/layers/app/ .\nCOPY --from=client [\"/client/dist/\", \"/app/wwwroot/\"]\n", dockerfile);
        Assert.True(dockerfile.IndexOf(" AS client\n", StringComparison.Ordinal) < dockerfile.IndexOf(" AS build\n", StringComparison.Ordinal));
        Assert.Equal(2, dockerfile.Split("-p:MultiStageSkipClientBuild=true").Length - 1);
    }

    public static TheoryData<string, string, string, string, string> Managers => new()
    {
        // manager, lockfile, extra package.json fields, install line, corepack line ("" for none)
        { "npm", "package-lock.json", "", "    npm ci", "" },
        { "yarn classic", "yarn.lock", "", "    yarn install --frozen-lockfile", "RUN npm install --global --force corepack && corepack enable" },
        { "yarn berry", "yarn.lock", "\"packageManager\": \"yarn@4.5.3\", \"engines\": { \"node\": \">=26\" },", "    yarn install --immutable", "RUN npm install --global --force corepack && corepack enable" },
        { "pnpm", "pnpm-lock.yaml", "\"packageManager\": \"pnpm@9.15.0\", \"engines\": { \"node\": \"^22\" },", "    pnpm install --frozen-lockfile", "RUN corepack enable" },
    };

    [Theory]
    [MemberData(nameof(Managers))]
    public void Each_package_manager_installs_from_its_lockfile(string manager, string lockfile, string fields, string install, string corepack)
    {
        var repository = WebApp("frontend-" + manager.Replace(' ', '-'))
            .WriteFile("src/Web/ClientApp/package.json", "{ " + fields + " \"scripts\": { \"build\": \"vite build\" } }")
            .WriteFile("src/Web/ClientApp/" + lockfile, lockfile.EndsWith(".json", StringComparison.Ordinal) ? LockfileV3 : "# lockfile\n");

        var dockerfile = Generate(repository);

        Assert.Contains($"\n{install}\n", dockerfile);
        Assert.Contains($"COPY [\"src/Web/ClientApp/package.json\", \"src/Web/ClientApp/{lockfile}\", \"./\"]\n", dockerfile);
        Assert.Equal(corepack.Length > 0, dockerfile.Contains("corepack", StringComparison.Ordinal));
        if (corepack.Length > 0)
        {
            Assert.Contains(corepack + "\n", dockerfile);
        }
    }

    [Fact]
    public void The_Node_version_comes_from_nvmrc()
    {
        var repository = WebApp("frontend-nvmrc")
            .WriteFile("src/Web/ClientApp/package.json", Vite)
            .WriteFile("src/Web/ClientApp/package-lock.json", LockfileV3)
            .WriteFile(".nvmrc", "lts/jod\n");

        var dockerfile = Generate(repository);

        Assert.Contains("FROM --platform=$BUILDPLATFORM docker.io/library/node:22-bookworm-slim AS client\n", dockerfile);
        Assert.Contains("on Node.js 22 (from .nvmrc)", dockerfile);
    }

    [Fact]
    public void A_package_json_beside_the_project_is_the_client()
    {
        var repository = WebApp("frontend-project-folder")
            .WriteFile("src/Web/package.json", """{ "scripts": { "build": "vite build --outDir wwwroot-dist" } }""")
            .WriteFile("src/Web/package-lock.json", LockfileV3);

        var dockerfile = Generate(repository);

        Assert.Contains("COPY [\"src/Web/\", \"./\"]\n", dockerfile);
        Assert.Contains("COPY --from=client [\"/client/wwwroot-dist/\", \"/app/wwwroot/\"]\n", dockerfile);
    }

    [Fact]
    public void SpaRoot_of_the_SPA_templates_names_the_client()
    {
        var repository = WebApp("frontend-sparoot", properties: "<SpaRoot>..\\web.client\\</SpaRoot><SpaProxyLaunchCommand>npm start</SpaProxyLaunchCommand>")
            .WriteFile("src/web.client/package.json", """{ "scripts": { "start": "react-scripts start", "build": "react-scripts build" } }""")
            .WriteFile("src/web.client/yarn.lock", "# yarn lockfile v1\n");

        var dockerfile = Generate(repository);

        Assert.Contains("COPY [\"src/web.client/package.json\", \"src/web.client/yarn.lock\", \"./\"]\n", dockerfile);
        Assert.Contains("COPY --from=client [\"/client/build/\", \"/app/wwwroot/\"]\n", dockerfile);
    }

    [Fact]
    public void A_referenced_esproj_is_the_client_and_leaves_the_restore_layer()
    {
        // Microsoft.VisualStudio.JavaScript.Sdk comes from nuget.org; offline, a C# project under the .esproj name
        // stands in for it. What the SDK reads from it is the file name and BuildOutputFolder.
        var repository = WebApp("frontend-esproj", items: "<ProjectReference Include=\"../web.client/web.client.esproj\" ReferenceOutputAssembly=\"false\" />")
            .WriteFile("src/web.client/web.client.esproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <LanguageTargets>$(MSBuildToolsPath)\Microsoft.CSharp.targets</LanguageTargets>
                    <EnableDefaultItems>false</EnableDefaultItems>
                    <BuildOutputFolder>$(MSBuildProjectDirectory)\dist\web.client\browser\</BuildOutputFolder>
                    <ProductionBuildCommand>npm run build:production</ProductionBuildCommand>
                  </PropertyGroup>
                </Project>
                """)
            .WriteFile("src/web.client/package.json", """{ "scripts": { "start": "ng serve", "build:production": "ng build" } }""")
            .WriteFile("src/web.client/package-lock.json", LockfileV3);

        var dockerfile = Generate(repository);

        Assert.Contains("COPY [\"src/web.client/\", \"./\"]\nRUN npm run \"build:production\"\n", dockerfile);
        Assert.Contains("COPY --from=client [\"/client/dist/web.client/browser/\", \"/app/wwwroot/\"]\n", dockerfile);
        Assert.DoesNotContain("web.client.esproj", dockerfile);
    }

    [Fact]
    public void MultiStageClientPath_and_the_overrides_are_used_as_given()
    {
        var repository = WebApp(
                "frontend-overrides",
                properties: "<MultiStageClientPath>../../frontend</MultiStageClientPath><MultiStageClientBuildScript>bundle</MultiStageClientBuildScript>"
                    + "<MultiStageClientOutputPath>out/site</MultiStageClientOutputPath><MultiStageClientTarget>wwwroot/app</MultiStageClientTarget>"
                    + "<MultiStageNodeVersion>24</MultiStageNodeVersion>")
            .WriteFile("frontend/package.json", """{ "scripts": { "bundle": "node bundle.mjs" } }""")
            .WriteFile("frontend/pnpm-lock.yaml", "lockfileVersion: '9.0'\n");

        var dockerfile = Generate(repository);

        Assert.Contains("FROM --platform=$BUILDPLATFORM docker.io/library/node:24-bookworm-slim AS client\n", dockerfile);
        Assert.Contains("COPY [\"frontend/\", \"./\"]\nRUN pnpm run \"bundle\"\n", dockerfile);
        Assert.Contains("COPY --from=client [\"/client/out/site/\", \"/app/wwwroot/app/\"]\n", dockerfile);
    }

    [Fact]
    public void MultiStageClient_false_leaves_the_front_end_out()
    {
        var repository = WebApp("frontend-off", properties: "<MultiStageClient>false</MultiStageClient>")
            .WriteFile("src/Web/ClientApp/package.json", Vite);

        var dockerfile = Generate(repository);

        Assert.DoesNotContain("client", dockerfile, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_console_app_with_a_package_json_gets_no_client_stage()
    {
        var repository = TestRepository.Create("frontend-console")
            .WriteProject("src/Web/Web.csproj", Projects.Console(), Projects.ConsoleProgram())
            .WriteFile("src/Web/package.json", Vite);

        Assert.DoesNotContain("AS client", Generate(repository));
    }

    [Fact]
    public void A_client_without_a_lockfile_is_a_warning()
    {
        var repository = WebApp("MULTISTAGE1030").WriteFile("src/Web/ClientApp/package.json", Vite);

        var result = repository.Build("src/Web/Web.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE1030" }, result.WarningCodes);
        Assert.Contains("    npm install\n", repository.ReadFile("src/Web/Dockerfile"));
    }

    [Fact]
    public void An_unreadable_nvmrc_is_a_warning()
    {
        var repository = WebApp("MULTISTAGE1031")
            .WriteFile("src/Web/ClientApp/package.json", Vite)
            .WriteFile("src/Web/ClientApp/package-lock.json", LockfileV3)
            .WriteFile("src/Web/ClientApp/.nvmrc", "system\n");

        var result = repository.Build("src/Web/Web.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE1031" }, result.WarningCodes);
        Assert.Contains("src/Web/ClientApp/.nvmrc 'system'", result.Output);
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        // code, project properties, text the message must contain
        { "MULTISTAGE1032", "<MultiStageNodeVersion>latest-and-greatest</MultiStageNodeVersion>", "MultiStageNodeVersion 'latest-and-greatest'" },
        { "MULTISTAGE1033", "<MultiStageClientPath>frontend</MultiStageClientPath>", "MultiStageClientPath 'frontend'" },
        { "MULTISTAGE1034", "<SpaRoot>{outside}</SpaRoot>", "SpaRoot" },
        { "MULTISTAGE1024", "<MultiStageNodeImage>node 24</MultiStageNodeImage>", "MultiStageNodeImage 'node 24'" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void A_bad_client_setting_is_an_error_that_writes_nothing(string code, string properties, string named)
    {
        // {outside}: a client folder beside the repository, so outside its build context.
        var repository = TestRepository.Create(code + "-client");
        var outside = repository.Root + "-outside";
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "package.json"), Vite);
        repository.WriteProject("src/Web/Web.csproj", Projects.Web(properties: properties.Replace("{outside}", $"../../../{Path.GetFileName(outside)}/")), Projects.WebProgram())
            .WriteFile("src/Web/ClientApp/package.json", Vite)
            .WriteFile("src/Web/ClientApp/package-lock.json", LockfileV3);

        var result = repository.Build("src/Web/Web.csproj");

        Assert.False(result.Succeeded, result.Output);
        Assert.Contains(code, result.ErrorCodes);
        Assert.Contains(named, result.Output);
        Assert.False(repository.FileExists("src/Web/Dockerfile"), "An error must write no Dockerfile.");
    }

    [Fact]
    public void A_declared_client_without_a_build_script_is_a_warning_and_no_stage()
    {
        var repository = WebApp("MULTISTAGE1035", properties: "<SpaRoot>ClientApp\\</SpaRoot>")
            .WriteFile("src/Web/ClientApp/package.json", """{ "scripts": { "dev": "vite" } }""");

        var result = repository.Build("src/Web/Web.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE1035" }, result.WarningCodes);
        Assert.DoesNotContain("AS client", repository.ReadFile("src/Web/Dockerfile"));
    }

    [Fact]
    public void A_package_json_that_is_not_JSON_is_a_warning_and_no_stage()
    {
        var repository = WebApp("MULTISTAGE1036").WriteFile("src/Web/ClientApp/package.json", "{ \"scripts\": ");

        var result = repository.Build("src/Web/Web.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE1036" }, result.WarningCodes);
    }

    // What the image's .NET stage does with -p:MultiStageSkipClientBuild=true, through a real dotnet publish.

    private const string TemplateTargets = """
        <Target Name="DebugEnsureNodeEnv" BeforeTargets="Build" Condition=" '$(Configuration)' == 'Debug' And !Exists('$(SpaRoot)node_modules') ">
          <Error Text="npm install ran in the .NET build" />
        </Target>
        <Target Name="PublishRunWebpack" AfterTargets="ComputeFilesToPublish">
          <Error Text="npm run build ran in the .NET publish" />
        </Target>
        """;

    [Fact]
    public void The_SPA_template_npm_targets_do_not_run_in_the_image()
    {
        var project = Projects.Web(properties: "<SpaRoot>ClientApp\\</SpaRoot>").Replace("</Project>", TemplateTargets + "\n</Project>");
        var repository = TestRepository.Create("frontend-template-targets")
            .WriteProject("src/Web/Web.csproj", project, Projects.WebProgram())
            .WriteFile("src/Web/ClientApp/package.json", Vite)
            .WriteFile("src/Web/ClientApp/tsconfig.json", "{}");

        var inImage = repository.Dotnet("publish", "src/Web/Web.csproj", "-c", "Release", "-o", "out-image", "-p:GenerateDockerfile=false", "-p:MultiStageSkipClientBuild=true");
        var onHost = repository.Dotnet("publish", "src/Web/Web.csproj", "-c", "Release", "-o", "out-host", "-p:GenerateDockerfile=false");

        Assert.True(inImage.Succeeded, inImage.Output);
        Assert.True(repository.FileExists("out-image/Web.dll"));
        Assert.False(Directory.Exists(repository.PathOf("out-image/ClientApp")), "The client's sources were published as content.");
        Assert.False(onHost.Succeeded, "Without the switch the project's own npm target must still run.\n" + onHost.Output);
        Assert.Contains("npm run build ran in the .NET publish", onHost.Output);
    }

    [Fact]
    public void An_esproj_reference_is_neither_restored_nor_built_in_the_image()
    {
        // Without a version in global.json the JavaScript SDK cannot resolve: building the .esproj fails (MSB4236).
        var repository = WebApp("frontend-esproj-skipped", items: "<ProjectReference Include=\"../web.client/web.client.esproj\" ReferenceOutputAssembly=\"false\" />")
            .WriteFile("src/web.client/web.client.esproj", "<Project Sdk=\"Microsoft.VisualStudio.JavaScript.Sdk\">\n</Project>\n")
            .WriteFile("src/web.client/package.json", Vite);

        var restore = repository.Dotnet("restore", "src/Web/Web.csproj", "-p:MultiStageSkipClientBuild=true");
        var publish = repository.Dotnet("publish", "src/Web/Web.csproj", "--no-restore", "-c", "Release", "-o", "out", "-p:GenerateDockerfile=false", "-p:MultiStageSkipClientBuild=true");
        var control = repository.Dotnet("publish", "src/Web/Web.csproj", "--no-restore", "-c", "Release", "-o", "out-host", "-p:GenerateDockerfile=false");

        Assert.True(restore.Succeeded, restore.Output);
        Assert.True(publish.Succeeded, publish.Output);
        Assert.True(repository.FileExists("out/Web.dll"));
        Assert.False(control.Succeeded, "Without the switch publish must build the .esproj.\n" + control.Output);
        Assert.Contains("Microsoft.VisualStudio.JavaScript.Sdk", control.Output);
    }
}
