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

public sealed class GlobalJsonTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    private GlobalJsonSdk? Read(string content) => GlobalJson.ReadSdk(folder.Write("global.json", content));

    [Fact]
    public void The_version_and_rollForward_are_read()
    {
        Assert.Equal(new GlobalJsonSdk("10.0.100", "latestFeature"), Read("""{ "sdk": { "version": "10.0.100", "rollForward": "latestFeature" } }"""));
    }

    [Fact]
    public void A_missing_rollForward_is_empty()
    {
        Assert.Equal(new GlobalJsonSdk("9.0.300", ""), Read("""{ "sdk": { "version": " 9.0.300 " } }"""));
    }

    [Fact]
    public void Comments_and_trailing_commas_are_read_as_the_dotnet_host_reads_them()
    {
        Assert.Equal(new GlobalJsonSdk("11.0.100-preview.3", "patch"), Read("""
            {
              // pinned for the preview
              "sdk": {
                "version": "11.0.100-preview.3",
                "rollForward": "patch", /* exact */
              },
            }
            """));
    }

    [Theory]
    [InlineData("""{ "msbuild-sdks": { "MultiStage.Sdk": "1.0.0" } }""")]
    [InlineData("""{ "sdk": { "rollForward": "latestMajor" } }""")]
    [InlineData("""{ "sdk": { "version": "" } }""")]
    [InlineData("{}")]
    public void A_file_that_pins_no_SDK_gives_no_pin(string content)
    {
        Assert.Null(Read(content));
    }

    [Theory]
    [InlineData("{ \"sdk\": ")]
    [InlineData("not json")]
    [InlineData("")]
    public void A_broken_file_gives_no_pin(string content)
    {
        Assert.Null(Read(content));
    }

    [Fact]
    public void A_missing_file_gives_no_pin()
    {
        Assert.Null(GlobalJson.ReadSdk(folder.PathOf("absent/global.json")));
    }
}
