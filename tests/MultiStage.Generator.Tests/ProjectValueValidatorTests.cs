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

public class ProjectValueValidatorTests
{
    private static IReadOnlyList<string> Codes(ProjectFacts facts) => Validate(facts).Select(d => d.Code).ToList();

    private static List<Diagnostic> Validate(ProjectFacts facts)
    {
        var diagnostics = new List<Diagnostic>();
        ProjectValueValidator.Validate(facts, diagnostics);
        return diagnostics;
    }

    private static IReadOnlyList<PortSpec> Ports(params ContainerPort[] ports)
    {
        var diagnostics = new List<Diagnostic>();
        var valid = ProjectValueValidator.Validate(Projects.Web("net10.0") with { Ports = ports }, diagnostics);
        Assert.Empty(diagnostics);
        return valid;
    }

    [Fact]
    public void A_typical_project_has_no_problems()
    {
        Assert.Empty(Codes(Projects.Web("net10.0") with
        {
            Ports = new[] { new ContainerPort("8080", "tcp") },
            EnvironmentVariables = new[] { new NameValue("DOTNET_gcServer", "1"), new NameValue("My.Setting-1", "a \"b\" $c \\ d\te") },
            Labels = new[] { new NameValue("com.example/team", "payments") },
            ContainerUser = "app",
            ContainerWorkingDirectory = "/srv/app",
        }));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("70000")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("80/tcp")]
    [InlineData("")]
    [InlineData("8080\nRUN id")]
    public void A_port_that_is_not_a_number_from_1_to_65535_is_MULTISTAGE1010(string port)
    {
        Assert.Equal(new[] { "MULTISTAGE1010" }, Codes(Projects.Web("net10.0") with { Ports = new[] { new ContainerPort(port, "tcp") } }));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("8080", 8080)]
    [InlineData(" 5000 ", 5000)]
    [InlineData("65535", 65535)]
    public void A_port_from_1_to_65535_is_accepted(string port, int number)
    {
        Assert.Equal(new[] { new PortSpec(number, "tcp") }, Ports(new ContainerPort(port, "")));
    }

    [Theory]
    [InlineData("sctp")]
    [InlineData("tcp6")]
    [InlineData("http")]
    public void A_port_type_other_than_tcp_or_udp_is_MULTISTAGE1011(string type)
    {
        Assert.Equal(new[] { "MULTISTAGE1011" }, Codes(Projects.Web("net10.0") with { Ports = new[] { new ContainerPort("8080", type) } }));
    }

    [Fact]
    public void Port_types_are_case_insensitive_and_default_to_tcp()
    {
        var ports = Ports(new ContainerPort("53", "UDP"), new ContainerPort("8080", " "), new ContainerPort("8081", "Tcp"));

        Assert.Equal(new[] { "53/udp", "8080", "8081" }, ports.Select(p => p.ToString()));
    }

    [Fact]
    public void A_port_listed_twice_is_exposed_once()
    {
        Assert.Single(Ports(new ContainerPort("8080", "tcp"), new ContainerPort("8080", "TCP")));
    }

    [Theory]
    [InlineData("1STARTS_WITH_DIGIT")]
    [InlineData("HAS SPACE")]
    [InlineData("HAS=EQUALS")]
    [InlineData("")]
    [InlineData("A\nRUN id")]
    [InlineData("$HOME")]
    public void An_environment_variable_name_that_is_not_a_name_is_MULTISTAGE1012(string name)
    {
        Assert.Contains("MULTISTAGE1012", Codes(Projects.Console("net10.0") with { EnvironmentVariables = new[] { new NameValue(name, "x") } }));
    }

    [Theory]
    [InlineData("-starts-with-dash")]
    [InlineData("has space")]
    [InlineData("has\"quote")]
    [InlineData("")]
    [InlineData("a=b")]
    public void A_label_key_that_is_not_a_key_is_MULTISTAGE1013(string key)
    {
        Assert.Contains("MULTISTAGE1013", Codes(Projects.Console("net10.0") with { Labels = new[] { new NameValue(key, "x") } }));
    }

    [Fact]
    public void An_environment_value_with_a_line_break_is_MULTISTAGE1014()
    {
        Assert.Equal(new[] { "MULTISTAGE1014" }, Codes(Projects.Console("net10.0") with { EnvironmentVariables = new[] { new NameValue("A", "x\nRUN curl evil") } }));
    }

