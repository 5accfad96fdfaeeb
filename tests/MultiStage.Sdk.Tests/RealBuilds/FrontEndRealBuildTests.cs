using System.Net;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// Web apps with a JavaScript front end, built for real with Docker Engine's BuildKit on the registry-less test engine
/// (the Node.js client stage too: nothing pulled but the stand-ins, see <see cref="OfflineBuildKitTests"/>): samples/spa-api (built once by <see cref="SpaApiImage"/>)
/// serves the page its client stage built and answers its API; a front-end edit reuses the install layer; and a
/// project with the SPA templates' npm publish target builds, since the .NET stage never runs npm.
/// The node stand-in carries this machine's Node.js whatever major its tag names; the stand-in builder says so
/// ("version stand-in") in the test output when they differ.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public class FrontEndRealBuildTests : IClassFixture<SpaApiImage>
{
    private readonly SpaApiImage spa;
    private readonly ITestOutputHelper output;

    public FrontEndRealBuildTests(SpaApiImage spa, ITestOutputHelper output)
    {
        this.spa = spa;
        this.output = output;
    }

    private static ContainerEngine Engine => ContainerEngine.BuildKit;

    [SkippableFact]
    public void The_spa_api_sample_serves_its_page_and_answers_its_API()
    {
        Engine.RequireOrSkip();
        var build = spa.FirstBuild(output);

        // The client stage comes before the .NET build stage, so BuildKit builds the two side by side.
        var stageNames = build.Dockerfile.Stages.Select(s => s.Name).ToList();
        Assert.True(stageNames.IndexOf("client") >= 0 && stageNames.IndexOf("client") < stageNames.IndexOf("build"), string.Join(", ", stageNames));
        Assert.StartsWith("docker.io/library/node:", build.Dockerfile.Stage("client").BaseImage);

        RunningContainer.AssertPortIsFree(8080);
        using var app = Engine.Start(build.Tag);
        var (pageStatus, page) = app.WaitForHttp(8080, "/");
        var (scriptStatus, script) = app.WaitForHttp(8080, "/app.js");
        var (apiStatus, api) = app.WaitForHttp(8080, "/api/hello");
        output.WriteLine($"GET / -> {(int)pageStatus} ({page.Length} characters); GET /app.js -> {(int)scriptStatus}; GET /api/hello -> {(int)apiStatus} {api}");

        Assert.True(pageStatus == HttpStatusCode.OK, $"HTTP {(int)pageStatus} for /: {page}\n{app.Output}");
        Assert.Contains("<title>SPA + API sample</title>", page);
        Assert.Contains("Front end 1.0.0, built in the image's Node.js stage.", page);
        Assert.True(scriptStatus == HttpStatusCode.OK, $"HTTP {(int)scriptStatus} for /app.js\n{app.Output}");
        Assert.Contains("fetch(\"/api/hello\")", script);
        Assert.True(apiStatus == HttpStatusCode.OK, $"HTTP {(int)apiStatus} for /api/hello: {api}\n{app.Output}");
        Assert.Contains("\"message\":\"Hello from the API\"", api);
    }

    [SkippableFact]
    public void The_final_image_holds_the_built_front_end_and_no_Node_js()
    {
        Engine.RequireOrSkip();
        var build = spa.FirstBuild(output);

        var files = build.ListFiles();

        FinalImageChecks.AssertHoldsOnlyTheApp(files, "/app", "SpaApi.dll", "wwwroot/index.html", "wwwroot/app.js");
        Assert.Contains("aspnet", build.Dockerfile.FinalImage);
        FinalImageChecks.AssertNoRunInFinalStage(build.Dockerfile);
        FinalImageChecks.AssertRunsAsNonRoot(build.Inspect());
        var leftovers = files.Where(f => f.Contains("/node_modules", StringComparison.Ordinal)
                || f.StartsWith("/app/ClientApp", StringComparison.Ordinal)
                || f.StartsWith("/client", StringComparison.Ordinal)
                || Path.GetFileName(f) is "node" or "npm" or "package.json" or "package-lock.json" or "build.mjs")
            .ToList();
        Assert.True(leftovers.Count == 0, "The final image holds front-end build files:\n" + string.Join("\n", leftovers));
    }

    [SkippableFact]
    public void A_front_end_edit_reuses_the_install_layer_and_reaches_the_page()
    {
        Engine.RequireOrSkip();
        spa.FirstBuild(output);
        // A heading no earlier build had, so no layer cache (shared by every run on this machine) holds its build.
        var heading = $"<h1>SPA + API sample, edited {Guid.NewGuid():N}</h1>";

        var rebuild = spa.Rebuild(output, "page-edit", repository =>
        {
            var page = repository.ReadFile("ClientApp/src/index.html");
            repository.WriteFile("ClientApp/src/index.html", page.Replace("<h1>SPA + API sample</h1>", heading));
        });

        Assert.True(rebuild.Step("npm ci").UsedCache, "npm ci ran again after a source edit.\n" + rebuild.Describe());
        Assert.False(rebuild.Step("npm run").UsedCache, "The client build came from the cache although a source changed.\n" + rebuild.Describe());
        Assert.True(rebuild.Step("dotnet restore").UsedCache, "A front-end edit ran the .NET restore again.\n" + rebuild.Describe());
        RunningContainer.AssertPortIsFree(8080);
        using var app = Engine.Start(rebuild.Tag);
        var (status, page) = app.WaitForHttp(8080, "/");
        Assert.True(status == HttpStatusCode.OK, $"HTTP {(int)status}: {page}\n{app.Output}");
        Assert.Contains(heading, page);
    }

    [SkippableFact]
    public void A_project_with_the_SPA_templates_npm_publish_target_builds_without_npm_in_the_dotnet_stage()
    {
        Engine.RequireOrSkip();
        // The React template's targets: with Node.js in the .NET stage they would run npm there. The SDK stand-in has none.
        const string templateTargets = """
            <Target Name="DebugEnsureNodeEnv" BeforeTargets="Build" Condition=" '$(Configuration)' == 'Debug' And !Exists('$(SpaRoot)node_modules') ">
              <Exec Command="node --version" />
              <Exec WorkingDirectory="$(SpaRoot)" Command="npm install" />
            </Target>
            <Target Name="PublishRunWebpack" AfterTargets="ComputeFilesToPublish">
              <Exec WorkingDirectory="$(SpaRoot)" Command="npm install" />
              <Exec WorkingDirectory="$(SpaRoot)" Command="npm run build" />
            </Target>
            """;
        var project = Projects.Web(properties: "<SpaRoot>ClientApp\\</SpaRoot>").Replace("</Project>", templateTargets + "\n</Project>");
        var repository = TestRepository.Create("realbuild-spa-template");
        repository.WriteProject("src/Web/Web.csproj", project, StaticFilesProgram)
            .WriteFile("src/Web/ClientApp/package.json", """{ "name": "client", "version": "2.0.0", "private": true, "scripts": { "build": "node build.mjs" } }""")
            .WriteFile("src/Web/ClientApp/package-lock.json", """{ "name": "client", "version": "2.0.0", "lockfileVersion": 3, "requires": true, "packages": { "": { "name": "client", "version": "2.0.0" } } }""")
            .WriteFile("src/Web/ClientApp/.npmrc", "fund=false\naudit=false\nupdate-notifier=false\n")
            .WriteFile("src/Web/ClientApp/.nvmrc", NodeMajorOfThisMachine() + "\n")
            .WriteFile("src/Web/ClientApp/build.mjs", """
                import { mkdir, writeFile } from "node:fs/promises";
                await mkdir("dist", { recursive: true });
                await writeFile("dist/index.html", `<!doctype html><title>template</title><p>Built by Node.js ${process.versions.node}</p>`);
                """);
        var generation = repository.Build("src/Web/Web.csproj", "-p:Configuration=Release");
        Assert.True(generation.Succeeded, generation.Output);

        var build = Engine.Build(repository.PathOf("src/Web/Dockerfile"), "spa-template", output);

        build.AssertSucceeded();
        Assert.Equal($"docker.io/library/node:{NodeMajorOfThisMachine()}-bookworm-slim", build.Dockerfile.Stage("client").BaseImage);
        Assert.Contains("-p:MultiStageSkipClientBuild=true", build.Step("dotnet publish").Instruction);
        RunningContainer.AssertPortIsFree(8080);
        using var app = Engine.Start(build.Tag);
        var (status, page) = app.WaitForHttp(8080, "/");
        output.WriteLine($"GET / -> {(int)status} {page}");
        Assert.True(status == HttpStatusCode.OK, $"HTTP {(int)status}: {page}\n{app.Output}");
        Assert.Contains($"Built by Node.js {NodeMajorOfThisMachine()}.", page);
    }

    private const string StaticFilesProgram = """
        var app = WebApplication.Create(args);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGet("/api/hello", () => "Hello from the API");
        app.Run();

        """;

    /// <summary>The Node.js major on this machine: a client pinned to it builds on a stand-in of the same version.</summary>
    private static string NodeMajorOfThisMachine()
    {
        var version = ProcessRunner.Run("node", new[] { "--version" }, Repository.RunFolder);
        Assert.True(version.Succeeded, "node --version failed: " + version.Output);
        return version.Output.Trim().TrimStart('v').Split('.')[0];
    }
}

