using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>The image targets and compose.yaml, as far as they go without building an image.</summary>
public partial class LocalLoopTests
{
    [Fact]
    public void Building_an_image_without_a_builder_is_an_error_that_says_what_was_looked_for()
    {
        var repository = TestRepository.Create("MULTISTAGE4001")
            .WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram());

        // Only the dotnet CLI's own folder on PATH: no container builder can be found.
        var dotnetFolder = Path.GetDirectoryName(Environment.ProcessPath!)!;
        var result = repository.Dotnet("build", "App/App.csproj", new Dictionary<string, string?> { ["PATH"] = dotnetFolder }, "-t:MultiStageContainerImage");

        Assert.False(result.Succeeded);
        Assert.Contains("MULTISTAGE4001", result.ErrorCodes);
        Assert.Contains("looked for docker (with a running engine), podman, buildah", result.Output);
        Assert.True(repository.FileExists("App/Dockerfile"), "the Dockerfile is generated without any builder");
    }

    [Fact]
    public void Building_an_image_of_a_library_is_an_error()
    {
        var repository = TestRepository.Create("MULTISTAGE4003")
            .WriteProject("Lib/Lib.csproj", Projects.Console().Replace("<OutputType>Exe</OutputType>", "<OutputType>Library</OutputType>"));
        repository.WriteFile("Lib/Class1.cs", "namespace Lib;\npublic static class Class1 { }\n");

        var result = repository.Build("Lib/Lib.csproj", "-t:MultiStageContainerImage");

        Assert.False(result.Succeeded);
        Assert.Contains("MULTISTAGE4003", result.ErrorCodes);
    }

    [Fact]
    public void Running_with_buildah_alone_is_an_error()
    {
        var repository = TestRepository.Create("MULTISTAGE4004")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerBuilder>buildah</MultiStageContainerBuilder>"), Projects.ConsoleProgram());

        // The run target is checked before any image is built, so this needs no image.
        var result = repository.Build("App/App.csproj", "-t:_MultiStageCheckContainerRunner");

        Assert.False(result.Succeeded);
        Assert.Contains("MULTISTAGE4004", result.ErrorCodes);
    }

    [Fact]
    public void An_archive_of_several_platforms_stops_before_any_builder_is_looked_for()
    {
        var repository = TestRepository.Create("MULTISTAGE4008")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<ContainerRuntimeIdentifiers>linux-x64;linux-arm64</ContainerRuntimeIdentifiers><ContainerArchiveOutputPath>out/</ContainerArchiveOutputPath>"), Projects.ConsoleProgram());

        var result = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(), "-t:MultiStageContainerImage");

        Assert.False(result.Succeeded);
        Assert.Equal(new[] { "MULTISTAGE4008" }, result.ErrorCodes);
        Assert.Contains("linux/amd64, linux/arm64", result.Output);
    }

    [Fact]
    public void The_archive_lands_in_the_folder_named_and_its_path_is_the_GeneratedArchiveOutputPath_property()
    {
        var repository = TestRepository.Create("archive")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerBuilder>buildah</MultiStageContainerBuilder><ContainerArchiveOutputPath>../artifacts/images/</ContainerArchiveOutputPath>"), Projects.ConsoleProgram());
        var tools = StandInBuildah(repository, "printf 'archive of %s\\n' \"$2\" > \"$archive\"");

        var result = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(tools), "-t:MultiStageContainerImage", "-getProperty:GeneratedArchiveOutputPath");

        Assert.True(result.Succeeded, result.Output);
        var archive = repository.PathOf("artifacts/images/app.tar");
        Assert.Contains(archive, result.Output);
        Assert.Equal("archive of app:latest\n", repository.ReadFile("artifacts/images/app.tar"));
        Assert.Equal(new[] { archive }, Directory.GetFiles(repository.PathOf("artifacts/images")));
    }

    [Fact]
    public void A_failed_save_is_an_error_naming_the_path_and_leaves_the_older_archive_as_it_was()
    {
        var repository = TestRepository.Create("MULTISTAGE4007")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerBuilder>buildah</MultiStageContainerBuilder><ContainerArchiveOutputPath>app-image.tar</ContainerArchiveOutputPath>"), Projects.ConsoleProgram())
            .WriteFile("App/app-image.tar", "the older archive");
        var tools = StandInBuildah(repository, "printf half > \"$archive\"; echo 'Error: writing blob: no space left on device' >&2; exit 125");

        var result = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(tools), "-t:MultiStageContainerImage");

        Assert.False(result.Succeeded);
        Assert.Equal(new[] { "MULTISTAGE4007" }, result.ErrorCodes);
        Assert.Contains($"'{repository.PathOf("App/app-image.tar")}'", result.Output);
        Assert.Contains("exited with code 125: Error: writing blob: no space left on device", result.Output);
        Assert.Equal("the older archive", repository.ReadFile("App/app-image.tar"));
        Assert.DoesNotContain(Directory.GetFiles(repository.PathOf("App")), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void The_sbom_is_copied_out_of_the_image_beside_the_build_state_and_its_path_is_the_GeneratedSbomPath_property()
    {
        var repository = TestRepository.Create("sbom-copy")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerBuilder>buildah</MultiStageContainerBuilder>"), Projects.ConsoleProgram())
            .WriteFile("rootfs/usr/share/sbom/app.cdx.json", "{\"bomFormat\": \"CycloneDX\"}\n");
        var calls = repository.PathOf("buildah-calls.txt");
        var tools = StandInBuildah(repository, "true", $"echo \"$*\" >> {calls}; case \"$1\" in from) echo app-working-container ;; mount) echo {repository.PathOf("rootfs")} ;; esac");

        var result = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(tools), "-t:MultiStageContainerImage", "-getProperty:GeneratedSbomPath");

        Assert.True(result.Succeeded, result.Output);
        var copy = Directory.GetFiles(repository.PathOf("App/obj"), "App.multistage.sbom.cdx.json", SearchOption.AllDirectories).Single();
        Assert.Contains(copy, result.Output);
        Assert.Equal("{\"bomFormat\": \"CycloneDX\"}\n", File.ReadAllText(copy));
        Assert.Equal(new[] { "from --pull=never app:latest", "mount app-working-container", "umount app-working-container", "rm app-working-container" }, File.ReadAllLines(calls).Where(l => !l.StartsWith("bud", StringComparison.Ordinal) && !l.StartsWith("inspect", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_sbom_that_cannot_be_copied_is_a_warning_and_ContainerGenerateSbom_false_asks_for_none()
    {
        var repository = TestRepository.Create("MULTISTAGE4030")
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageContainerBuilder>buildah</MultiStageContainerBuilder>"), Projects.ConsoleProgram());
        var tools = StandInBuildah(repository, "true", "case \"$1\" in from) echo 'Error: image not known' >&2; exit 125 ;; inspect) echo '{\"config\":{}}' ;; esac");

        var copyFails = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(tools), "-t:MultiStageContainerImage");
        var noSbom = repository.Dotnet("build", "App/App.csproj", OnlyOnPath(tools), "-t:MultiStageContainerImage", "-p:ContainerGenerateSbom=false");

        Assert.True(copyFails.Succeeded, copyFails.Output);
        Assert.Equal(new[] { "MULTISTAGE4030" }, copyFails.WarningCodes);
        Assert.Contains("Error: image not known", copyFails.Output);
        Assert.True(noSbom.Succeeded, noSbom.Output);
        Assert.Empty(noSbom.WarningCodes);
        Assert.DoesNotContain("/app/sbom", repository.ReadFile("App/Dockerfile"));
    }

    [Fact]
    public void Compose_holds_one_service_per_project_that_asks_for_it()
    {
        var compose = "<MultiStageGenerateCompose>true</MultiStageGenerateCompose>";
        var repository = TestRepository.Create("compose", markAsRepositoryRoot: false)
            .WriteFile("All.slnx", "<Solution>\n  <Project Path=\"Api/Api.csproj\" />\n  <Project Path=\"Jobs/Jobs.csproj\" />\n  <Project Path=\"Tool/Tool.csproj\" />\n</Solution>\n")
            .WriteProject("Api/Api.csproj", Projects.Web(properties: compose, items: "<ContainerEnvironmentVariable Include=\"GREETING\" Value=\"hi $USER\" />"), Projects.WebProgram())
            .WriteProject("Jobs/Jobs.csproj", Projects.Console(properties: compose), Projects.ConsoleProgram())
            .WriteProject("Tool/Tool.csproj", Projects.Console(), Projects.ConsoleProgram());

        var result = repository.Build("All.slnx", "-m:4");

        Assert.True(result.Succeeded, result.Output);
        var text = repository.ReadFile("compose.yaml");
        Assert.Contains("  # service from Api/Api.csproj\n  api:\n    build:\n      context: .\n      dockerfile: \"Api/Dockerfile\"\n", text);
        Assert.Contains("      - \"8080:8080\"\n", text);
        Assert.Contains("      \"GREETING\": \"hi $$USER\"\n", text);
        Assert.Contains("  # service from Jobs/Jobs.csproj\n  jobs:\n", text);
        Assert.DoesNotContain("tool", text);
    }

    [Fact]
    public void A_compose_file_the_sdk_did_not_write_is_left_alone()
    {
        const string own = "services:\n  db:\n    image: postgres\n";
        var repository = TestRepository.Create("MULTISTAGE2004")
            .WriteFile("docker-compose.yml", own)
            .WriteProject("App/App.csproj", Projects.Console(properties: "<MultiStageGenerateCompose>true</MultiStageGenerateCompose>"), Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE2004" }, result.WarningCodes);
        Assert.Equal(own, repository.ReadFile("docker-compose.yml"));
        Assert.False(repository.FileExists("compose.yaml"));
    }

    /// <summary>PATH with only the dotnet CLI's folder, and <paramref name="tools"/> when given: no real container builder.</summary>
    private static Dictionary<string, string?> OnlyOnPath(string? tools = null)
    {
        var dotnetFolder = Path.GetDirectoryName(Environment.ProcessPath!)!;
        return new Dictionary<string, string?> { ["PATH"] = tools is null ? dotnetFolder : tools + Path.PathSeparator + dotnetFolder };
    }

    /// <summary>
    /// A buildah that builds nothing and runs <paramref name="push"/> for <c>buildah push IMAGE docker-archive:PATH:NAME</c>,
    /// with $archive the PATH: the task's side of saving an archive, without an image; <paramref name="other"/> for
    /// every other command.
    /// </summary>
    private static string StandInBuildah(TestRepository repository, string push, string other = "true")
    {
        repository.WriteFile("tools/buildah", $"#!/bin/sh\ncase \"$1\" in\n  push) archive=\"${{3#docker-archive:}}\"; archive=\"${{archive%%:*}}\"; {push} ;;\n  *) {other} ;;\nesac\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(repository.PathOf("tools/buildah"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return repository.PathOf("tools");
    }
}
