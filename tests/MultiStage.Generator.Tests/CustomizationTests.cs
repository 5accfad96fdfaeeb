using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>The customization items' checks and where their lines land; whole files are in the customized-* golden files.</summary>
public class CustomizationTests
{
    [Theory]
    [InlineData("fontconfig")]
    [InlineData("libgdiplus")]
    [InlineData("krb5-user=1.20.1-2")]
    [InlineData("libc++1")]
    [InlineData("tzdata~2024")]
    public void A_package_name_or_pinned_version_is_accepted(string package)
    {
        Assert.Empty(Generate.Codes(Projects.Web("net8.0") with { OsPackages = new[] { package }, OsPackageStages = new[] { (package, "") } }));
    }

    [Theory]
    [InlineData("font config")]
    [InlineData("curl;rm -rf /")]
    [InlineData("$(id)")]
    [InlineData("-y")]
    [InlineData("curl\nRUN id")]
    [InlineData("")]
    public void A_package_that_is_no_package_name_is_MULTISTAGE1041(string package)
    {
        Assert.Contains("MULTISTAGE1041", Generate.Codes(Projects.Web("net8.0") with { OsPackages = new[] { package }, OsPackageStages = new[] { (package, "") } }));
    }

    [Fact]
    public void A_package_stage_other_than_final_or_build_is_MULTISTAGE1049()
    {
        Assert.Equal(new[] { "MULTISTAGE1049" }, Generate.Codes(Projects.Web("net8.0") with { OsPackages = new[] { "curl" }, OsPackageStages = new[] { ("curl", "runtime") } }));
    }

    [Fact]
    public void OS_packages_on_distroless_Azure_Linux_are_MULTISTAGE3007_naming_the_families_that_can()
    {
        var result = Generate.Dockerfile(Projects.Web("net10.0") with { ContainerFamily = "azurelinux3.0-distroless", OsPackages = new[] { "curl" }, OsPackageStages = new[] { ("curl", "") } });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MULTISTAGE3007", diagnostic.Code);
        Assert.Contains("'curl'", diagnostic.Message);
        Assert.Contains("noble-chiseled", diagnostic.Message);
        Assert.Matches(@"Families that can: [^;]*\bazurelinux3\.0\b(?!-)", diagnostic.Message);
        Assert.DoesNotMatch(@"Families that can: [^;]*azurelinux3\.0-distroless", diagnostic.Message);
    }

    [Theory]
    [InlineData("noble-chiseled", "runtime-deps:10.0-noble AS base-parts")]
    [InlineData("resolute-chiseled", "runtime-deps:10.0-resolute AS base-parts")]
    [InlineData("noble", null)]
    [InlineData("alpine", null)]
    [InlineData("azurelinux3.0", null)]
    public void Only_a_shell_less_family_makes_the_packages_in_a_parts_stage_of_the_same_OS(string family, string? partsStage)
    {
        var text = Generate.Text(Projects.Web("net10.0") with { ContainerFamily = family, OsPackages = new[] { "curl" }, OsPackageStages = new[] { ("curl", "") } });

        if (partsStage is null)
        {
            Assert.DoesNotContain("AS base-parts", text);
            Assert.Contains(family switch { "alpine" => "RUN apk add --no-cache \"curl\"", "azurelinux3.0" => "RUN tdnf install -y \"curl\"", _ => "apt-get install -y --no-install-recommends \"curl\"" }, text);
        }
        else
        {
            Assert.StartsWith("FROM mcr.microsoft.com/dotnet/" + partsStage, text.Split('\n').First(l => l.StartsWith("FROM ", StringComparison.Ordinal)));
            Assert.Contains("COPY --from=base-parts [\"/parts/rootfs/\", \"/\"]", text);
        }
    }

