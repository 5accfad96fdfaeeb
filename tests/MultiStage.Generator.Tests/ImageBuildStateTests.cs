using MultiStage.Generator.Facts;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>The state the image targets read back: the plan's values, each port read by the parse ContainerPort items take.</summary>
public sealed class ImageBuildStateTests
{
    [Fact]
    public void The_saved_state_reads_back_as_the_plan_made_it()
    {
        using var folder = new TemporaryFolder();
        var path = folder.PathOf("obj/App.multistage.image.json");
        var plan = Generate.Plan(Projects.Web("net10.0") with { Ports = new[] { new ContainerPort("5000", ""), new ContainerPort("53", "UDP") } });

        ImageBuildState.From("/repo/App/Dockerfile", plan, "/repo").Save(path);
        var state = ImageBuildState.Load(path)!;

        Assert.Equal(new[] { new PortSpec(5000, "tcp"), new PortSpec(53, "udp") }, state.Ports);
        Assert.Equal(plan.ImageName, state.ImageName);
        Assert.Equal(("/repo/App/Dockerfile", "/repo"), (state.DockerfilePath, state.ContextRoot));
    }

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("\"65536\"")]
    [InlineData("\"80/sctp\"")]
    [InlineData("\"+80\"")]
    [InlineData("80")]
    [InlineData("{ \"number\": 80, \"protocol\": \"tcp\" }")]
    public void A_port_the_project_could_not_have_given_makes_the_state_unreadable(string port)
    {
        using var folder = new TemporaryFolder();
        var path = folder.Write("obj/App.multistage.image.json", $"{{ \"dockerfile\": \"/repo/Dockerfile\", \"context\": \"/repo\", \"image\": \"app\", \"ports\": [{port}], \"secrets\": [] }}");

        Assert.Null(ImageBuildState.Load(path));
    }

    [Theory]
    [InlineData("8080", "", 8080, "tcp")]
    [InlineData(" 53 ", " UDP ", 53, "udp")]
    public void A_port_parses_from_its_text_and_back_from_its_exposed_form(string number, string protocol, int expectedNumber, string expectedProtocol)
    {
        var port = PortSpec.Parse(number, protocol, out var problem);

        Assert.Equal(PortProblem.None, problem);
        Assert.Equal(new PortSpec(expectedNumber, expectedProtocol), port);
        Assert.Equal(port, PortSpec.ParseExposed(port!.ToString()));
    }
}
