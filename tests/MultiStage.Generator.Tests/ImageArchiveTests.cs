using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>ContainerArchiveOutputPath: where the archive goes, the save command of each builder, and its errors.</summary>
public sealed class ImageArchiveTests : IDisposable
{
    private readonly string project = Directory.CreateTempSubdirectory("multistage-archive-").FullName;

    public void Dispose() => Directory.Delete(project, recursive: true);

    [Fact]
    public void Docker_saves_every_tag_of_the_image_into_one_archive()
    {
        Assert.Equal(
            new[] { "save", "-o", "/out/api.tar.tmp", "api:1.2", "api:latest" },
            ImageArchive.Save(ContainerBuilder.Docker, "/out/api.tar.tmp", new[] { "api:1.2", "api:latest" }));
    }

    [Fact]
    public void Podman_saves_every_tag_in_the_docker_archive_format()
    {
        Assert.Equal(
            new[] { "save", "--format", "docker-archive", "-o", "/out/api.tar.tmp", "api:1.2", "api:latest" },
            ImageArchive.Save(ContainerBuilder.Podman, "/out/api.tar.tmp", new[] { "api:1.2", "api:latest" }));
    }

    [Fact]
    public void Buildah_pushes_the_first_name_into_a_docker_archive_under_that_name()
    {
        Assert.Equal(
            new[] { "push", "localhost/shop/api:1.2", "docker-archive:/out/api.tar.tmp:localhost/shop/api:1.2" },
            ImageArchive.Save(ContainerBuilder.Buildah, "/out/api.tar.tmp", new[] { "localhost/shop/api:1.2", "localhost/shop/api:latest" }));
    }

    [Theory]
    [InlineData("artifacts/api-image.tar", "artifacts/api-image.tar")]
    [InlineData("artifacts/images/", "artifacts/images/api.tar")]
    [InlineData("artifacts\\images\\", "artifacts/images/api.tar")]
    [InlineData("../images/api.tar.gz", "../images/api.tar.gz")]
    [InlineData(" out/ ", "out/api.tar")]
    public void A_relative_path_starts_at_the_project_folder_and_a_trailing_separator_names_a_folder(string configured, string expected)
    {
        Assert.Equal(Expected(expected), ImageArchive.PathFor(configured, project, "api"));
    }

    [Fact]
    public void An_existing_folder_gets_the_repository_name_inside_it()
    {
        Directory.CreateDirectory(Path.Combine(project, "images"));

        Assert.Equal(Expected("images/api.tar"), ImageArchive.PathFor("images", project, "api"));
        Assert.Equal(Expected("images/shop/orders.tar"), ImageArchive.PathFor("images", project, "shop/orders"));
        Assert.Equal(Expected("other"), ImageArchive.PathFor("other", project, "api"));
    }

    [Fact]
    public void An_absolute_path_is_taken_as_is()
    {
        var absolute = Path.Combine(Path.GetTempPath(), "elsewhere", "api.tar");

        Assert.Equal(absolute, ImageArchive.PathFor(absolute, project, "api"));
    }

    [Fact]
    public void The_temporary_file_is_beside_the_archive_and_has_no_colon()
    {
        var archive = Path.Combine(project, "api.tar");
        var temporary = ImageArchive.TemporaryPathBeside(archive);

        Assert.Equal(project, Path.GetDirectoryName(temporary));
        Assert.StartsWith("api.tar.", Path.GetFileName(temporary), StringComparison.Ordinal);
        Assert.DoesNotContain(':', Path.GetFileName(temporary));
        Assert.NotEqual(temporary, ImageArchive.TemporaryPathBeside(archive));
    }

    [Fact]
    public void A_finished_save_replaces_the_archive_and_leaves_no_temporary_file()
    {
        var archive = Path.Combine(project, "api.tar");
        File.WriteAllText(archive, "old");
        var temporary = ImageArchive.TemporaryPathBeside(archive);
        File.WriteAllText(temporary, "new");

        ImageArchive.MoveIntoPlace(temporary, archive);

        Assert.Equal("new", File.ReadAllText(archive));
        Assert.Equal(new[] { archive }, Directory.GetFiles(project));
    }

    [Fact]
    public void A_failed_archive_is_an_error_naming_the_path_and_the_builders_message()
    {
        var diagnostic = DiagnosticDescriptors.ImageArchiveFailed.Create("/repo/out/api.tar", "'docker' exited with code 1: Error response from daemon: no space left on device");

        Assert.Equal("MULTISTAGE4007", diagnostic.Code);
        Assert.True(diagnostic.IsError);
        Assert.Contains("'/repo/out/api.tar'", diagnostic.Message);
        Assert.Contains("no space left on device", diagnostic.Message);
    }

    [Fact]
    public void An_archive_of_several_platforms_is_an_error_naming_them()
    {
        var diagnostic = DiagnosticDescriptors.ArchiveHoldsOnePlatform.Create("out/", "linux/amd64, linux/arm64");

        Assert.Equal("MULTISTAGE4008", diagnostic.Code);
        Assert.True(diagnostic.IsError);
        Assert.Contains("'out/'", diagnostic.Message);
        Assert.Contains("linux/amd64, linux/arm64", diagnostic.Message);
    }

    private string Expected(string relative) =>
        Path.GetFullPath(Path.Combine(project, relative.Replace('/', Path.DirectorySeparatorChar)));
}
