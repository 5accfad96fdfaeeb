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

public sealed class NuGetConfigTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Local_folder_sources_are_resolved_against_the_config_folder()
    {
        var path = folder.Write("repo/NuGet.config", """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                <add key="local" value="packages" />
                <add key="parent" value="../shared-feed/" />
                <add key="windows" value="build\feed" />
              </packageSources>
            </configuration>
            """);

        var config = NuGetConfig.Read(path);

        Assert.Equal(path, config.Path);
        Assert.Equal(
            new[] { folder.PathOf("repo/packages"), folder.PathOf("shared-feed") + Path.DirectorySeparatorChar, folder.PathOf("repo/build/feed") },
            config.LocalSources);
        Assert.False(config.HasCredentials);
    }

    [Fact]
    public void An_absolute_folder_source_is_kept_as_it_is()
    {
        var feed = folder.PathOf("elsewhere/feed");
        var path = folder.Write("NuGet.config", $"""<configuration><packageSources><add key="abs" value="{feed}" /></packageSources></configuration>""");

        Assert.Equal(new[] { feed }, NuGetConfig.Read(path).LocalSources);
    }

    [Theory]
    [InlineData("https://pkgs.dev.azure.com/org/_packaging/feed/nuget/v3/index.json")]
    [InlineData("http://localhost:5555/v3/index.json")]
    [InlineData("%FEED_PATH%")]
    [InlineData("$(FeedPath)")]
    [InlineData("")]
    public void Remote_and_variable_sources_are_not_local_folders(string value)
    {
        var path = folder.Write("NuGet.config", $"""<configuration><packageSources><add key="x" value="{value}" /></packageSources></configuration>""");

        Assert.Empty(NuGetConfig.Read(path).LocalSources);
    }

    [Fact]
    public void Credentials_in_the_file_are_noticed()
    {
        var path = folder.Write("nuget.config", """
            <configuration>
              <packageSources><add key="private" value="https://example.com/v3/index.json" /></packageSources>
              <packageSourceCredentials>
                <private>
                  <add key="Username" value="ci" />
                  <add key="ClearTextPassword" value="%FEED_TOKEN%" />
                </private>
              </packageSourceCredentials>
            </configuration>
            """);

        Assert.True(NuGetConfig.Read(path).HasCredentials);
    }

    [Fact]
    public void An_empty_credentials_section_is_no_credentials()
    {
        var path = folder.Write("nuget.config", "<configuration><packageSourceCredentials /></configuration>");

        Assert.False(NuGetConfig.Read(path).HasCredentials);
    }

    [Fact]
    public void A_config_that_is_not_XML_gives_nothing_and_does_not_throw()
    {
        var config = NuGetConfig.Read(folder.Write("NuGet.config", "<configuration><packageSources>"));

        Assert.Empty(config.LocalSources);
        Assert.False(config.HasCredentials);
    }

    [Theory]
    [InlineData("NuGet.config", true)]
    [InlineData("nuget.config", true)]
    [InlineData("NuGet.Config", true)]
    [InlineData("NUGET.CONFIG", true)]
    [InlineData("nuget.config.bak", false)]
    [InlineData("NuGet.Config.xml", false)]
    public void A_nuget_config_is_recognised_in_any_casing(string fileName, bool expected)
    {
        Assert.Equal(expected, NuGetConfig.IsNuGetConfigName(fileName));
    }
}