/// <summary>samples/spa-api in a throwaway repository: generated and built with BuildKit on first use, shared by its tests.</summary>
public sealed class SpaApiImage : SharedImage
{
    private static readonly string[] NotCopied = { "bin", "obj", "node_modules", "dist", "wwwroot" };

    protected override string Name => "spa-api";

    protected override TestRepository CreateRepository()
    {
        var repository = TestRepository.Create("realbuild-spa-api");
        CopySample(Path.Combine(Repository.Samples, "spa-api"), repository.Root);
        return repository;
    }

    protected override ImageBuild Generate(TestRepository repository, ITestOutputHelper output, string name)
    {
        var generation = repository.Build("SpaApi.slnx");
        Assert.True(generation.Succeeded, generation.Output);
        var build = ContainerEngine.BuildKit.Build(repository.PathOf("Dockerfile"), name, output);
        output.WriteLine($"Client stage image: {build.Dockerfile.Stage("client").BaseImage} (a stand-in; see the stand-in's note above for the Node.js it carries).");
        return build;
    }

    /// <summary>The sample's sources; the repository's own global.json and NuGet.config stay (they name the packed SDK).</summary>
    private static void CopySample(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(source, file);
            var segments = relative.Split(Path.DirectorySeparatorChar);
            if (segments.Take(segments.Length - 1).Any(s => NotCopied.Contains(s, StringComparer.OrdinalIgnoreCase)))
            {
                continue;
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
