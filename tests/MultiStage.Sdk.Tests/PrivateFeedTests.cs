using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>Credentials for private feeds reach restore as build secrets, never through the context or a layer.</summary>
public class PrivateFeedTests
{
    private static string NuGetConfigWithCredentials(string password) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{TestRepository.LocalFeedFolder}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
            <add key="private" value="https://packages.example.com/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="local"><package pattern="MultiStage.*" /></packageSource>
            <packageSource key="nuget.org"><package pattern="*" /></packageSource>
          </packageSourceMapping>
          <packageSourceCredentials>
            <private>
              <add key="Username" value="%FEED_USER%" />
              <add key="ClearTextPassword" value="{password}" />
            </private>
          </packageSourceCredentials>
        </configuration>

        """;

    [Fact]
    public void Credentials_from_environment_variables_become_build_secrets()
    {
        var repository = TestRepository.Create("secret-variables")
            .WriteFile("NuGet.config", NuGetConfigWithCredentials("%FEED_TOKEN%"))
            .WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Empty(result.WarningCodes);
        var dockerfile = repository.ReadFile("App/Dockerfile");
        Assert.Contains("    --mount=type=secret,id=nuget,target=/root/.nuget/NuGet/NuGet.Config \\\n", dockerfile);
        Assert.Contains("    --mount=type=secret,id=FEED_TOKEN \\\n", dockerfile);
        Assert.Contains("    FEED_TOKEN=\"$(cat /run/secrets/FEED_TOKEN 2>/dev/null)\" \\\n", dockerfile);
        Assert.Contains("--secret id=FEED_TOKEN,env=FEED_TOKEN --secret id=FEED_USER,env=FEED_USER", dockerfile);
        // Publish restores nothing, so it gets no secret.
        Assert.Single(dockerfile.Split('\n'), l => l.Contains("id=FEED_TOKEN \\"));
        DockerfileLint.AssertClean(repository.PathOf("App/Dockerfile"));
    }

    [Fact]
    public void A_clear_text_password_is_a_warning()
    {
        var repository = TestRepository.Create("MULTISTAGE1026")
            .WriteFile("NuGet.config", NuGetConfigWithCredentials("s3cr3t"))
            .WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Equal(new[] { "MULTISTAGE1026" }, result.WarningCodes);
        Assert.Contains(repository.PathOf("NuGet.config"), result.Output);
        Assert.DoesNotContain("s3cr3t", repository.ReadFile("App/Dockerfile"));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void MultiStageNuGetSecret_forces_the_secret_on_or_off(string value, bool mounted)
    {
        var repository = TestRepository.Create("secret-property-" + value)
            .WriteFile("NuGet.config", value == "false" ? NuGetConfigWithCredentials("%FEED_TOKEN%") : TestRepository.NuGetConfig(TestRepository.LocalFeedFolder))
            .WriteProject("App/App.csproj", Projects.Console(properties: $"<MultiStageNuGetSecret>{value}</MultiStageNuGetSecret>"), Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        var dockerfile = repository.ReadFile("App/Dockerfile");
        Assert.Equal(mounted, dockerfile.Contains("--mount=type=secret,id=nuget,"));
        Assert.Equal(mounted, dockerfile.Contains("--secret id=nuget,src=$HOME/.nuget/NuGet/NuGet.Config"));
        Assert.DoesNotContain("FEED_TOKEN", dockerfile);
    }

    [Fact]
    public void The_dockerignore_keeps_local_secrets_out_of_the_context()
    {
        var repository = TestRepository.Create("dockerignore-secrets")
            .WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram());

        Assert.True(repository.Build("App/App.csproj").Succeeded);

        var ignored = repository.ReadFile(".dockerignore").Split('\n');
        foreach (var pattern in new[] { "**/.env", "**/.env.*", "**/secrets.json", "**/*.pfx", "**/*.key", "**/*.pem", "**/.git" })
        {
            Assert.Contains(pattern, ignored);
        }
    }
}
