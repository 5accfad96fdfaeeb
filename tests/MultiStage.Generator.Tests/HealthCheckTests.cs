using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Output;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>ContainerHealthCheck: an exec-form HEALTHCHECK on the SDK's probe, the same check in compose, Docker's format for OCI builders.</summary>
public class HealthCheckTests
{
    private static ProjectFacts WebWith(params HealthCheckItem[] checks) => Projects.Web("net10.0") with { HealthChecks = checks };

    private static HealthCheckItem Check(string path, string interval = "", string timeout = "", string startPeriod = "", string retries = "") =>
        new(path, interval, timeout, startPeriod, retries);


    [Fact]
    public void The_check_asks_the_app_on_its_port_with_the_probe_and_defaults_for_what_is_not_given()
    {
        var plan = Generate.Plan(WebWith(Check("/healthz")) with { Ports = new[] { new ContainerPort("5000", "") } });

        Assert.NotNull(plan.HealthCheck);
        Assert.Equal(new[] { "dotnet", "/healthprobe/MultiStage.HealthProbe.dll", "http://127.0.0.1:5000/healthz", "5" }, plan.HealthCheck!.Command);
        Assert.Equal("--interval=30s --timeout=5s --start-period=10s --retries=3", plan.HealthCheck.Options);
    }

    [Theory]
    [InlineData("500ms", "1")]
    [InlineData("2s", "2")]
    [InlineData("1m", "60")]
    public void The_probe_gives_up_within_the_check_timeout(string timeout, string probeSeconds)
    {
        var plan = Generate.Plan(WebWith(Check("/healthz", timeout: timeout)));

        Assert.Equal(probeSeconds, plan.HealthCheck!.Command[^1]);
        Assert.Contains($"--timeout={timeout} ", plan.HealthCheck.Options);
    }

    [Fact]
    public void A_native_AOT_app_runs_a_native_probe_and_the_build_stage_publishes_it_for_the_app_runtime()
    {
        var generated = Generate.Dockerfile(WebWith(Check("/health")) with { PublishAot = true });

        Assert.False(generated.HasErrors, string.Join("\n", generated.Diagnostics));
        Assert.Equal("/healthprobe/MultiStage.HealthProbe", generated.Plan!.HealthCheck!.Command[0]);
        Assert.Contains("-t:MultiStagePublishHealthProbe", generated.Text);
        Assert.Contains("-p:RuntimeIdentifier=\"linux-$(echo \"$TARGETARCH\" | sed 's/^amd64$/x64/')\"", generated.Text);
    }