    [Fact]
    public void A_label_value_with_a_control_character_is_MULTISTAGE1014()
    {
        Assert.Equal(new[] { "MULTISTAGE1014" }, Codes(Projects.Console("net10.0") with { Labels = new[] { new NameValue("a", "x\u0000") } }));
    }

    [Fact]
    public void An_assembly_name_with_a_line_break_is_MULTISTAGE1014()
    {
        Assert.Equal(new[] { "MULTISTAGE1014" }, Codes(Projects.Console("net10.0") with { AssemblyName = "App\nRUN id" }));
    }

    [Theory]
    [InlineData("src/*/App.csproj")]
    [InlineData("src/$(Name)/App.csproj")]
    [InlineData("src/App\n/App.csproj")]
    public void A_project_path_that_cannot_be_placed_is_MULTISTAGE1014(string path)
    {
        Assert.Equal(new[] { "MULTISTAGE1014" }, Codes(Projects.Console("net10.0") with { ProjectPath = path }));
    }

    [Fact]
    public void A_restore_file_that_cannot_be_placed_is_MULTISTAGE1014()
    {
        Assert.Equal(new[] { "MULTISTAGE1014" }, Codes(Projects.Console("net10.0") with { RestoreFiles = new[] { "lib/[old]/Lib.csproj" } }));
    }

    [Fact]
    public void A_MULTISTAGE1014_message_spells_out_the_control_character()
    {
        var diagnostic = Assert.Single(Validate(Projects.Console("net10.0") with { EnvironmentVariables = new[] { new NameValue("A", "x\ny") } }));

        Assert.Contains("x\\u000ay", diagnostic.Message);
        Assert.Contains("a line break", diagnostic.Message);
    }

    [Theory]
    [InlineData("app user")]
    [InlineData("$(whoami)")]
    [InlineData("app:")]
    [InlineData(":app")]
    [InlineData("app\nRUN id")]
    [InlineData("$HOME")]
    public void A_container_user_that_is_not_a_user_is_MULTISTAGE1015(string user)
    {
        Assert.Equal(new[] { "MULTISTAGE1015" }, Codes(Projects.Console("net10.0") with { ContainerUser = user }));
    }

    [Theory]
    [InlineData("app")]
    [InlineData("1654")]
    [InlineData("app:app")]
    [InlineData("$APP_UID")]
    [InlineData("$APP_UID:1654")]
    public void A_user_name_or_id_with_an_optional_group_is_accepted(string user)
    {
        Assert.Empty(Codes(Projects.Console("net10.0") with { ContainerUser = user }));
    }

    [Theory]
    [InlineData("app")]
    [InlineData("./app")]
    [InlineData(@"C:\app")]
    [InlineData("/app dir")]
    [InlineData("/app;rm")]
    public void A_working_directory_that_is_not_an_absolute_Linux_path_is_MULTISTAGE1016(string directory)
    {
        Assert.Equal(new[] { "MULTISTAGE1016" }, Codes(Projects.Console("net10.0") with { ContainerWorkingDirectory = directory }));
    }

    [Theory]
    [InlineData("root")]
    [InlineData("0")]
    [InlineData("root:root")]
    [InlineData("0:0")]
    public void Running_as_root_is_the_MULTISTAGE1017_warning(string user)
    {
        var diagnostic = Assert.Single(Validate(Projects.Console("net10.0") with { ContainerUser = user }));

        Assert.Equal("MULTISTAGE1017", diagnostic.Code);
        Assert.False(diagnostic.IsError);
    }

    [Fact]
    public void Every_invalid_value_is_reported_not_only_the_first()
    {
        var codes = Codes(Projects.Console("net10.0") with
        {
            Ports = new[] { new ContainerPort("abc", "tcp"), new ContainerPort("80", "sctp") },
            EnvironmentVariables = new[] { new NameValue("1X", "y") },
            ContainerWorkingDirectory = "relative",
        });

        Assert.Equal(new[] { "MULTISTAGE1010", "MULTISTAGE1011", "MULTISTAGE1012", "MULTISTAGE1016" }, codes);
    }
}
