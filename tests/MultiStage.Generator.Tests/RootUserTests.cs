using MultiStage.Generator.Facts;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>
/// The final USER is a number no ENV can redirect, and every road to root (ContainerUser, APP_UID set by a
/// ContainerEnvironmentVariable or a fragment's ENV) is the MULTISTAGE1017 warning.
/// </summary>
public class RootUserTests
{
    private static IReadOnlyList<string> UserLines(string dockerfile) =>
        dockerfile.Split('\n').Where(l => l.StartsWith("USER ", StringComparison.Ordinal)).ToList();

    private static DockerfileFragment Fragment(FragmentPoint point, string content) => new("docker/extra.dockerfile", point, content.Split('\n'));

    private static ProjectFacts Shape(string shape) => shape switch
    {
        "net6-console" => Projects.Console("net6.0"),
        "net8-console" => Projects.Console("net8.0"),
        "net10-web" => Projects.Web("net10.0"),
        "chiseled" => Projects.Web("net10.0") with { ContainerFamily = "noble-chiseled" },
        "alpine-self-contained" => Projects.Web("net10.0") with { ContainerFamily = "alpine", SelfContained = true, RuntimeIdentifiers = Projects.Rids("linux-musl-x64") },
        _ => Projects.Web("net10.0") with { ContainerBaseImage = "registry.example.com/base/aspnet:10.0" },
    };

    [Theory]
    [InlineData("net6-console")]
    [InlineData("net8-console")]
    [InlineData("net10-web")]
    [InlineData("chiseled")]
    [InlineData("alpine-self-contained")]
    [InlineData("own-base-image")]
    public void Every_USER_is_the_app_users_number_never_a_variable(string shape)
    {
        var facts = Shape(shape);
        var result = Generate.Dockerfile(facts);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.NotEmpty(UserLines(result.Text!));
        Assert.All(UserLines(result.Text!), line => Assert.Equal("USER 1654", line));
    }

    [Theory]
    [InlineData("$APP_UID", "1654")]
    [InlineData("$APP_UID:1654", "1654:1654")]
    [InlineData("1000:1000", "1000:1000")]
    [InlineData("app", "app")]
    public void ContainerUser_is_written_as_given_with_APP_UID_made_its_number(string user, string written)
    {
        var facts = Projects.Console("net10.0") with
        {
            ContainerUser = user,
            EnvironmentVariables = new[] { new NameValue("APP_UID", "0") },
        };

        var text = Generate.Dockerfile(facts).Text!;

        Assert.All(UserLines(text), line => Assert.Equal("USER " + written, line));
    }

    [Fact]
    public void An_APP_UID_variable_of_0_no_longer_redirects_USER_and_is_MULTISTAGE1017()
    {
        var result = Generate.Dockerfile(Projects.Web("net10.0") with { EnvironmentVariables = new[] { new NameValue("APP_UID", "0") } });

        Assert.Contains("ENV APP_UID=\"0\"\n", result.Text);
        Assert.All(UserLines(result.Text!), line => Assert.Equal("USER 1654", line));
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("MULTISTAGE1017", diagnostic.Code);
        Assert.Contains("ContainerEnvironmentVariable 'APP_UID' with Value '0'", diagnostic.Message);
    }

    [Theory]
    [InlineData("root", true)]
    [InlineData("0", true)]
    [InlineData("00", true)]
    [InlineData("0:0", true)]
    [InlineData("root:root", true)]
    [InlineData("0:app", true)]
    [InlineData("root:1654", true)]
    [InlineData("1654", false)]
    [InlineData("1654:0", false)]
    [InlineData("app", false)]
    [InlineData("rootless", false)]
    [InlineData("10", false)]
    [InlineData("$APP_UID", false)]
    public void A_root_ContainerUser_is_MULTISTAGE1017(string user, bool root)
    {
        Assert.Equal(root ? new[] { "MULTISTAGE1017" } : Array.Empty<string>(), Generate.Codes(Projects.Console("net10.0") with { ContainerUser = user }));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("root", true)]
    [InlineData("0:0", true)]
    [InlineData(" 0 ", true)]
    [InlineData("1654", false)]
    [InlineData("1000", false)]
    public void An_APP_UID_variable_naming_root_is_MULTISTAGE1017(string value, bool root)
    {
        var facts = Projects.Console("net10.0") with { EnvironmentVariables = new[] { new NameValue("APP_UID", value) } };

        Assert.Equal(root ? new[] { "MULTISTAGE1017" } : Array.Empty<string>(), Generate.Codes(facts));
    }