    [Fact]
    public void Without_a_check_nothing_of_the_probe_is_written()
    {
        var text = Generate.Dockerfile(Projects.Web("net10.0")).Text!;

        Assert.DoesNotContain("HEALTHCHECK", text);
        Assert.DoesNotContain("healthprobe", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_probe_is_copied_before_the_app_and_the_check_is_in_the_final_stage_only()
    {
        var text = Generate.Dockerfile(WebWith(Check("/healthz"))).Text!;
        var final = text[text.IndexOf("AS final", StringComparison.Ordinal)..];

        Assert.DoesNotContain("HEALTHCHECK", text[..text.IndexOf("AS final", StringComparison.Ordinal)]);
        Assert.Contains("HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD [\"dotnet\", \"/healthprobe/MultiStage.HealthProbe.dll\", \"http://127.0.0.1:8080/healthz\", \"5\"]", final);
        Assert.True(final.IndexOf("COPY --from=build /app/healthprobe/ /healthprobe/", StringComparison.Ordinal) < final.IndexOf("COPY --from=build /app/layers/app/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("healthz", "MULTISTAGE1051")]
    [InlineData("/health z", "MULTISTAGE1051")]
    [InlineData("/health\"", "MULTISTAGE1051")]
    [InlineData("http://localhost/healthz", "MULTISTAGE1051")]
    public void A_path_that_is_not_one_is_refused(string path, string code)
    {
        Assert.Contains(code, Generate.Codes(WebWith(Check(path))));
    }

    [Theory]
    [InlineData("Interval", "30")]
    [InlineData("Interval", "thirty seconds")]
    [InlineData("Timeout", "5 s")]
    [InlineData("StartPeriod", "-1s")]
    [InlineData("Retries", "0")]
    [InlineData("Retries", "three")]
    public void A_timing_value_docker_would_refuse_is_refused(string name, string value)
    {
        var check = name switch
        {
            "Interval" => Check("/healthz", interval: value),
            "Timeout" => Check("/healthz", timeout: value),
            "StartPeriod" => Check("/healthz", startPeriod: value),
            _ => Check("/healthz", retries: value),
        };

        var diagnostic = Assert.Single(Generate.Dockerfile(WebWith(check)).Diagnostics, d => d.Code == "MULTISTAGE1052");
        Assert.Contains($"{name} '{value}'", diagnostic.Message);
    }

    [Fact]
    public void Two_checks_a_check_without_a_port_and_a_self_contained_app_are_refused()
    {
        Assert.Contains("MULTISTAGE1050", Generate.Codes(WebWith(Check("/a"), Check("/b"))));
        Assert.Contains("MULTISTAGE1053", Generate.Codes(Projects.Console("net10.0") with { HealthChecks = new[] { Check("/healthz") } }));
        Assert.Contains("MULTISTAGE1054", Generate.Codes(WebWith(Check("/healthz")) with { SelfContained = true }));
        Assert.DoesNotContain("MULTISTAGE1054", Generate.Codes(WebWith(Check("/healthz")) with { SelfContained = true, PublishAot = true }));
    }

    [Fact]
    public void Compose_runs_the_same_check()
    {
        var text = ComposeWriter.Write(null, ComposeService.From(Generate.Plan(WebWith(Check("/healthz", interval: "15s", retries: "2")))), _ => true);

        Assert.Contains(
            "    healthcheck:\n      test: [\"CMD\", \"dotnet\", \"/healthprobe/MultiStage.HealthProbe.dll\", \"http://127.0.0.1:8080/healthz\", \"5\"]\n"
            + "      interval: 15s\n      timeout: 5s\n      start_period: 10s\n      retries: 2\n",
            text);
    }

    [Theory]
    [InlineData("buildah", true)]
    [InlineData("podman", true)]
    [InlineData("docker", false)]
    public void Builders_that_write_OCI_images_are_asked_for_docker_format_when_there_is_a_check(string builderName, bool expectsFormat)
    {
        var builder = ContainerBuilderCommands.Parse(builderName)!.Value;
        var request = new ImageBuildRequest("/repo/Dockerfile", "/repo", new[] { "app:latest" }, Array.Empty<string>(), Array.Empty<BuildSecret>(), Array.Empty<NameValue>(), Array.Empty<string>(), DockerFormat: true);

        var arguments = string.Join(" ", ContainerBuilderCommands.Build(builder, DockerBuildKit.BuiltIn, request));
        var without = string.Join(" ", ContainerBuilderCommands.Build(builder, DockerBuildKit.BuiltIn, request with { DockerFormat = false }));

        Assert.Equal(expectsFormat, arguments.Contains("--format docker", StringComparison.Ordinal));
        Assert.DoesNotContain("--format", without);
    }

    [Fact]
    public void The_image_targets_know_from_the_saved_state_that_the_image_needs_docker_format()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("obj/App.multistage.image.json");

        ImageBuildState.From("/repo/App/Dockerfile", Generate.Plan(WebWith(Check("/healthz"))), "/repo").Save(path);
        var withCheck = ImageBuildState.Load(path);
        ImageBuildState.From("/repo/App/Dockerfile", Generate.Plan(Projects.Web("net10.0")), "/repo").Save(path);
        var without = ImageBuildState.Load(path);

        Assert.True(withCheck!.DockerFormat);
        Assert.False(without!.DockerFormat);
    }
}
