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

/// <summary>The Dockerfile's ports: EXPOSE lines and the variable a web app listens through.</summary>
public class DockerfilePortTests
{
    [Fact]
    public void A_web_app_without_ports_exposes_8080_and_sets_no_listening_port()
    {
        var text = Generate.Text(Projects.Web("net10.0"));

        Assert.Contains("EXPOSE 8080\n", text);
        Assert.DoesNotContain("ASPNETCORE_", text);
    }

    [Fact]
    public void A_console_app_without_ports_exposes_nothing()
    {
        Assert.DoesNotContain("EXPOSE", Generate.Text(Projects.Console("net10.0")));
    }

    [Fact]
    public void Each_port_gets_its_own_EXPOSE_and_udp_is_marked()
    {
        var lines = Generate.Lines(Projects.Console("net10.0") with { Ports = new[] { new ContainerPort("8080", "tcp"), new ContainerPort("53", "udp") } });

        Assert.Equal(new[] { "EXPOSE 8080", "EXPOSE 53/udp" }, lines.Where(l => l.StartsWith("EXPOSE", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_web_app_on_another_port_is_told_to_listen_there()
    {
        var text = Generate.Text(Projects.Web("net8.0") with { Ports = new[] { new ContainerPort("5000", "tcp") } });

        Assert.Contains("EXPOSE 5000\nENV ASPNETCORE_HTTP_PORTS=\"5000\"\n", text);
    }

    [Fact]
    public void A_web_app_that_also_exposes_8080_keeps_the_images_listening_port()
    {
        var text = Generate.Text(Projects.Web("net10.0") with { Ports = new[] { new ContainerPort("8080", "tcp"), new ContainerPort("9090", "tcp") } });

        Assert.DoesNotContain("ASPNETCORE_HTTP_PORTS", text);
    }

    [Theory]
    [InlineData("ASPNETCORE_HTTP_PORTS")]
    [InlineData("ASPNETCORE_URLS")]
    public void A_web_app_that_sets_its_own_listening_variable_keeps_it(string name)
    {
        var lines = Generate.Lines(Projects.Web("net10.0") with
        {
            Ports = new[] { new ContainerPort("5000", "tcp") },
            EnvironmentVariables = new[] { new NameValue(name, "5001") },
        });

        Assert.Equal(new[] { $"ENV {name}=\"5001\"" }, lines.Where(l => l.StartsWith("ENV ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Before_8_0_a_web_app_listens_through_ASPNETCORE_URLS()
    {
        Assert.Contains("ENV ASPNETCORE_URLS=\"http://+:5000\"\n", Generate.Text(Projects.Web("net7.0") with { Ports = new[] { new ContainerPort("5000", "tcp") } }));
    }

    [Fact]
    public void A_non_web_app_gets_no_listening_variable_for_its_ports()
    {
        Assert.DoesNotContain("ASPNETCORE_", Generate.Text(Projects.Console("net10.0") with { Ports = new[] { new ContainerPort("5000", "tcp") } }));
    }
}
