using System.Text;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Output;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>
/// The base image lock: its text and how it reads back, the generator pinning what it holds, the images it locks
/// (as chosen, not pinned), a user's file left alone, and the failed pull it names.
/// </summary>
public sealed class BaseImageLockTests : IDisposable
{
    private const string Mcr = "mcr.microsoft.com/dotnet/";
    private static readonly string DigestA = "sha256:" + new string('a', 64);
    private static readonly string DigestB = "sha256:" + new string('b', 64);

    private readonly string project = Directory.CreateTempSubdirectory("multistage-lock-").FullName;

    public void Dispose() => Directory.Delete(project, recursive: true);

    private static Dictionary<string, string> Pins() => new()
    {
        [Mcr + "sdk:10.0-noble"] = DigestA,
        [Mcr + "aspnet:10.0-noble-chiseled-extra"] = DigestB,
    };

    [Fact]
    public void The_lock_is_marked_generated_and_holds_one_FROM_line_per_image_in_name_order()
    {
        var text = BaseImageLock.Render(Pins());
        Assert.True(GeneratedFileMarker.IsGenerated(text));
        Assert.Equal(
            new[] { $"FROM {Mcr}aspnet:10.0-noble-chiseled-extra@{DigestB}", $"FROM {Mcr}sdk:10.0-noble@{DigestA}" },
            text.Split('\n').Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Equal(Pins(), BaseImageLock.Parse(text));
    }

    [Fact]
    public void Lines_that_are_no_pin_are_passed_over()
    {
        var text = $"# a comment\r\n\r\nFROM {Mcr}sdk:10.0-noble\nFROM {Mcr}sdk:10.0-noble@sha256:XYZ\nFROM example.com:5000/base:1@{DigestA}\r\n";
        Assert.Equal(new Dictionary<string, string> { ["example.com:5000/base:1"] = DigestA }, BaseImageLock.Parse(text));
    }

    [Fact]
    public void A_digest_item_pins_its_image_without_MultiStagePinDigests_and_the_plan_keeps_the_images_as_chosen()
    {
        var facts = Projects.Web("net10.0") with { ImageDigests = Pins() };
        var text = Generate.Text(facts);
        Assert.Contains($"FROM --platform=$BUILDPLATFORM {Mcr}sdk:10.0-noble@{DigestA} AS build", text.Split('\n'));
        Assert.Contains($"FROM {Mcr}aspnet:10.0-noble-chiseled-extra@{DigestB} AS base", text.Split('\n'));
        Assert.Equal(new[] { Mcr + "aspnet:10.0-noble-chiseled-extra", Mcr + "sdk:10.0-noble" }, Generate.Plan(facts).BaseImages);
    }

    [Fact]
    public void The_images_to_lock_include_the_parts_image_and_leave_out_one_the_project_pinned_itself()
    {
        var facts = Projects.Web("net10.0") with { ContainerBaseImage = Mcr + "aspnet:10.0-noble-chiseled-extra@" + DigestB, OsPackages = new[] { "fontconfig" } };
        Assert.Equal(new[] { Mcr + "runtime-deps:10.0-noble", Mcr + "sdk:10.0-noble" }, Generate.Plan(facts).BaseImages);
    }

    [Fact]
    public void The_lock_is_written_when_absent_replaced_when_the_SDK_wrote_it_and_never_touched_when_the_user_did()
    {
        var path = Path.Combine(project, BaseImageLock.FileName);
        Assert.Equal(FileOutcome.Written, BaseImageLock.Write(project, Pins()).Outcome);
        Assert.Equal(FileOutcome.Unchanged, BaseImageLock.Write(project, Pins()).Outcome);
        var refreshed = new Dictionary<string, string>(Pins()) { [Mcr + "sdk:10.0-noble"] = DigestB };
        Assert.Equal(FileOutcome.Written, BaseImageLock.Write(project, refreshed).Outcome);
        Assert.Equal(refreshed, BaseImageLock.Parse(File.ReadAllText(path)));
        Assert.Equal(new[] { path }, Directory.GetFiles(project));

        var own = $"FROM {Mcr}sdk:10.0-noble@{DigestA}\n";
        File.WriteAllText(path, own);
        Assert.Equal(FileOutcome.NotOwned, BaseImageLock.Write(project, refreshed).Outcome);
        Assert.Equal(own, File.ReadAllText(path));
    }

    [Fact]
    public void The_digest_is_the_sha256_of_the_manifest_as_served()
    {
        // printf '{}' | sha256sum
        Assert.Equal("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", BaseImageLock.ManifestDigest(Encoding.UTF8.GetBytes("{}")));
    }

    [Fact]
    public void Skopeo_verifies_TLS_unless_told_not_to()
    {
        Assert.Equal(new[] { "inspect", "--raw", "--retry-times", "2", "docker://example.com/base:1" }, BaseImageLock.InspectArguments("example.com/base:1", tlsVerify: true));
        Assert.Equal(new[] { "inspect", "--raw", "--retry-times", "2", "--tls-verify=false", "docker://127.0.0.1:5000/base:1" }, BaseImageLock.InspectArguments("127.0.0.1:5000/base:1", tlsVerify: false));
    }

    [Fact]
    public void A_failed_pull_of_a_pin_names_it_and_a_step_line_alone_does_not()
    {
        var step = $"#5 [base 1/3] FROM {Mcr}aspnet:10.0-noble-chiseled-extra@{DigestB}";
        Assert.Null(BaseImageLock.UnservedPin(Pins(), new[] { step, "ERROR: process \"/bin/sh -c false\" did not complete successfully: exit code: 1" }));
        var failed = $"error: failed to solve: {Mcr}aspnet:10.0-noble-chiseled-extra@{DigestB}: failed to resolve source metadata for {Mcr}aspnet:10.0-noble-chiseled-extra@{DigestB}: not found";
        Assert.Equal((Mcr + "aspnet:10.0-noble-chiseled-extra", DigestB), BaseImageLock.UnservedPin(Pins(), new[] { step, failed }));
        Assert.Equal((Mcr + "sdk:10.0-noble", DigestA), BaseImageLock.UnservedPin(Pins(), new[] { $"Error: creating build container: reading manifest {DigestA} in {Mcr}sdk: manifest unknown" }));
    }
}
