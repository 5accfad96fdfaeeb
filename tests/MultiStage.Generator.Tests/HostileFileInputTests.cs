using MultiStage.Generator.Client;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>
/// Files the customization items name, as the file system has them: links followed before the build-context check,
/// sizes limited, certificates PEM-only, and no message that shows a byte of a file outside the context.
/// </summary>
public sealed class HostileFileInputTests : IDisposable
{
    private const string Certificate = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUSecret0nlyAFakeCert1234567890=\n-----END CERTIFICATE-----\n";

    private readonly TemporaryFolder folder = new();

    public HostileFileInputTests()
    {
        folder.CreateFolder("repo/.git");
        folder.WriteProject("repo/src/Api/Api.csproj");
        folder.Write("outside/secret.txt", "TOPSECRET first line\nRUN echo more\n");
    }

    public void Dispose() => folder.Dispose();

    private CollectedFacts Collect(
        IReadOnlyList<(string, bool)>? certificates = null, IReadOnlyList<(string, string)>? fragments = null, string? dockerfilePath = null) =>
        FactsCollector.Collect(new ProjectInputs(
            new ProjectLocation(folder.PathOf("repo/src/Api/Api.csproj"), "../..", dockerfilePath, Array.Empty<string>())
            {
                CaCertificates = certificates ?? Array.Empty<(string, bool)>(),
                Fragments = fragments ?? Array.Empty<(string, string)>(),
            },
            Projects.Web("net10.0"),
            new ClientSettings { Enabled = false },
            null,
            true,
            false));

    private static string Codes(CollectedFacts collected) => string.Join(",", collected.Diagnostics.Select(d => d.Code));

    [Fact]
    public void A_fragment_that_links_to_a_file_outside_the_context_is_MULTISTAGE1043_and_its_content_is_never_shown()
    {
        File.CreateSymbolicLink(folder.PathOf("repo/src/Api/extra.dockerfile"), folder.PathOf("outside/secret.txt"));

        var collected = Collect(fragments: new[] { ("extra.dockerfile", "BeforeAppCopy") });

        Assert.Equal("MULTISTAGE1043", Codes(collected));
        Assert.DoesNotContain("TOPSECRET", collected.Diagnostics.Single().Message);
    }

    [Fact]
    public void A_certificate_under_a_linked_folder_that_leaves_the_context_is_MULTISTAGE1043()
    {
        folder.Write("outside/certs/root.crt", Certificate);
        Directory.CreateSymbolicLink(folder.PathOf("repo/certs"), folder.PathOf("outside/certs"));

        Assert.Equal("MULTISTAGE1043", Codes(Collect(certificates: new[] { ("../../certs/root.crt", false) })));
    }

    [Fact]
    public void A_certificate_that_links_to_dev_zero_is_refused_without_reading_it()
    {
        File.CreateSymbolicLink(folder.PathOf("repo/certs.crt"), "/dev/zero");

        Assert.Equal("MULTISTAGE1043", Codes(Collect(certificates: new[] { ("../../certs.crt", false) })));
    }

    [Fact]
    public void A_link_that_stays_inside_the_context_is_followed_and_accepted()
    {
        folder.Write("repo/shared/root.crt", Certificate);
        File.CreateSymbolicLink(folder.PathOf("repo/src/Api/root.crt"), "../../shared/root.crt");

        var collected = Collect(certificates: new[] { ("root.crt", true) });

        Assert.Empty(collected.Diagnostics);
        Assert.Equal("src/Api/root.crt", Assert.Single(collected.Facts!.CaCertificates).Path);
    }

    [Fact]
    public void A_fragment_larger_than_1_MiB_is_MULTISTAGE2005()
    {
        folder.Write("repo/src/Api/big.dockerfile", string.Concat(Enumerable.Repeat("# a comment line of padding\n", 40_000)));

        var collected = Collect(fragments: new[] { ("big.dockerfile", "BeforeAppCopy") });

        Assert.Equal("MULTISTAGE2005", Codes(collected));
        Assert.Contains("MultiStageDockerfileFragment 'big.dockerfile'", collected.Diagnostics[0].Message);
    }

    public static TheoryData<string, string> Certificates => new()
    {
        { Certificate, "" },
        { Certificate + "\n" + Certificate, "" },
        { Certificate.Replace("\n", "\r\n"), "" },
        { Certificate + "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\nAAAA\n", "MULTISTAGE1045" },
        { Certificate + "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA==\n-----END OPENSSH PRIVATE KEY-----\n", "MULTISTAGE1045" },
        { Certificate + "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n", "MULTISTAGE1045" },
        { "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----\n", "MULTISTAGE1045" },
        { "subject=CN = Corp Root\n" + Certificate, "MULTISTAGE1044" },
        { Certificate + "ssh-rsa AAAAB3NzaC1yc2E key@host\n", "MULTISTAGE1044" },
        { "-----BEGIN CERTIFICATE-----\nMIIB\n", "MULTISTAGE1044" },
        { "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", "MULTISTAGE1044" },
        { "binary \u0001 DER", "MULTISTAGE1044" },
    };

    [Theory]
    [MemberData(nameof(Certificates))]
    public void A_certificate_file_holds_PEM_certificates_and_nothing_else(string content, string code)
    {
        folder.Write("repo/certs/corp.crt", content);

        var collected = Collect(certificates: new[] { ("../../certs/corp.crt", false) });

        Assert.Equal(code, Codes(collected));
        Assert.All(collected.Diagnostics, d => Assert.DoesNotContain("AAAA", d.Message));
    }

    [Theory]
    [InlineData("../../.dockerignore")]
    [InlineData("../../compose.yaml")]
    [InlineData("../../src/../.dockerignore")]
    public void A_Dockerfile_path_that_is_another_generated_file_is_MULTISTAGE1018(string dockerfilePath)
    {
        var collected = Collect(dockerfilePath: dockerfilePath);

        Assert.Equal("MULTISTAGE1018", Codes(collected));
        Assert.Contains($"MultiStageDockerfilePath '{dockerfilePath}'", collected.Diagnostics[0].Message);
    }

    [Fact]
    public void A_Dockerfile_path_of_its_own_is_accepted()
    {
        Assert.Empty(Collect(dockerfilePath: "docker/Api.Dockerfile").Diagnostics);
    }
}
