using Xunit;

namespace MultiStage.Sdk.Tests.Templates;

/// <summary>dotnet new multistage-console, then dotnet build against the freshly packed SDK: the console app gets its Dockerfile.</summary>
public class ConsoleTemplateTests
{
    private const string Sdk = "mcr.microsoft.com/dotnet/sdk";

    public static TheoryData<string, string, string> Instances => new()
    {
        // options, build image, final image
        { "", $"{Sdk}:10.0-noble", "mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra" },
        { "--framework net8.0 --aot", $"{Sdk}:8.0-bookworm-slim", "mcr.microsoft.com/dotnet/runtime-deps:8.0-noble-chiseled" },
        { "--framework net9.0 --family noble", $"{Sdk}:9.0-noble", "mcr.microsoft.com/dotnet/runtime:9.0-noble" },
        { "--aot --family noble", $"{Sdk}:10.0-noble-aot", "mcr.microsoft.com/dotnet/runtime-deps:10.0-noble" },
    };

    [Theory]
    [MemberData(nameof(Instances))]
    public void The_console_template_builds_without_warnings_and_gets_a_Dockerfile_for_its_options(string options, string buildImage, string finalImage)
    {
        var chosen = new TemplateOptions(options);
        var instance = TemplateInstance.Create("multistage-console", "App", chosen.Arguments);
        GeneratedFiles.AssertPinsTheFreshSdk(instance);
        GeneratedFiles.AssertProject(instance, "App.csproj", "App.csproj", chosen, hasPortOption: false);
        GeneratedFiles.AssertContainerLaunchProfile(instance, string.Empty, httpPort: null);

        instance.BuildWithoutWarnings();

        Assert.Equal(new[] { "Dockerfile" }, instance.Dockerfiles());
        Assert.True(instance.Repository.FileExists(".dockerignore"));
        GeneratedFiles.AssertDockerfile(instance, "Dockerfile", "App", chosen, isWeb: false, buildImage, finalImage);
        // .NET 8 has no "-aot" SDK image: the build stage installs the native toolchain itself.
        Assert.Equal(chosen.Aot && chosen.Framework == "net8.0", instance.Repository.ReadFile("Dockerfile").Contains("clang"));
    }

    [Fact]
    public void Native_AOT_on_an_Azure_Linux_family_fails_the_build_naming_the_missing_image()
    {
        // The help says so: Azure Linux has no SDK image with the native toolchain.
        var instance = TemplateInstance.Create("multistage-console", "App", new[] { "--aot", "--family", "azurelinux3.0" });

        var result = instance.Repository.Build();

        Assert.False(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE3003" }, result.ErrorCodes);
        Assert.Empty(instance.Dockerfiles());
    }
}
