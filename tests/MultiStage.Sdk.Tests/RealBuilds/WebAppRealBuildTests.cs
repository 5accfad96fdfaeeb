using System.Net;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// A net10.0 web app, built once by <see cref="WebAppImage"/> and checked from every side: HTTP on the exposed
/// port, user, entry point, the files of the final image; then rebuilt after a source edit (the restore layer
/// comes from the cache) and after a new PackageReference (restore runs again).
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
public class WebAppRealBuildTests : IClassFixture<WebAppImage>
{
    private const string RestoreStep = "dotnet restore";
    private const string PublishStep = "dotnet publish";
    private readonly WebAppImage web;
    private readonly ITestOutputHelper output;

    public WebAppRealBuildTests(WebAppImage web, ITestOutputHelper output)
    {
        this.web = web;
        this.output = output;
    }

    [SkippableFact]
    public void The_app_answers_HTTP_on_the_port_the_Dockerfile_exposes()
    {
        Buildah.RequireOrSkip();
        var build = web.FirstBuild(output);

        Assert.Contains("EXPOSE 8080\n", build.Dockerfile.Text);
        Assert.Equal(new[] { "8080/tcp" }, RealBuild.Inspect(build.Tag).ExposedPorts);
        AssertAnswers(build.Tag, 8080, WebAppImage.Greeting);
    }

    [SkippableFact]
    public void The_final_image_runs_as_the_app_user_with_the_project_entry_point()
    {
        Buildah.RequireOrSkip();
        var build = web.FirstBuild(output);

        var config = RealBuild.Inspect(build.Tag);

        FinalImageChecks.AssertRunsAsNonRoot(config);
        FinalImageChecks.AssertMatchesDockerfile(config, build.Dockerfile);
        Assert.Equal(new[] { "dotnet", "App.dll" }, config.Entrypoint);
        Assert.Empty(config.Cmd);
        Assert.Equal("/app", config.WorkingDir);
        Assert.Equal(RealBuild.MachineArchitecture, config.Architecture);
    }

    [SkippableFact]
    public void The_final_image_holds_the_published_app_and_nothing_of_the_build()
    {
        Buildah.RequireOrSkip();
        var build = web.FirstBuild(output);

        var files = RealBuild.ListFiles(build.Tag);

        FinalImageChecks.AssertHoldsOnlyTheApp(files, "/app", "App.dll", "App.deps.json", "App.runtimeconfig.json");
        // Framework-dependent with UseAppHost=false: the dll is the app, no native launcher beside it.
        Assert.DoesNotContain("/app/App", files);
        // The runtime comes from the base image; the SDK never does.
        Assert.Contains(files, f => f.StartsWith("/usr/share/dotnet/shared/Microsoft.AspNetCore.App/", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_chiseled_final_stage_has_no_RUN()
    {
        Buildah.RequireOrSkip();
        var build = web.FirstBuild(output);

        Assert.Contains("chiseled", build.Dockerfile.FinalStage.BaseImage);
        FinalImageChecks.AssertNoRunInFinalStage(build.Dockerfile);
        Assert.DoesNotContain(RealBuild.ListFiles(build.Tag), f => f is "/bin/sh" or "/usr/bin/sh" or "/usr/bin/bash" or "/usr/bin/dash");
    }

    [SkippableFact]
    public void A_source_edit_reuses_the_restore_layer_and_reaches_the_app()
    {
        Buildah.RequireOrSkip();
        web.FirstBuild(output);
        const string edited = "Hello from the edited web app";

        var rebuild = web.Rebuild(output, "source-edit", repository => repository.WriteFile("src/App/Program.cs", Projects.WebProgram(edited)));

        Assert.True(rebuild.Step(RestoreStep).UsedCache, "The restore step ran again after a source edit.\n" + rebuild.Describe());
        Assert.False(rebuild.Step("COPY . .").UsedCache, "The sources layer came from the cache although a source changed.\n" + rebuild.Describe());
        Assert.False(rebuild.Step(PublishStep).UsedCache, "Publish came from the cache although a source changed.\n" + rebuild.Describe());
        AssertAnswers(rebuild.Tag, 8080, edited);
    }

    [SkippableFact]
    public void A_new_package_reference_runs_restore_again()
    {
        Buildah.RequireOrSkip();
        web.FirstBuild(output);
        const string greeting = "Hello from the web app with a package";

        var rebuild = web.Rebuild(output, "package-reference", repository => repository
            .WriteFile("src/App/App.csproj", Projects.Web(items: "<PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.3\" />"))
            .WriteFile("src/App/Program.cs", RealBuildPrograms.WebWithPackage(greeting)));

        Assert.False(rebuild.Step(RestoreStep).UsedCache, "The restore step came from the cache after a PackageReference was added.\n" + rebuild.Describe());
        Assert.Contains("/app/Newtonsoft.Json.dll", RealBuild.ListFiles(rebuild.Tag));
        AssertAnswers(rebuild.Tag, 8080, $"{{\"greeting\":\"{greeting}\"}}");
    }

    private void AssertAnswers(string image, int port, string expectedBody)
    {
        RunningContainer.AssertPortIsFree(port);
        using var app = RunningContainer.Start(image);
        var (status, body) = app.WaitForHttp(port);
        output.WriteLine($"GET http://127.0.0.1:{port}/ -> {(int)status} {body}");
        Assert.True(status == HttpStatusCode.OK, $"HTTP {(int)status}: {body}\n{app.Output}");
        Assert.Equal(expectedBody, body);
    }
}

/// <summary>The web app of <see cref="WebAppRealBuildTests"/>: generated and built on first use, shared by its tests.</summary>
public sealed class WebAppImage : SharedImage
{
    public const string Greeting = "Hello from the web app";

    protected override string Name => "web-net10.0";

    protected override TestRepository CreateRepository() =>
        TestRepository.Create("realbuild-web-net10.0").WriteProject("src/App/App.csproj", Projects.Web(), Projects.WebProgram(Greeting));

    protected override ImageBuild Generate(TestRepository repository, ITestOutputHelper output, string name)
    {
        var generation = repository.Build("src/App/App.csproj");
        Assert.True(generation.Succeeded, generation.Output);
        return RealBuild.Build(repository.PathOf("src/App/Dockerfile"), name, output);
    }
}
