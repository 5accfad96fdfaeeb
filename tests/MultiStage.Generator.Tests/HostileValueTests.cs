using System.Text.RegularExpressions;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>Values a security review found accepted: each is refused with its code, and the benign ones next to it still work.</summary>
public class HostileValueTests
{
    [Theory]
    [InlineData("../../../etc")]
    [InlineData("../../../etc/ssl")]
    [InlineData("/")]
    [InlineData("/etc")]
    [InlineData("/etc/ssl/certs")]
    [InlineData("/app")]
    [InlineData(".")]
    [InlineData("data/../..")]
    [InlineData("/usr/lib/x")]
    [InlineData("/lib64")]
    [InlineData("/var/lib")]
    [InlineData("/proc/self")]
    [InlineData("/..")]
    public void A_writable_folder_outside_where_the_app_may_write_is_MULTISTAGE1055(string path)
    {
        var result = Generate.Dockerfile(Projects.Web("net10.0") with { WritableFolders = new[] { new WritableFolder(path, Volume: true) } });

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MULTISTAGE1055", diagnostic.Code);
        Assert.Contains($"MultiStageWritableFolder '{path}'", diagnostic.Message);
        Assert.Null(result.Text);
    }

    [Theory]
    [InlineData("keys", "/app/keys")]
    [InlineData("data//./cache/", "/app/data/cache")]
    [InlineData("a/../b", "/app/b")]
    [InlineData("/var/lib/shop", "/var/lib/shop")]
    [InlineData("/tmp", "/tmp")]
    [InlineData("/srv/x/../uploads", "/srv/uploads")]
    public void A_writable_folder_of_the_apps_own_is_normalized(string path, string expected)
    {
        var text = Generate.Text(Projects.Web("net10.0") with { WritableFolders = new[] { new WritableFolder(path, Volume: true) } });

        Assert.Contains($"COPY --from=base-parts --chown=1654:1654 [\"/parts/writable{expected}/\", \"{expected}/\"]\n", text);
        Assert.Contains($"VOLUME [\"{expected}\"]\n", text);
        Assert.DoesNotContain("..", text.Split('\n').Where(l => l.Contains("writable", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/etc", true)]
    [InlineData("/opt/../etc", true)]
    [InlineData("/opt/../../x", true)]
    [InlineData("/proc/x", true)]
    [InlineData("/run/secrets/x", true)]
    [InlineData("/usr", true)]
    [InlineData("/opt", true)]
    [InlineData("/usr/local/bin/agent", false)]
    [InlineData("/etc/otel/config.yaml", false)]
    [InlineData("//opt//./otel", false)]
    public void An_image_file_destination_is_normalized_and_kept_out_of_the_OS_folders(string destination, bool refused)
    {
        var facts = Projects.Web("net10.0") with { ImageFiles = new[] { new ImageFile("agents", true, destination, null) } };

        if (refused)
        {
            Assert.Equal(new[] { "MULTISTAGE1055" }, Generate.Codes(facts));
        }
        else
        {
            Assert.Contains($"COPY [\"agents/\", \"{Regex.Replace(destination, "/+(\\./)?", "/")}/\"]\n", Generate.Text(facts));
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/etc")]
    [InlineData("/app/../usr/bin")]
    [InlineData("/var")]
    public void A_working_directory_in_an_OS_folder_is_MULTISTAGE1055(string directory)
    {
        Assert.Equal(new[] { "MULTISTAGE1055" }, Generate.Codes(Projects.Console("net10.0") with { ContainerWorkingDirectory = directory }));
    }

    [Fact]
    public void A_client_target_that_climbs_into_an_OS_folder_is_MULTISTAGE1055()
    {
        var client = new Client.ClientBuild { Folder = "App/ClientApp", Lockfile = "package-lock.json", NodeMajor = 24, Target = "../../etc" };

        Assert.Equal(new[] { "MULTISTAGE1055" }, Generate.Codes(Projects.WebWithClient(client)));
    }

    [Theory]
    [InlineData("ca-certificates-")]
    [InlineData("curl+")]
    [InlineData("-curl")]
    [InlineData("tzdata-")]
    public void A_package_name_apt_would_read_as_an_action_is_MULTISTAGE1041(string package)
    {
        Assert.Equal(new[] { "MULTISTAGE1041" }, Generate.Codes(Projects.Web("net10.0") with { OsPackages = new[] { package }, OsPackageStages = new[] { (package, "") } }));
    }

    [Theory]
    [InlineData("g++")]
    [InlineData("c")]
    [InlineData("libstdc++6")]
    public void A_package_name_ending_in_plus_plus_or_a_letter_is_accepted(string package)
    {
        Assert.Empty(Generate.Codes(Projects.Web("net10.0") with { OsPackages = new[] { package }, OsPackageStages = new[] { (package, "") } }));
    }

    [Fact]
    public void An_alpine_base_image_without_a_family_tag_and_OS_packages_is_MULTISTAGE3008()
    {
        var facts = Projects.Web("net10.0") with { ContainerBaseImage = "registry.example.com/alpine-dotnet:1.4", OsPackages = new[] { "icu-libs" }, OsPackageStages = new[] { ("icu-libs", "") } };

        var diagnostic = Assert.Single(Generate.Dockerfile(facts).Diagnostics);
        Assert.Equal("MULTISTAGE3008", diagnostic.Code);
        Assert.Contains("ContainerBaseImage 'registry.example.com/alpine-dotnet:1.4'", diagnostic.Message);
        Assert.Contains("RUN apk add --no-cache \"icu-libs\"", Generate.Text(facts with { ContainerFamily = "alpine" }));
        Assert.Empty(Generate.Codes(facts with { OsPackages = Array.Empty<string>(), OsPackageStages = Array.Empty<(string, string)>() }));
    }

    [Theory]
    [InlineData("MultiStageCaCertificate", "Runtime", "yes")]
    [InlineData("MultiStageWritableFolder", "Volume", "1")]
    [InlineData("MultiStageWritableFolder", "Volume", "ture")]
    public void Boolean_metadata_that_is_neither_true_nor_false_is_MULTISTAGE1056(string item, string metadata, string value)
    {
        var invalid = new List<InvalidItemFlag>();
        Assert.False(ItemFlag.Parse(item, "x", metadata, value, invalid));

        var diagnostic = Assert.Single(Generate.Dockerfile(Projects.Web("net10.0") with { InvalidItemFlags = invalid }).Diagnostics);
        Assert.Equal("MULTISTAGE1056", diagnostic.Code);
        Assert.Contains($"{item} 'x' has {metadata} '{value}'", diagnostic.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData(" TRUE ", true)]
    [InlineData("False", false)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    public void Boolean_metadata_is_true_or_false_in_any_case_and_empty_is_false(string value, bool expected)
    {
        var invalid = new List<InvalidItemFlag>();

        Assert.Equal(expected, ItemFlag.Parse("MultiStageWritableFolder", "x", "Volume", value, invalid));
        Assert.Empty(invalid);
    }

    [Theory]
    [InlineData("99999999999999h")]
    [InlineData("25h")]
    [InlineData("86400001ms")]
    [InlineData("1441m")]
    public void A_health_check_duration_over_a_day_is_MULTISTAGE1052(string interval)
    {
        var facts = Projects.Web("net10.0") with { HealthChecks = new[] { new HealthCheckItem("/healthz", interval, "", "", "") } };

        Assert.Equal(new[] { "MULTISTAGE1052" }, Generate.Codes(facts));
    }

    [Theory]
    [InlineData("24h")]
    [InlineData("1440m")]
    [InlineData("500ms")]
    public void A_health_check_duration_up_to_a_day_is_accepted(string interval)
    {
        Assert.Empty(Generate.Codes(Projects.Web("net10.0") with { HealthChecks = new[] { new HealthCheckItem("/healthz", interval, "", "", "") } }));
    }

    [Theory]
    [InlineData("my-repo;rm -rf /;id", "my-repo-rm--rf/id")]
    [InlineData("a._b/-c-/__d__", "a-b/c/d")]
    [InlineData("//x//", "x")]
    [InlineData("a___b", "a-b")]
    [InlineData("a__b.c-d", "a__b.c-d")]
    public void The_image_name_follows_Dockers_component_rule(string repository, string expected)
    {
        var name = ImagePlanner.ImageName(repository);

        Assert.Equal(expected, name);
        Assert.Matches(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*\z", name);
    }
}
