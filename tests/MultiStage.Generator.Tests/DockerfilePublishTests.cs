using System.Globalization;
using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>The build stage's publish: runtime identifier, apphost, target framework and the Native AOT toolchain.</summary>
public class DockerfilePublishTests
{
    [Theory]
    [InlineData("linux-x64", "-r \"linux-$(echo \"$TARGETARCH\" | sed 's/^amd64$/x64/')\"")]
    [InlineData("linux-musl-x64", "-r \"linux-musl-$(echo \"$TARGETARCH\" | sed 's/^amd64$/x64/')\"")]
    public void A_self_contained_app_names_its_RID_for_the_target_architecture(string rid, string expected)
    {
        var text = Generate.Text(Projects.Console("net10.0") with { SelfContained = true, RuntimeIdentifiers = new[] { rid } });

        Assert.Contains($"dotnet restore \"App/App.csproj\" {expected} -p:SelfContained=true", text);
        Assert.Contains($"dotnet publish \"App/App.csproj\" {expected} ", text);
        Assert.Contains(" --self-contained -p:GenerateDockerfile=false \\\n", text);
    }

    [Fact]
    public void A_framework_dependent_app_publishes_without_an_apphost_for_the_target_architecture()
    {
        var text = Generate.Text(Projects.Console("net8.0"));

        Assert.Contains("dotnet restore \"App/App.csproj\" -a \"$TARGETARCH\" ", text);
        Assert.Contains("dotnet publish \"App/App.csproj\" -a \"$TARGETARCH\" ", text);
        Assert.Contains(" -p:UseAppHost=false ", text);
        Assert.DoesNotContain("--self-contained", text);
    }

    [Theory]
    [InlineData("net5.0")]
    [InlineData("net6.0")]
    [InlineData("net7.0")]
    public void Before_8_0_a_framework_dependent_app_names_its_RID_and_says_it_is_not_self_contained(string targetFramework)
    {
        // The 5.0-7.0 SDKs do not map -a amd64 to x64, and for these frameworks a RID implies self-contained.
        var text = Generate.Text(Projects.Console(targetFramework));

        Assert.DoesNotContain("-a \"$TARGETARCH\"", text);
        Assert.Contains(" -p:SelfContained=false ", text);
        Assert.Contains(" --self-contained false -p:UseAppHost=false ", text);
    }

    [Fact]
    public void Only_a_multi_targeted_project_names_its_framework_at_publish()
    {
        Assert.Contains(" -f \"net8.0\" ", Generate.Text(Projects.Console("net8.0") with { IsMultiTargeted = true }));
        Assert.DoesNotContain(" -f \"net8.0\"", Generate.Text(Projects.Console("net8.0")));
    }

    [Fact]
    public void Only_the_Native_AOT_build_on_8_0_installs_a_toolchain()
    {
        Assert.Contains("apt-get install -y --no-install-recommends clang zlib1g-dev", Generate.Text(Projects.Console("net9.0") with { PublishAot = true }));
        Assert.Contains("RUN apk add --no-cache clang build-base zlib-dev\n", Generate.Text(Projects.Console("net8.0") with { PublishAot = true, ContainerFamily = "alpine" }));
        Assert.DoesNotContain("apt-get", Generate.Text(Projects.Console("net10.0") with { PublishAot = true }));
    }
}