    [Fact]
    public void Customization_lands_before_the_app_so_an_app_edit_reuses_its_layers()
    {
        var lines = Generate.Text(GoldenScenarios.All["customized-bookworm"]).Split('\n').ToList();
        var appCopy = lines.IndexOf("COPY --from=build /app/layers/packages/ .");

        Assert.All(
            new[] { "apt-get install -y --no-install-recommends \"fontconfig\"", "COPY --chown=1654:1654 [\"agents/otel/\", \"/opt/otel/\"]", "VOLUME [\"/app/keys\"]", "ENV TZ=Europe/Berlin" },
            line => Assert.InRange(lines.FindIndex(l => l.Contains(line, StringComparison.Ordinal)), 0, appCopy));
        Assert.Equal("COPY --from=build /app/layers/app/ .", lines.Last(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("/app/sbom/", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("app", "agents", "--chown=1654:1654 ")]
    [InlineData("root", "agents", "")]
    [InlineData("1000", "agents", "--chown=1000:1000 ")]
    [InlineData("www-data:www-data", "agents", "--chown=www-data:www-data ")]
    public void An_image_file_is_owned_as_asked(string owner, string source, string chown)
    {
        var text = Generate.Text(Projects.Web("net10.0") with { ImageFiles = new[] { new ImageFile(source, true, "/opt/agent", owner) } });

        Assert.Contains($"COPY {chown}[\"agents/\", \"/opt/agent/\"]\n", text);
    }

    [Fact]
    public void The_app_owner_follows_ContainerUser()
    {
        var text = Generate.Text(Projects.Web("net10.0") with { ContainerUser = "1000", WritableFolders = new[] { new WritableFolder("data", false) } });

        Assert.Contains("COPY --from=base-parts --chown=1000:1000 [\"/parts/writable/app/data/\", \"/app/data/\"]\n", text);
    }

    [Theory]
    [InlineData("relative/dest", "MULTISTAGE1046")]
    [InlineData("/opt/a b", "MULTISTAGE1046")]
    [InlineData("/opt/$(id)", "MULTISTAGE1046")]
    public void An_image_file_destination_that_is_no_absolute_path_is_an_error(string destination, string code)
    {
        Assert.Contains(code, Generate.Codes(Projects.Web("net10.0") with { ImageFiles = new[] { new ImageFile("agents", true, destination, null) } }));
    }

    [Fact]
    public void An_owner_that_is_no_user_is_MULTISTAGE1047()
    {
        Assert.Contains("MULTISTAGE1047", Generate.Codes(Projects.Web("net10.0") with { ImageFiles = new[] { new ImageFile("agents", true, "/opt/a", "app user") } }));
    }

    [Theory]
    [InlineData("data dir")]
    [InlineData("../$HOME")]
    [InlineData("a;b")]
    public void A_writable_folder_that_is_no_plain_path_is_MULTISTAGE1046(string path)
    {
        Assert.Contains("MULTISTAGE1046", Generate.Codes(Projects.Web("net10.0") with { WritableFolders = new[] { new WritableFolder(path, false) } }));
    }

    [Fact]
    public void Certificates_are_trusted_by_the_build_and_by_the_client_install_and_only_runtime_ones_by_the_app()
    {
        var client = new Client.ClientBuild { Folder = "App/ClientApp", Lockfile = "package-lock.json", NodeMajor = 24 };
        var text = Generate.Text(Projects.WebWithClient(client) with
        {
            CaCertificates = new[] { new CaCertificate("certs/proxy.crt", Runtime: false) },
        });

        Assert.Contains("ENV NODE_EXTRA_CA_CERTS=/usr/local/share/multistage-ca.pem\n", text);
        Assert.Contains("COPY [\"certs/proxy.crt\", \"/usr/local/share/ca-certificates/multistage/1-proxy.crt\"]\nRUN update-ca-certificates\n", text);
        Assert.DoesNotContain("base-parts", text);
        Assert.Single(text.Split('\n'), l => l.Contains("update-ca-certificates", StringComparison.Ordinal));
    }

    [Fact]
    public void Workloads_are_restored_before_the_packages()
    {
        var lines = Generate.Text(Projects.Web("net10.0") with { RestoreWorkloads = true }).Split('\n').ToList();

        Assert.InRange(lines.FindIndex(l => l.Contains("dotnet workload restore \"App/App.csproj\"", StringComparison.Ordinal)), 0, lines.FindIndex(l => l.Contains("dotnet restore", StringComparison.Ordinal)));
    }

    public static TheoryData<string, int?, string?> Fragments => new()
    {
        // the fragment, the line of its first problem, what the message names
        { "RUN echo hi\nENV A=1", null, null },
        { "# only a comment\n\n", null, null },
        { "RUN apt-get update \\\n    # a comment inside\n    && apt-get install -y curl", null, null },
        { "run echo lower case is an instruction too", null, null },
        { "FROM alpine AS sneaky", 1, "FROM would start another stage" },
        { "RUN a\nonbuild_not_an_instruction x", 2, "'onbuild_not_an_instruction' is not a Dockerfile instruction" },
        { "RUN echo hi \\", 1, "line continuation" },
        { "ENV A=\"x\u0085y\"", 1, "U+0085" },
        { "ENV A=1\n  echo loose words", 2, "'echo' is not a Dockerfile instruction" },
    };

    [Theory]
    [MemberData(nameof(Fragments))]
    public void A_fragment_is_spliced_in_only_when_it_keeps_the_stages_whole(string content, int? line, string? named)
    {
        var fragment = new DockerfileFragment("docker/extra.dockerfile", FragmentPoint.BeforeAppCopy, content.Split('\n'));
        var result = Generate.Dockerfile(Projects.Web("net10.0") with { Fragments = new[] { fragment } });

        if (line is null)
        {
            Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
            Assert.Contains("# From docker/extra.dockerfile (MultiStageDockerfileFragment Point=\"BeforeAppCopy\").\n" + content + "\nUSER 1654\n", result.Text!.Replace("\n\n\nUSER", "\n\n\nUSER"));
        }
        else
        {
            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("MULTISTAGE1040", diagnostic.Code);
            Assert.Contains($"line {line}:", diagnostic.Message);
            Assert.Contains(named!, diagnostic.Message);
        }
    }
}
