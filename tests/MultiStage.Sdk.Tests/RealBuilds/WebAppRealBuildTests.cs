using System.Net;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// A net10.0 web app built with Docker Engine's BuildKit (the engine users run) on the registry-less test engine,
/// built once by <see cref="WebAppImage"/> and checked from every side: HTTP on the exposed port, user, entry point,
/// the files of the final image; then rebuilt after a source edit (the restore layer comes from the cache) and
/// after a new PackageReference (restore runs again). <see cref="BuildahRealBuildTests"/> builds the same app with buildah.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public class WebAppRealBuildTests : IClassFixture<WebAppImage>
{
    internal const string RestoreStep = "dotnet restore";
    internal const string PublishStep = "dotnet publish";
    private readonly WebAppImage web;
    private readonly ITestOutputHelper output;

    public WebAppRealBuildTests(WebAppImage web, ITestOutputHelper output)
    {
        this.web = web;
        this.output = output;
    }

    private static ContainerEngine Engine => ContainerEngine.BuildKit;

    [SkippableFact]
    public void The_app_answers_HTTP_on_the_port_the_Dockerfile_exposes()
    {
        Engine.RequireOrSkip();
        var build = web.FirstBuild(output);

        Assert.Contains("EXPOSE 8080\n", build.Dockerfile.Text);
        Assert.Equal(new[] { "8080/tcp" }, build.Inspect().ExposedPorts);
        AssertAnswers(build, 8080, WebAppImage.Greeting, output);
    }

    [SkippableFact]
    public void The_final_image_runs_as_the_app_user_with_the_project_entry_point()
    {
        Engine.RequireOrSkip();
        var build = web.FirstBuild(output);

        var config = build.Inspect();

        FinalImageChecks.AssertRunsAsNonRoot(config);
        FinalImageChecks.AssertMatchesDockerfile(config, build.Dockerfile);
        Assert.Equal(new[] { "dotnet", "App.dll" }, config.Entrypoint);
        Assert.Empty(config.Cmd);
        Assert.Equal("/app", config.WorkingDir);
        Assert.Equal(RealBuild.MachineArchitecture, config.Architecture);
        // The stand-in's labels come along: a test image says it stands on a stand-in.
        Assert.Contains("not the official image", config.Labels["io.github.multistage-sdk.standin.note"]);
    }

    [SkippableFact]
    public void The_final_image_holds_the_published_app_and_nothing_of_the_build()
    {
        Engine.RequireOrSkip();
        var build = web.FirstBuild(output);

        var files = build.ListFiles();

        FinalImageChecks.AssertHoldsOnlyTheApp(files, "/app", "App.dll", "App.deps.json", "App.runtimeconfig.json");
        // Framework-dependent with UseAppHost=false: the dll is the app, no native launcher beside it.
        Assert.DoesNotContain("/app/App", files);
        // The runtime comes from the base image; the SDK never does.
        Assert.Contains(files, f => f.StartsWith("/usr/share/dotnet/shared/Microsoft.AspNetCore.App/", StringComparison.Ordinal));
        // The final stage's history: the base image's, then WORKDIR, EXPOSE, the COPY of the published app, USER, ENTRYPOINT.
        var history = Engine.History(build.Tag);
        output.WriteLine("History:\n  " + string.Join("\n  ", history));
        Assert.DoesNotContain(history, h => h.Contains("dotnet restore", StringComparison.Ordinal) || h.Contains("dotnet publish", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_chiseled_final_stage_has_no_RUN()
    {
        Engine.RequireOrSkip();
        var build = web.FirstBuild(output);

        Assert.Contains("chiseled", build.Dockerfile.FinalImage);
        FinalImageChecks.AssertNoRunInFinalStage(build.Dockerfile);
        Assert.DoesNotContain(build.ListFiles(), f => f is "/bin/sh" or "/usr/bin/sh" or "/usr/bin/bash" or "/usr/bin/dash");
    }

    [SkippableFact]
    public void A_source_edit_reuses_the_restore_layer_and_reaches_the_app()
    {
        Engine.RequireOrSkip();
        web.FirstBuild(output);

        var rebuild = web.RebuildAfterSourceEdit(output);

        AssertSourceEditRebuild(rebuild, output);
    }

    [SkippableFact]
    public void A_new_package_reference_runs_restore_again()
    {
        Engine.RequireOrSkip();
        web.FirstBuild(output);
        const string greeting = "Hello from the web app with a package";

        var rebuild = web.Rebuild(output, "package-reference", repository => repository
            .WriteFile("src/App/App.csproj", Projects.Web(items: "<PackageReference Include=\"Newtonsoft.Json\" Version=\"13.0.3\" />"))
            .WriteFile("src/App/Program.cs", RealBuildPrograms.WebWithPackage(greeting)));

        Assert.False(rebuild.Step(RestoreStep).UsedCache, "The restore step came from the cache after a PackageReference was added.\n" + rebuild.Describe());
        Assert.Contains("/app/Newtonsoft.Json.dll", rebuild.ListFiles());
        AssertAnswers(rebuild, 8080, $"{{\"greeting\":\"{greeting}\"}}", output);
    }

    /// <summary>After a source edit: restore from the cache (the builder's log says so), sources and publish afresh, the edit served.</summary>
    internal static void AssertSourceEditRebuild(ImageBuild rebuild, ITestOutputHelper output)
    {
        var cached = rebuild.Engine is DockerEngine ? "CACHED" : "Using cache";
        output.WriteLine($"Steps of the rebuild ({rebuild.Engine.BuildCommand}):\n  " + string.Join("\n  ", rebuild.Steps.Select(s => $"{(s.UsedCache ? cached : "ran")}: {s.Instruction}")));
        Assert.True(rebuild.Step(RestoreStep).UsedCache, $"The restore step ran again after a source edit (the log does not say {cached} for it).\n" + rebuild.Describe());
        Assert.False(rebuild.Step("COPY . .").UsedCache, "The sources layer came from the cache although a source changed.\n" + rebuild.Describe());
        Assert.False(rebuild.Step(PublishStep).UsedCache, "Publish came from the cache although a source changed.\n" + rebuild.Describe());
        AssertAnswers(rebuild, 8080, WebAppImage.EditedGreeting, output);
    }

    internal static void AssertAnswers(ImageBuild build, int port, string expectedBody, ITestOutputHelper output)
    {
        RunningContainer.AssertPortIsFree(port);
        using var app = build.Engine.Start(build.Tag);
        var (status, body) = app.WaitForHttp(port);
        output.WriteLine($"{app.Describe()}: GET http://127.0.0.1:{port}/ -> {(int)status} {body}");
        Assert.True(status == HttpStatusCode.OK, $"HTTP {(int)status}: {body}\n{app.Output}");
        Assert.Equal(expectedBody, body);
    }
}

/// <summary>The web app of <see cref="WebAppRealBuildTests"/>: generated and built with BuildKit on first use, shared by its tests.</summary>
public class WebAppImage : SharedImage
{
    public const string Greeting = "Hello from the web app";
    public const string EditedGreeting = "Hello from the edited web app";

    protected virtual ContainerEngine Engine => ContainerEngine.BuildKit;

    protected override string Name => "web-net10.0";

    /// <summary>Rebuilds after a one-line edit of Program.cs.</summary>
    public ImageBuild RebuildAfterSourceEdit(ITestOutputHelper output) =>
        Rebuild(output, "source-edit", repository => repository.WriteFile("src/App/Program.cs", Projects.WebProgram(EditedGreeting)));

    protected override TestRepository CreateRepository() =>
        TestRepository.Create("realbuild-" + Name).WriteProject("src/App/App.csproj", Projects.Web(), Projects.WebProgram(Greeting));

    protected override ImageBuild Generate(TestRepository repository, ITestOutputHelper output, string name)
    {
        var generation = repository.Build("src/App/App.csproj");
        Assert.True(generation.Succeeded, generation.Output);
        return Engine.Build(repository.PathOf("src/App/Dockerfile"), name, output);
    }
}

/// <summary>The same web app built with buildah, for <see cref="BuildahRealBuildTests"/>.</summary>
public sealed class BuildahWebAppImage : WebAppImage
{
    protected override ContainerEngine Engine => ContainerEngine.Buildah;

    protected override string Name => "buildah-web-net10.0";
}
