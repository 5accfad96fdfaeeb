using System.Net;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The customization items for real on Docker Engine's BuildKit, each seen from inside the running app: an OS
/// package's font file on a chiseled and on a Debian image (and on chiseled, Trivy listing the packages it came with), a copied agent folder the app's user owns next to a
/// root-owned one it cannot write, writable folders the app's user owns (and nothing else it owns: no system
/// folder), a fragment's instruction, APP_UID set to root by an item and a fragment that leaves the app's user
/// alone (USER is the number, no variable); the customization's layers reused and the app's layer last after an
/// edit to the app; and restore through a TLS-inspecting proxy with nothing but the proxy's certificate given as a
/// MultiStageCaCertificate.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public class CustomizationRealBuildTests
{
    private const string Font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private const string Items = """
        <MultiStageOsPackage Include="fonts-dejavu-core" />
        <MultiStageOsPackage Include="fontconfig" />
        <MultiStageImageFile Include="../../agent" Destination="/opt/agent" Owner="app" />
        <MultiStageImageFile Include="../../readonly" Destination="/opt/readonly" />
        <MultiStageWritableFolder Include="keys" />
        <MultiStageWritableFolder Include="/var/lib/app-state" />
        <ContainerEnvironmentVariable Include="APP_UID" Value="0" />
        <MultiStageDockerfileFragment Include="../../docker/fragment.dockerfile" Point="BeforeAppCopy" />
        """;

    private readonly ITestOutputHelper output;

    public CustomizationRealBuildTests(ITestOutputHelper output) => this.output = output;

    private static ContainerEngine Engine => ContainerEngine.BuildKit;

    /// <summary>What the app sees, one "name=value" line each.</summary>
    private static string Program(string greeting) => $$"""
        var app = WebApplication.Create(args);
        app.MapGet("/", () => "{{greeting}}");
        app.MapGet("/checks", () =>
        {
            static string Write(string folder)
            {
                try { File.WriteAllText(Path.Combine(folder, "written.txt"), "x"); return "writable"; }
                catch (Exception e) { return e.GetType().Name; }
            }

            return string.Join("\n", new[]
            {
                "font=" + File.Exists("{{Font}}"),
                "agent=" + File.Exists("/opt/agent/agent.txt"),
                "agent-folder=" + Write("/opt/agent"),
                "readonly-folder=" + Write("/opt/readonly"),
                "keys-folder=" + Write("/app/keys"),
                "state-folder=" + Write("/var/lib/app-state"),
                "etc-folder=" + Write("/etc"),
                "fragment=" + Environment.GetEnvironmentVariable("FRAGMENT_VALUE"),
                "uid=" + File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[2],
            });
        });
        app.Run();

        """;

    [SkippableFact]
    public void Every_item_shows_in_the_running_app_on_chiseled_and_on_Debian_and_an_app_edit_reuses_them()
    {
        Engine.RequireOrSkip();
        var repository = TestRepository.Create("realbuild-customization")
            .WriteFile("agent/agent.txt", "agent\n")
            .WriteFile("readonly/readme.txt", "root's\n")
            .WriteFile("docker/fragment.dockerfile", "ENV FRAGMENT_VALUE=from-fragment\nENV APP_UID=0\n")
            .WriteProject("src/Chiseled/Chiseled.csproj", Projects.Web("net10.0", items: Items), Program("chiseled"))
            .WriteProject("src/Debian/Debian.csproj", Projects.Web("net8.0", items: Items), Program("debian"));
        foreach (var project in new[] { "src/Chiseled/Chiseled.csproj", "src/Debian/Debian.csproj" })
        {
            // APP_UID set to root, as an item and in the fragment: warned, and the image still runs as the app user.
            var generation = repository.Build(project);
            Assert.True(generation.Succeeded, generation.Output);
            Assert.Equal(new[] { "MULTISTAGE1017" }, generation.WarningCodes);
        }

        var chiseled = Engine.Build(repository.PathOf("src/Chiseled/Dockerfile"), "customization-chiseled", output);
        chiseled.AssertSucceeded();
        Assert.Contains("chiseled", chiseled.Dockerfile.FinalImage);
        FinalImageChecks.AssertNoRunInFinalStage(chiseled.Dockerfile);
        AssertChecks(chiseled);

        var debian = Engine.Build(repository.PathOf("src/Debian/Dockerfile"), "customization-debian", output);
        debian.AssertSucceeded();
        Assert.Contains("bookworm-slim", debian.Dockerfile.FinalImage);
        AssertChecks(debian);
        AssertScannerSeesOsPackages(chiseled, debian);

        // An edit to the app: every customization step comes from the layer cache and the app's layer is the last of the app's.
        repository.WriteFile("src/Chiseled/Program.cs", Program("chiseled, edited"));
        var rebuild = Engine.Build(repository.PathOf("src/Chiseled/Dockerfile"), "customization-chiseled-edited", output);
        rebuild.AssertSucceeded();
        foreach (var step in new[] { "apt-get install", "agent/", "readonly/", "/parts/writable/app/keys/" })
        {
            Assert.True(rebuild.Step(step).UsedCache, $"\"{step}\" ran again after an edit to the app.\n{rebuild.Describe()}");
        }

        Assert.False(rebuild.Step("dotnet publish").UsedCache);
        // The SBOM's own layer follows the app's: it changes with every edit too.
        var lastCopy = Engine.History(rebuild.Tag)
            .Last(h => h.Contains("COPY", StringComparison.Ordinal) && !h.Contains("/usr/share/sbom/", StringComparison.Ordinal));
        Assert.Contains("/app/layers/app/", lastCopy);
        Assert.Equal(AppLayerChecks.Layers(chiseled).Single(l => l.Name == "packages").Files, AppLayerChecks.Layers(rebuild).Single(l => l.Name == "packages").Files);
        RunningContainer.AssertPortIsFree(8080);
        using var app = Engine.Start(rebuild.Tag);
        Assert.Equal((HttpStatusCode.OK, "chiseled, edited"), app.WaitForHttp(8080));
    }

    /// <summary>
    /// Trivy, reading the chiseled image's archive offline, lists fontconfig and the dependencies the parts stage
    /// copied, each with the version dpkg reports for it on the Debian image that installed them from the same archive.
    /// </summary>
    private void AssertScannerSeesOsPackages(ImageBuild chiseled, ImageBuild debian)
    {
        string[] expected = { "fontconfig", "fontconfig-config", "fonts-dejavu-core", "libfontconfig1", "libfreetype6", "libpng16-16" };
        var folder = Path.Combine(Repository.RunFolder, "trivy-" + Path.GetFileName(chiseled.Tag.Replace(':', '-')));
        Directory.CreateDirectory(folder);
        var archive = Path.Combine(folder, "chiseled.tar");
        Docker.Check("save", "-o", archive, chiseled.Tag);
        var listed = Trivy.OsPackages(archive);
        File.Delete(archive);
        var installed = Docker.Check("run", "--rm", "--network", "none", "--entrypoint", "dpkg-query", debian.Tag, "-W", "-f=${Package} ${Version}\\n")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        output.WriteLine("Trivy's OS packages on the chiseled image: " + string.Join(", ", listed.Select(p => $"{p.Key} {p.Value}")));
        foreach (var package in expected)
        {
            Assert.True(listed.ContainsKey(package), $"Trivy does not list {package} on the chiseled image.\n{string.Join("\n", listed.Keys)}");
            Assert.Equal((package, installed[package]), (package, listed[package]));
        }
    }

    [SkippableFact]
    public void Restore_goes_through_a_TLS_inspecting_proxy_with_its_certificate_given_as_an_item()
    {
        Engine.RequireOrSkip();
        var proxyCertificates = Directory.Exists("/usr/local/share/ca-certificates")
            ? Directory.GetFiles("/usr/local/share/ca-certificates", "*.crt").OrderBy(f => f, StringComparer.Ordinal).ToList()
            : new List<string>();
        Skip.If(proxyCertificates.Count == 0, "This machine reaches NuGet without a TLS-inspecting proxy (no certificate in /usr/local/share/ca-certificates), so restore needs no extra certificate.");

        // An SDK image that trusts only the distribution's certificates, as the official image does.
        var sdk = $"{StandIns.TestImagePrefix}sdk-without-proxy-ca:{Path.GetFileName(Repository.RunFolder)}";
        var stock = TestRepository.Create("realbuild-stock-sdk", markAsRepositoryRoot: false)
            .WriteFile("Dockerfile", "FROM mcr.microsoft.com/dotnet/sdk:10.0-noble\nRUN rm -f /usr/local/share/ca-certificates/*.crt && update-ca-certificates --fresh >/dev/null\n");
        Engine.EnsureStandIns(new[] { "mcr.microsoft.com/dotnet/sdk:10.0-noble" }, output);
        Docker.Check("build", "--network", "host", "-t", sdk, stock.Root);

        // Restore must reach the feed: no NuGet HTTP cache of earlier builds may answer for it.
        Docker.Check("builder", "prune", "--force", "--filter", "type=exec.cachemount");
        var repository = TestRepository.Create("realbuild-ca-certificate");
        for (var n = 0; n < proxyCertificates.Count; n++)
        {
            repository.WriteFile($"certs/proxy-{n}.crt", File.ReadAllText(proxyCertificates[n]));
        }

        // A package restore must download: nothing else in the image has it.
        var project = Projects.Web("net10.0", properties: $"<MultiStageBuildImage>{sdk}</MultiStageBuildImage>", items: """<PackageReference Include="Humanizer.Core" Version="2.14.1" />""");
        repository.WriteProject("src/App/App.csproj", project, Projects.WebProgram("restored through the proxy"));
        var withoutItem = repository.Build("src/App/App.csproj");
        Assert.True(withoutItem.Succeeded, withoutItem.Output);
        var refused = Engine.Build(repository.PathOf("src/App/Dockerfile"), "ca-certificate-missing", output);
        Assert.False(refused.Succeeded, "Restore succeeded without the proxy's certificate: the test proves nothing.\n" + refused.Describe());
        Assert.Contains("dotnet restore", refused.FailedStep?.Instruction ?? string.Empty);

        var items = string.Concat(Enumerable.Range(0, proxyCertificates.Count).Select(n => $"<MultiStageCaCertificate Include=\"../../certs/proxy-{n}.crt\" />"));
        repository.WriteProject("src/App/App.csproj", project.Replace("<ItemGroup>", "<ItemGroup>" + items, StringComparison.Ordinal));
        var withItem = repository.Build("src/App/App.csproj");
        Assert.True(withItem.Succeeded, withItem.Output);
        var build = Engine.Build(repository.PathOf("src/App/Dockerfile"), "ca-certificate", output);

        build.AssertSucceeded();
        Assert.Contains("update-ca-certificates", build.Dockerfile.Text);
        RunningContainer.AssertPortIsFree(8080);
        using var app = Engine.Start(build.Tag);
        Assert.Equal((HttpStatusCode.OK, "restored through the proxy"), app.WaitForHttp(8080));
    }

    private void AssertChecks(ImageBuild build)
    {
        RunningContainer.AssertPortIsFree(8080);
        using var app = Engine.Start(build.Tag);
        var (status, body) = app.WaitForHttp(8080, "/checks");
        output.WriteLine($"{build.Tag}:\n{body}");
        Assert.True(status == HttpStatusCode.OK, $"HTTP {(int)status}: {body}\n{app.Output}");
        Assert.Equal(
            new[]
            {
                "font=True", "agent=True", "agent-folder=writable", "readonly-folder=UnauthorizedAccessException", "keys-folder=writable",
                "state-folder=writable", "etc-folder=UnauthorizedAccessException", "fragment=from-fragment", "uid=" + FinalImageChecks.AppUser,
            },
            body.Split('\n'));
        FinalImageChecks.AssertRunsAsNonRoot(build.Inspect());

        // The app's user owns its writable folders and the agent folder given to it, and no system folder or file of
        // the app. Besides: its home (the base image's), and on chiseled images, whose base runs as the app's user,
        // the working directory itself, which WORKDIR creates as that user (the files in it stay root's).
        var owned = Engine.WithFileSystem(build.Tag, root => OwnedBy(root, FinalImageChecks.AppUser));
        var allowed = new[] { "/app/keys", "/var/lib/app-state", "/opt/agent", "/home/app" };
        Assert.True(
            owned.All(p => p == "/app" || allowed.Any(a => p == a || p.StartsWith(a + "/", StringComparison.Ordinal))),
            $"Owned by the app's user outside its folders in {build.Tag}:\n{string.Join("\n", owned)}");
        Assert.Contains("/app/keys", owned);
        Assert.Contains("/var/lib/app-state", owned);
    }

    /// <summary>Every path under the image's root file system (extracted with owners) whose owner is <paramref name="uid"/>.</summary>
    private static IReadOnlyList<string> OwnedBy(string root, string uid)
    {
        var found = ProcessRunner.Run("find", new[] { root, "-uid", uid, "-printf", "/%P\n" }, root, timeout: TimeSpan.FromMinutes(2));
        Assert.True(found.Succeeded, found.Output);
        return found.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "/").ToList();
    }
}