    [Fact]
    public void Variable_names_are_case_sensitive_so_app_uid_is_not_APP_UID()
    {
        Assert.Empty(Generate.Codes(Projects.Console("net10.0") with { EnvironmentVariables = new[] { new NameValue("app_uid", "0") } }));
    }

    [Theory]
    [InlineData("ENV APP_UID=0")]
    [InlineData("env APP_UID=\"0\"")]
    [InlineData("ENV APP_UID 0")]
    [InlineData("ENV APP_UID=root")]
    [InlineData("ENV A=1 APP_UID='0' B=2")]
    [InlineData("ENV A=1 \\\n    APP_UID=0")]
    [InlineData("RUN true\n# a comment\nENV APP_UID=00")]
    public void A_fragment_setting_APP_UID_to_root_in_the_app_stages_is_MULTISTAGE1017(string content)
    {
        foreach (var point in new[] { FragmentPoint.BeforeAppCopy, FragmentPoint.AfterAppCopy })
        {
            var result = Generate.Dockerfile(Projects.Web("net10.0") with { Fragments = new[] { Fragment(point, content) } });

            var diagnostic = Assert.Single(result.Diagnostics);
            Assert.Equal("MULTISTAGE1017", diagnostic.Code);
            Assert.Contains("MultiStageDockerfileFragment 'docker/extra.dockerfile' line", diagnostic.Message);
            Assert.Equal("USER 1654", UserLines(result.Text!).Last());
        }
    }

    [Theory]
    [InlineData("AfterAppCopy", "ENV APP_UID=1654")]
    [InlineData("AfterAppCopy", "ENV MY_APP_UID=0")]
    [InlineData("AfterAppCopy", "# ENV APP_UID=0")]
    [InlineData("AfterAppCopy", "RUN echo APP_UID=0")]
    [InlineData("AfterAppCopy", "ENV OTHER=\"APP_UID=0\"")]
    [InlineData("BeforePublish", "ENV APP_UID=0")]
    public void Other_fragment_lines_are_not_MULTISTAGE1017(string point, string content)
    {
        Assert.Empty(Generate.Codes(Projects.Web("net10.0") with { Fragments = new[] { Fragment(Enum.Parse<FragmentPoint>(point), content) } }));
    }

    [Theory]
    [InlineData("BeforeAppCopy")]
    [InlineData("AfterAppCopy")]
    public void A_fragments_USER_root_is_always_followed_by_the_app_users_USER(string pointName)
    {
        var point = Enum.Parse<FragmentPoint>(pointName);
        foreach (var facts in new[] { Projects.Web("net10.0"), Projects.Web("net10.0") with { SelfContained = true, RuntimeIdentifiers = Projects.Rids("linux-x64") } })
        {
            var text = Generate.Dockerfile(facts with { Fragments = new[] { Fragment(point, "USER root\nENV APP_UID=1654") } }).Text!;

            var finalStage = text.Substring(text.IndexOf(" AS final", StringComparison.Ordinal));
            var lines = text.Split('\n').ToList();
            Assert.True(lines.LastIndexOf("USER 1654") > lines.LastIndexOf("USER root"), text);
            Assert.Equal("USER 1654", UserLines(finalStage).DefaultIfEmpty(UserLines(text).Last()).Last());
        }
    }

    [Fact]
    public void The_app_owner_is_the_same_number()
    {
        Assert.Equal(RootUser.AppUserId + ":" + RootUser.AppUserId, Generate.Plan(Projects.Web("net10.0")).AppOwner);
    }
}
