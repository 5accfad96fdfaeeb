using System.Text.Json;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// <c>--platform linux/arm64</c> on this amd64 machine: the SDK stage runs natively (FROM --platform=$BUILDPLATFORM)
/// and publishes for linux-arm64; the final image is arm64. Nothing arm64 can run here (no emulation), so the
/// checks read the files: the ELF machine of native files and the runtime target of the deps.json. On buildah: with
/// the classic image store, a Docker Engine cannot hold an arm64 stand-in beside the amd64 one of the same name.
/// </summary>
[Collection(BuildahRealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.Buildah)]
public class CrossArchitectureRealBuildTests
{
    private const string Platform = "linux/arm64";
    private readonly ITestOutputHelper output;

    public CrossArchitectureRealBuildTests(ITestOutputHelper output) => this.output = output;

    private static ContainerEngine Engine => ContainerEngine.Buildah;

    [SkippableFact]
    public void A_self_contained_app_gets_arm64_native_files_from_the_amd64_sdk_stage()
    {
        Engine.RequireOrSkip();
        var build = Build(
            "console-self-contained-arm64",
            Projects.Console(properties: "<SelfContained>true</SelfContained><InvariantGlobalization>true</InvariantGlobalization>"),
            RealBuildPrograms.Console("Hello from arm64"));

        Assert.Equal("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled", build.Dockerfile.FinalImage);
        var config = build.Inspect();
        Assert.Equal(new[] { "./App" }, config.Entrypoint);
        var (appHost, coreClr, runtimeTarget) = Engine.WithFileSystem(build.Tag, root => (
            RealBuild.ElfMachine(Path.Combine(root, "app", "App")),
            RealBuild.ElfMachine(Path.Combine(root, "app", "libcoreclr.so")),
            RuntimeTarget(Path.Combine(root, "app", "App.deps.json"))));
        output.WriteLine($"/app/App: ELF {appHost}; /app/libcoreclr.so: ELF {coreClr}; deps.json runtime target: {runtimeTarget}");
        Assert.Equal("AArch64", appHost);
        Assert.Equal("AArch64", coreClr);
        Assert.EndsWith("/linux-arm64", runtimeTarget);
        FinalImageChecks.AssertHoldsOnlyTheApp(build.ListFiles(), "/app", "App", "App.dll", "libcoreclr.so");
    }

    [SkippableFact]
    public void A_framework_dependent_web_app_is_published_for_linux_arm64()
    {
        Engine.RequireOrSkip();
        var build = Build("web-arm64", Projects.Web(properties: $"<ContainerBaseImage>{Arm64LabelledStandIn("mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra")}</ContainerBaseImage>"), Projects.WebProgram("Hello from arm64"));

        var config = build.Inspect();
        Assert.Equal(new[] { "dotnet", "App.dll" }, config.Entrypoint);
        Assert.Equal(new[] { "8080/tcp" }, config.ExposedPorts);
        var runtimeTarget = Engine.WithFileSystem(build.Tag, root => RuntimeTarget(Path.Combine(root, "app", "App.deps.json")));
        output.WriteLine($"deps.json runtime target: {runtimeTarget}");
        Assert.EndsWith("/linux-arm64", runtimeTarget);
        var files = build.ListFiles();
        FinalImageChecks.AssertHoldsOnlyTheApp(files, "/app", "App.dll", "App.deps.json", "App.runtimeconfig.json");
        Assert.DoesNotContain("/app/App", files);
    }

    private ImageBuild Build(string name, string project, string program)
    {
        var repository = TestRepository.Create("realbuild-" + name);
        repository.WriteProject("src/App/App.csproj", project, program);
        var generation = repository.Build("src/App/App.csproj");
        Assert.True(generation.Succeeded, generation.Output);

        // buildah 1.28 looks up every later stage's base image with the platform of a FROM --platform=... stage
        // (containers/buildah#4721), so the final stage finds this machine's amd64 stand-in; the image it
        // commits still carries the requested platform, and its files come from the cross-publishing SDK stage.
        var build = Engine.Build(repository.PathOf("src/App/Dockerfile"), name, output, new BuildOptions { Platform = Platform });

        build.AssertSucceeded();
        Assert.Equal("$BUILDPLATFORM", build.Dockerfile.Stage("build").Platform);
        FinalImageChecks.AssertNoRunInFinalStage(build.Dockerfile);
        Assert.Contains("linux-arm64", build.Step("dotnet publish").Instruction + build.Log);
        var config = build.Inspect();
        Assert.Equal("arm64", config.Architecture);
        FinalImageChecks.AssertRunsAsNonRoot(config);
        FinalImageChecks.AssertMatchesDockerfile(config, build.Dockerfile);
        output.WriteLine($"{build.Tag}: {config.Architecture}; arm64 binaries cannot run on this {RealBuild.MachineArchitecture} machine, so the files are checked instead.");
        return build;
    }

    /// <summary>
    /// A copy of the amd64 stand-in labelled arm64. The base stage comes first, before any FROM --platform=..., so
    /// buildah looks it up for the requested platform, as it should; this machine's stand-ins exist for amd64 only.
    /// </summary>
    private string Arm64LabelledStandIn(string image)
    {
        Engine.EnsureStandIns(new[] { image }, output);
        var name = $"{StandIns.TestImagePrefix}{image.Split('/').Last().Split(':')[0]}-arm64:{Path.GetFileName(Repository.RunFolder)}";
        var container = Buildah.Check("from", "--pull=never", image).Trim().Split('\n').Last().Trim();
        try
        {
            Buildah.Check("config", "--arch", "arm64", container);
            Buildah.Check("commit", container, name);
        }
        finally
        {
            Buildah.Run(TimeSpan.FromMinutes(1), "rm", container);
        }

        return name;
    }

    private static string RuntimeTarget(string depsJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(depsJson));
        return document.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString() ?? string.Empty;
    }
}
