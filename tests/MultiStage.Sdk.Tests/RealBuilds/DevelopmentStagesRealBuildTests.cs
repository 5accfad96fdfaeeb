using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The debug and dev stages for real on Docker Engine's BuildKit, one build each: the debug image serves the app
/// and the diagnostic tools work against it from docker exec; the dev stage serves the sources the host mounts
/// and an edit on the host shows in the next answer without a rebuild.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public class DevelopmentStagesRealBuildTests
{
    private readonly ITestOutputHelper output;

    public DevelopmentStagesRealBuildTests(ITestOutputHelper output) => this.output = output;

    private static DockerEngine Engine => (DockerEngine)ContainerEngine.BuildKit;

    [SkippableFact]
    public void The_debug_image_runs_the_app_and_the_diagnostic_tools_see_it_and_dump_it()
    {
        Engine.RequireOrSkip();
        var repository = TestRepository.Create("realbuild-debug-stage");
        repository.WriteProject("src/App/App.csproj", Projects.Web(properties: "<MultiStageDebugStage>true</MultiStageDebugStage>"), Projects.WebProgram("debugging"));
        var generation = repository.Build("src/App/App.csproj");
        Assert.True(generation.Succeeded, generation.Output);

        var build = Engine.Build(repository.PathOf("src/App/Dockerfile"), "debug-stage", output, new BuildOptions { Target = "debug" });
        build.AssertSucceeded();
        Assert.Contains(build.Dockerfile.Text.Split('\n'), l => l == "FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS debug");

        RunningContainer.AssertPortIsFree(8080);
        using var app = Engine.Start(build.Tag);
        var (status, body) = app.WaitForHttp(8080);
        Assert.True(status == HttpStatusCode.OK && body == "debugging", $"HTTP {(int)status}: {body}\n{app.Output}");

        Assert.Equal("1654", Exec(app, "id", "-u").Trim());
        var processes = Exec(app, "dotnet-counters", "ps");
        var line = processes.Split('\n').FirstOrDefault(l => l.Contains("dotnet", StringComparison.Ordinal) && Regex.IsMatch(l, @"^\s*\d+\s"));
        Assert.True(line is not null, "dotnet-counters ps lists no dotnet process:\n" + processes);
        var pid = Regex.Match(line!, @"\d+").Value;
        var dump = Exec(app, "dotnet-dump", "collect", "-p", pid, "-o", "/tmp/app.dmp");
        Assert.Contains("Complete", dump);
        var size = long.Parse(Exec(app, "sh", "-c", "stat -c %s /tmp/app.dmp").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        output.WriteLine($"dump: {size:N0} bytes");
        Assert.True(size > 1_000_000, $"the dump has {size} bytes");
        foreach (var tool in new[] { "dotnet-trace", "dotnet-gcdump" })
        {
            Assert.Contains("Usage", Exec(app, tool, "--help"));
        }
    }

    [SkippableFact]
    public void The_dev_stage_serves_an_edit_on_the_host_without_a_rebuild()
    {
        Engine.RequireOrSkip();
        var repository = TestRepository.Create("realbuild-dev-stage");
        repository.WriteProject("src/App/App.csproj", Projects.Web(properties: "<MultiStageDevStage>true</MultiStageDevStage>"), Projects.WebProgram("before the edit"));
        var generation = repository.Build("src/App/App.csproj");
        Assert.True(generation.Succeeded, generation.Output);

        var build = Engine.Build(repository.PathOf("src/App/Dockerfile"), "dev-stage", output, new BuildOptions { Target = "dev" });
        build.AssertSucceeded();

        // As the compose service runs it: the context root at /src, and the projects' bin/ and obj/ volumes of their own.
        RunningContainer.AssertPortIsFree(8080);
        using var app = Engine.StartWith(build.Tag, new[] { "--volume", repository.Root + ":/src", "--volume", "/src/src/App/bin", "--volume", "/src/src/App/obj" });
        var (status, body) = app.WaitForHttp(8080, timeout: TimeSpan.FromMinutes(4));
        Assert.True(status == HttpStatusCode.OK && body == "before the edit", $"HTTP {(int)status}: {body}\n{app.Output}");

        var program = repository.PathOf("src/App/Program.cs");
        File.WriteAllText(program, File.ReadAllText(program).Replace("before the edit", "after the edit"));
        var stopwatch = Stopwatch.StartNew();
        var latest = body;
        while (stopwatch.Elapsed < TimeSpan.FromMinutes(2) && latest != "after the edit")
        {
            Thread.Sleep(1000);
            latest = app.WaitForHttp(8080, timeout: TimeSpan.FromSeconds(60)).Body;
        }

        output.WriteLine($"The edit showed after {stopwatch.Elapsed.TotalSeconds:0} s.");
        Assert.True(latest == "after the edit", $"still '{latest}' after {stopwatch.Elapsed.TotalSeconds:0} s:\n{app.Output}");
        Assert.Equal(0, Exec(app, "sh", "-c", "test -f /src/src/App/obj/project.assets.json && echo ok").Trim() == "ok" ? 0 : 1);
    }

    private string Exec(RunningContainer container, params string[] command)
    {
        var result = Docker.Run(TimeSpan.FromMinutes(3), new[] { "exec", container.ContainerName! }.Concat(command).ToArray());
        output.WriteLine($"docker exec {string.Join(' ', command)}: exit code {result.ExitCode}\n{result.Output.Trim()}");
        Assert.True(result.Succeeded, $"docker exec {string.Join(' ', command)} failed ({result.ExitCode}):\n{result.Output}");
        return result.Output;
    }
}
