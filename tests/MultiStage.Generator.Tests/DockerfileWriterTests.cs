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

/// <summary>Single behaviours of the Dockerfile writer that the golden files show only as a whole.</summary>
public class DockerfileWriterTests
{
    [Theory]
    [InlineData("tr-TR")]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    public void The_bytes_do_not_depend_on_the_machine_culture(string culture)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            var invariant = GoldenScenarios.All.ToDictionary(s => s.Key, s => Generate.Text(s.Value));
            // Turkish casing (I/ı), comma decimals and non-Latin digits break culture-sensitive formatting or lowercasing.
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
            foreach (var (scenario, facts) in GoldenScenarios.All)
            {
                Assert.True(invariant[scenario] == Generate.Text(facts), $"{scenario} differs under {culture}");
            }

            Assert.Equal("image.name", ImagePlanner.ImageName("IMAGE.NAME"));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }

    [Fact]
    public void Equal_facts_built_separately_give_identical_bytes()
    {
        ProjectFacts Build() => Projects.Web("net10.0") with
        {
            RestoreFiles = new List<string> { "Directory.Build.props", "src/Core/Core.csproj" },
            Labels = new[] { new NameValue("a", "b") },
        };

        Assert.Equal(Generate.Text(Build()), Generate.Text(Build()));
    }

    [Fact]
    public void The_order_restore_files_are_reported_in_does_not_change_the_output()
    {
        var files = new[] { "src/Core/Core.csproj", "NuGet.config", "Directory.Build.props", "lib/Lib.csproj", "global.json" };

        Assert.Equal(
            Generate.Text(Projects.Web("net10.0") with { RestoreFiles = files }),
            Generate.Text(Projects.Web("net10.0") with { RestoreFiles = files.Reverse().ToArray() }));
    }

    [Fact]
    public void The_output_has_only_LF_line_endings_and_ends_with_one()
    {
        var text = Generate.Text(GoldenScenarios.All["env-and-labels-escaped"]);

        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("\n", text);
        Assert.False(text.EndsWith("\n\n", StringComparison.Ordinal));
    }

    [Fact]
    public void The_marker_line_makes_the_file_recognisably_generated()
    {
        Assert.True(GeneratedFileMarker.IsGenerated(Generate.Text(Projects.Console("net10.0"))));
    }

    [Fact]
    public void Restore_files_are_copied_to_their_own_folders_with_the_context_roots_files_first()
    {
        var lines = Generate.Lines(Projects.Console("net10.0") with { RestoreFiles = new[] { "lib/Lib.csproj", "global.json", "Directory.Build.props" } });

        Assert.Equal(
            new[]
            {
                "COPY [\"Directory.Build.props\", \"global.json\", \"./\"]",
                "COPY [\"App/App.csproj\", \"App/\"]",
                "COPY [\"lib/Lib.csproj\", \"lib/\"]",
            },
            lines.Where(l => l.StartsWith("COPY [", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_local_feed_folder_is_copied_before_restore()
    {
        var text = Generate.Text(Projects.Console("net10.0") with { RestoreFolders = new[] { "packages/local/" } });

        Assert.True(
            text.IndexOf("COPY [\"packages/local/\", \"packages/local/\"]\n", StringComparison.Ordinal) is var copy and >= 0
            && copy < text.IndexOf("dotnet restore", StringComparison.Ordinal));
    }

    [Fact]
    public void A_project_path_with_a_space_is_quoted_everywhere_it_appears()
    {
        var text = Generate.Text(Projects.Console("net10.0") with { ProjectPath = "My App/My App.csproj", DockerfilePath = "My App/Dockerfile", AssemblyName = "My App", ContainerRepository = "my app" });

        Assert.Contains("docker build -f 'My App/Dockerfile' -t my-app .\n", text);
        Assert.Contains("COPY [\"My App/My App.csproj\", \"My App/\"]\n", text);
        Assert.Contains("dotnet restore \"My App/My App.csproj\" ", text);
        Assert.Contains("dotnet publish \"My App/My App.csproj\" ", text);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"My App.dll\"]\n", text);
    }

    [Fact]
    public void Restore_and_publish_share_the_NuGet_cache_mount()
    {
        var runs = Generate.Lines(Projects.Console("net10.0")).Where(l => l.StartsWith("RUN ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal("RUN --mount=type=cache,id=nuget,target=/root/.local/share/NuGet/http-cache \\", r));
    }

    [Fact]
    public void The_final_stage_runs_as_the_images_app_user()
    {
        Assert.Contains("\nUSER 1654\n", Generate.Text(Projects.Console("net8.0")));
    }

    [Fact]
    public void ContainerUser_replaces_the_default_user()
    {
        Assert.Contains("\nUSER 1000:1000\n", Generate.Text(Projects.Console("net10.0") with { ContainerUser = "1000:1000" }));
    }

    [Theory]
    [InlineData("/srv/app", "WORKDIR /srv/app")]
    [InlineData("/srv/app/", "WORKDIR /srv/app")]
    [InlineData("//srv/./app/../app", "WORKDIR /srv/app")]
    public void ContainerWorkingDirectory_is_the_base_stages_WORKDIR_and_so_the_final_stages(string directory, string expected)
    {
        var lines = Generate.Lines(Projects.Console("net10.0") with { ContainerWorkingDirectory = directory }).ToList();
        var selfContained = Generate.Lines(Projects.Console("net10.0") with { ContainerWorkingDirectory = directory, SelfContained = true }).ToList();

        Assert.Equal(expected, lines[lines.FindIndex(l => l.EndsWith(" AS base", StringComparison.Ordinal)) + 1]);
        Assert.Equal(new[] { expected, "WORKDIR /src" }, lines.Where(l => l.StartsWith("WORKDIR", StringComparison.Ordinal)));
        Assert.Equal(new[] { expected, "WORKDIR /src", expected }, selfContained.Where(l => l.StartsWith("WORKDIR", StringComparison.Ordinal)));
    }

    [Fact]
    public void App_command_arguments_follow_the_entry_point_and_default_arguments_are_CMD()
    {
        var text = Generate.Text(Projects.Console("net10.0") with { AppCommandArgs = new[] { "--mode", "a b" }, DefaultArgs = new[] { "--port", "\"1\"" } });

        Assert.Contains("ENTRYPOINT [\"dotnet\", \"App.dll\", \"--mode\", \"a b\"]\nCMD [\"--port\", \"\\\"1\\\"\"]\n", text);
    }

    [Fact]
    public void The_header_shows_the_docker_build_command_from_the_context_folder()
    {
        var lines = Generate.Lines(Projects.Console("net10.0") with { DockerfilePath = "src/App/Dockerfile", ContainerRepository = "My Org/My_App!" });

        Assert.Equal("# Build from the context folder (../..): docker build -f src/App/Dockerfile -t my-org/my_app .", lines[1]);
    }

    [Fact]
    public void No_syntax_directive_makes_BuildKit_fetch_a_frontend_image_unless_asked_for()
    {
        Assert.StartsWith("# Generated by MultiStage.Sdk", Generate.Text(Projects.Console("net10.0")));
        Assert.DoesNotContain("# syntax=", Generate.Text(Projects.Console("net10.0")));

        var lines = Generate.Lines(Projects.Console("net10.0") with { DockerfileSyntax = "docker/dockerfile:1.7" });

        Assert.Equal("# syntax=docker/dockerfile:1.7", lines[0]);
        Assert.StartsWith("# Generated by MultiStage.Sdk", lines[1]);
    }

    [Theory]
    [InlineData("docker/dockerfile:1\nRUN id")]
    [InlineData("docker/dockerfile 1")]
    public void A_MultiStageDockerfileSyntax_that_is_no_image_reference_is_an_error(string syntax)
    {
        var result = Generate.Dockerfile(Projects.Console("net10.0") with { DockerfileSyntax = syntax });

        Assert.Null(result.Text);
        Assert.Equal("MULTISTAGE1024", Assert.Single(result.Diagnostics).Code);
        Assert.Contains("MultiStageDockerfileSyntax", result.Diagnostics[0].Message);
    }

    [Theory]
    [InlineData("api", "api")]
    [InlineData("My.App", "my.app")]
    [InlineData("example/api", "example/api")]
    [InlineData("Über App", "ber-app")]
    [InlineData("My Org/My_App!", "my-org/my_app")]
    [InlineData("!!!", "app")]
    [InlineData(null, "app")]
    public void The_image_name_is_ContainerRepository_made_a_valid_repository_name(string? repository, string expected)
    {
        Assert.Equal(expected, ImagePlanner.ImageName(repository));
        Assert.Equal(expected, Generate.Plan(Projects.Console("net10.0") with { ContainerRepository = repository }).ImageName);
    }

    /// <summary>
    /// The app's stages run nothing unless a customization item asks for it on an image with a shell; a shell-less
    /// image's stages never do (its parts are made in a parts stage).
    /// </summary>
    [Fact]
    public void There_is_no_RUN_in_the_app_stages_but_what_customization_asks_on_an_image_with_a_shell()
    {
        foreach (var (scenario, facts) in GoldenScenarios.All)
        {
            var text = Generate.Text(facts);
            var appStages = AppStages(text);
            var shellless = appStages.All(s => s.Image.Contains("chiseled", StringComparison.Ordinal) || s.Image.Contains("distroless", StringComparison.Ordinal));
            var customized = facts.OsPackages.Count > 0 || facts.WritableFolders.Count > 0 || facts.CaCertificates.Any(c => c.Runtime);

            Assert.True(
                appStages.All(s => !s.Lines.Any(l => l.StartsWith("RUN ", StringComparison.Ordinal))) || (customized && !shellless),
                scenario);
        }
    }

    /// <summary>The base and final stages: their image and lines.</summary>
    private static List<(string Image, List<string> Lines)> AppStages(string text)
    {
        var stages = new List<(string Name, string Image, List<string> Lines)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("FROM ", StringComparison.Ordinal))
            {
                var words = line.Split(' ');
                stages.Add((words[^1], words[^3], new List<string>()));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Lines.Add(line);
            }
        }

        var images = stages.ToDictionary(s => s.Name, s => s.Image);
        return stages.Where(s => s.Name is "base" or "final")
            .Select(s => (images.TryGetValue(s.Image, out var earlier) ? earlier : s.Image, s.Lines))
            .ToList();
    }

    [Fact]
    public void An_invalid_value_stops_the_Dockerfile_with_its_code()
    {
        var result = Generate.Dockerfile(Projects.Console("net10.0") with { Ports = new[] { new ContainerPort("http", "tcp") } });

        Assert.Null(result.Text);
        Assert.Equal("MULTISTAGE1010", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void An_image_selection_error_stops_the_Dockerfile_with_its_code()
    {
        var result = Generate.Dockerfile(Projects.Console("net48"));

        Assert.Null(result.Text);
        Assert.Null(result.Plan);
        Assert.Equal("MULTISTAGE1001", Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void A_warning_does_not_stop_the_Dockerfile()
    {
        var result = Generate.Dockerfile(Projects.Console("net10.0") with { ContainerUser = "root" });

        Assert.NotNull(result.Text);
        Assert.Equal("MULTISTAGE1017", Assert.Single(result.Diagnostics).Code);
        Assert.Contains("\nUSER root\n", result.Text);
    }
}
