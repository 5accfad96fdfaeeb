using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// ContainerHealthCheck for real on Docker Engine's BuildKit: a web app on the chiseled image (no shell, no curl)
/// reports healthy, then unhealthy once the app says so, as docker inspect shows it. The Native AOT probe on
/// chiseled runtime-deps runs in the aot-service sample (<see cref="SampleRealBuildTests"/>), which must report healthy.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public class HealthCheckRealBuildTests
{
    // /healthz answers 200 until /break is asked, then 503.
    private const string Program = """
        var healthy = true;
        var app = WebApplication.Create(args);
        app.MapGet("/", () => "up");
        app.MapGet("/healthz", () => healthy ? Results.Text("healthy") : Results.StatusCode(503));
        app.MapGet("/break", () => { healthy = false; return "broken"; });
        app.Run();

        """;

    private const string HealthCheckItem = """<ContainerHealthCheck Include="/healthz" Interval="1s" Timeout="2s" StartPeriod="1s" Retries="2" />""";

    private readonly ITestOutputHelper output;

    public HealthCheckRealBuildTests(ITestOutputHelper output) => this.output = output;

    private static ContainerEngine Engine => ContainerEngine.BuildKit;

    [SkippableFact]
    public void A_chiseled_image_reports_healthy_and_then_unhealthy()
    {
        Engine.RequireOrSkip();
        var build = Build("realbuild-health-chiseled", Projects.Web(items: HealthCheckItem));

        Assert.Contains("chiseled", build.Dockerfile.FinalImage);
        Assert.DoesNotContain(build.ListFiles(), f => f is "/bin/sh" or "/usr/bin/curl" or "/usr/bin/wget");
        AssertReportsHealthThenUnhealth(build);
    }

    private ImageBuild Build(string name, string project)
    {
        var repository = TestRepository.Create(name);
        repository.WriteProject("src/App/App.csproj", project, Program);
        var generation = repository.Build("src/App/App.csproj");
        Assert.True(generation.Succeeded, generation.Output);

        var build = Engine.Build(repository.PathOf("src/App/Dockerfile"), name, output);
        build.AssertSucceeded();
        var check = build.Inspect().HealthCheck;
        output.WriteLine("Healthcheck: " + string.Join(" ", check));
        Assert.Equal("CMD", check.FirstOrDefault());
        Assert.Contains("http://127.0.0.1:8080/healthz", check);
        return build;
    }

    private void AssertReportsHealthThenUnhealth(ImageBuild build)
    {
        RunningContainer.AssertPortIsFree(8080);
        using var app = Engine.Start(build.Tag);
        var (status, body) = app.WaitForHttp(8080);
        Assert.True(status == System.Net.HttpStatusCode.OK, $"HTTP {(int)status}: {body}\n{app.Output}");

        Assert.Equal("healthy", HealthStatus.WaitFor(app, "healthy", TimeSpan.FromSeconds(60), output));
        var (breakStatus, _) = app.WaitForHttp(8080, "/break");
        Assert.Equal(System.Net.HttpStatusCode.OK, breakStatus);
        Assert.Equal("unhealthy", HealthStatus.WaitFor(app, "unhealthy", TimeSpan.FromSeconds(60), output));
    }
}
