using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// Values reach the Dockerfile exactly as the project wrote them: item Includes differing only in case stay apart
/// (MSBuild batching would merge them), and package metadata with apostrophes and MSBuild's own characters becomes
/// labels intact.
/// </summary>
public class ExactValuesTests
{
    [Fact]
    public void Items_whose_Includes_differ_only_in_case_each_reach_the_Dockerfile()
    {
        var repository = TestRepository.Create("case-only-differences")
            .WriteFile("App/config/A.txt", "upper\n")
            .WriteFile("App/config/a.txt", "lower\n")
            .WriteProject(
                "App/App.csproj",
                Projects.Console(items: """
                    <ContainerEnvironmentVariable Include="Foo" Value="1" />
                    <ContainerEnvironmentVariable Include="FOO" Value="2" />
                    <MultiStageImageFile Include="config/A.txt" Destination="/etc/app/upper.txt" />
                    <MultiStageImageFile Include="config/a.txt" Destination="/etc/app/lower.txt" />
                    <ContainerLabel Include="com.example.Team" Value="upper" />
                    <ContainerLabel Include="com.example.team" Value="lower" />
                    """),
                Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Empty(result.WarningCodes);
        var dockerfile = repository.ReadFile("App/Dockerfile");
        Assert.Contains("ENV Foo=\"1\"\nENV FOO=\"2\"\n", dockerfile);
        Assert.Contains("\"App/config/A.txt\", \"/etc/app/upper.txt\"]\n", dockerfile);
        Assert.Contains("\"App/config/a.txt\", \"/etc/app/lower.txt\"]\n", dockerfile);
        Assert.Contains("LABEL \"com.example.Team\"=\"upper\"\nLABEL \"com.example.team\"=\"lower\"\n", dockerfile);
    }

    [Fact]
    public void Package_metadata_with_apostrophes_and_MSBuild_characters_becomes_labels_intact()
    {
        // %24 is '$', %40 '@', %25 '%' in MSBuild: the project means the characters themselves.
        var repository = TestRepository.Create("label-values")
            .WriteProject(
                "App/App.csproj",
                Projects.Console(properties: """
                    <Title>Bob's "Shop" API</Title>
                    <Description>Bob's API:
                        uses %24(Version), %40(Items), %25(Meta), 100%2525 `tick`; semi</Description>
                    <Authors>O'Brien; D'Arcy</Authors>
                    <Company>Bob's %24(Company) `Inc`</Company>
                    <PackageLicenseExpression>MIT OR Bob's-%40(License)</PackageLicenseExpression>
                    <PackageProjectUrl>https://example.com/bob's?q=%24(Url)</PackageProjectUrl>
                    <RepositoryUrl>https://example.com/o'brien/%25(Repo).git</RepositoryUrl>
                    """),
                Projects.ConsoleProgram());

        var result = repository.Build("App/App.csproj");

        Assert.True(result.Succeeded, result.Output);
        Assert.Empty(result.WarningCodes);
        var dockerfile = repository.ReadFile("App/Dockerfile");
        Assert.Contains("LABEL \"org.opencontainers.image.title\"=\"Bob's \\\"Shop\\\" API\"\n", dockerfile);
        Assert.Contains("LABEL \"org.opencontainers.image.description\"=\"Bob's API: uses \\$(Version), @(Items), %(Meta), 100%25 `tick`; semi\"\n", dockerfile);
        Assert.Contains("LABEL \"org.opencontainers.image.authors\"=\"O'Brien; D'Arcy\"\n", dockerfile);
        Assert.Contains("LABEL \"org.opencontainers.image.vendor\"=\"Bob's \\$(Company) `Inc`\"\n", dockerfile);
        Assert.Contains("LABEL \"org.opencontainers.image.licenses\"=\"MIT OR Bob's-@(License)\"\n", dockerfile);
        Assert.Contains("LABEL \"org.opencontainers.image.url\"=\"https://example.com/bob's?q=\\$(Url)\"\n", dockerfile);
        Assert.Contains("LABEL \"org.opencontainers.image.source\"=\"https://example.com/o'brien/%(Repo).git\"\n", dockerfile);
        DockerfileLint.AssertClean(repository.PathOf("App/Dockerfile"));
    }
}
