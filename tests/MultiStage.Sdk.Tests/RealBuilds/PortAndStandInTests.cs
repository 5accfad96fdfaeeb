using System.Net;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// On BuildKit (the registry-less test engine): a web app on a port other than 8080, on the invariant (ICU-less)
/// chiseled image; and the stand-ins' own fidelity (also on buildah, in <see cref="BuildahRealBuildTests"/>).
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public class PortAndStandInTests
{
    private readonly ITestOutputHelper output;

    public PortAndStandInTests(ITestOutputHelper output) => this.output = output;

    private static ContainerEngine Engine => ContainerEngine.BuildKit;

    [SkippableFact]
    public void A_web_app_with_ContainerPort_5000_is_served_on_5000()
    {
        Engine.RequireOrSkip();
        const string greeting = "Hello from port 5000";
        var repository = TestRepository.Create("realbuild-web-port-5000");
        repository.WriteProject(
            "src/App/App.csproj",
            Projects.Web(properties: "<InvariantGlobalization>true</InvariantGlobalization>", items: "<ContainerPort Include=\"5000\" Type=\"tcp\" />"),
            Projects.WebProgram(greeting));
        var generation = repository.Build("src/App/App.csproj");
        Assert.True(generation.Succeeded, generation.Output);

        var build = Engine.Build(repository.PathOf("src/App/Dockerfile"), "web-port-5000", output);

        build.AssertSucceeded();
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", build.Dockerfile.FinalImage);
        FinalImageChecks.AssertNoRunInFinalStage(build.Dockerfile);
        var config = build.Inspect();
        Assert.Equal(new[] { "5000/tcp" }, config.ExposedPorts);
        Assert.Equal("5000", config.Environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("true", config.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"]);
        FinalImageChecks.AssertRunsAsNonRoot(config);
        FinalImageChecks.AssertMatchesDockerfile(config, build.Dockerfile);
        var files = build.ListFiles();
        Assert.DoesNotContain(files, f => Path.GetFileName(f).StartsWith("libicu", StringComparison.Ordinal) && Path.GetFileName(f).Contains(".so", StringComparison.Ordinal));

        RunningContainer.AssertPortIsFree(5000);
        using var app = Engine.Start(build.Tag);
        var (status, body) = app.WaitForHttp(5000);
        output.WriteLine($"GET http://127.0.0.1:5000/ -> {(int)status} {body}");
        Assert.True(status == HttpStatusCode.OK, $"HTTP {(int)status}: {body}\n{app.Output}");
        Assert.Equal(greeting, body);
        Assert.Contains("Now listening on: http://[::]:5000", app.Output);
    }

    /// <summary>Why a RUN in a chiseled final stage would be a real failure: the shell-less stand-in fails it as the real image does.</summary>
    [SkippableFact]
    public void A_RUN_on_a_chiseled_stand_in_fails_for_want_of_a_shell()
    {
        Engine.RequireOrSkip();
        AssertRunOnChiseledFails(Engine, output);
    }

    internal static void AssertRunOnChiseledFails(ContainerEngine engine, ITestOutputHelper output)
    {
        var folder = Path.Combine(Repository.RunFolder, "cases", "realbuild-run-on-chiseled-" + engine.Name.ToLowerInvariant());
        Directory.CreateDirectory(folder);
        var dockerfile = Path.Combine(folder, "Dockerfile");
        File.WriteAllText(dockerfile,
            "# Build from this folder: docker build -f Dockerfile -t chiseled-run .\n"
            + "FROM mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra AS final\n"
            + "RUN echo this needs a shell\n");

        var build = engine.Build(dockerfile, "chiseled-run", output);

        Assert.False(build.Succeeded, "A RUN on the chiseled stand-in succeeded: it has a shell.\n" + build.Describe());
        Assert.Contains("RUN echo this needs a shell", build.FailedStep?.Instruction);
        Assert.Contains("/bin/sh", build.Log);
    }
}
