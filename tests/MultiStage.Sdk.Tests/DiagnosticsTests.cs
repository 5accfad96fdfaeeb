using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// Every diagnostic code through a real build: an error names the property and the value, fails the build and
/// writes nothing; a warning leaves the build green. The cases are built one family per dotnet build
/// (<see cref="DiagnosticBatches"/>), each in a repository of its own; a new row here joins its family's build.
/// </summary>
public class DiagnosticsTests
{
    public static TheoryData<string, string, string, string> PropertyErrors => new()
    {
        // code, project properties, project items, text the message must contain
        { "MULTISTAGE1010", "", "<ContainerPort Include=\"abc\" />", "ContainerPort 'abc'" },
        { "MULTISTAGE1010", "", "<ContainerPort Include=\"0\" />", "ContainerPort '0'" },
        { "MULTISTAGE1010", "", "<ContainerPort Include=\"70000\" />", "ContainerPort '70000'" },
        { "MULTISTAGE1010", "", "<ContainerPort Include=\"8080/sctp\" />", "ContainerPort '8080/sctp'" },
        { "MULTISTAGE1011", "", "<ContainerPort Include=\"8080\" Type=\"sctp\" />", "Type 'sctp'" },
        { "MULTISTAGE1012", "", "<ContainerEnvironmentVariable Include=\"1BAD\" Value=\"x\" />", "ContainerEnvironmentVariable '1BAD'" },
        { "MULTISTAGE1013", "", "<ContainerLabel Include=\"bad key\" Value=\"x\" />", "ContainerLabel 'bad key'" },
        { "MULTISTAGE1014", "", "<ContainerEnvironmentVariable Include=\"GREETING\" Value=\"line one&#10;RUN rm -rf /\" />", "ContainerEnvironmentVariable 'GREETING' Value" },
        { "MULTISTAGE1014", "", "<ContainerLabel Include=\"note\" Value=\"a&#13;b\" />", "ContainerLabel 'note' Value" },
        { "MULTISTAGE1015", "<ContainerUser>bad user</ContainerUser>", "", "ContainerUser 'bad user'" },
        { "MULTISTAGE1016", "<ContainerWorkingDirectory>relative/dir</ContainerWorkingDirectory>", "", "ContainerWorkingDirectory 'relative/dir'" },
        { "MULTISTAGE1021", "<MultiStageBuildContext>../does-not-exist</MultiStageBuildContext>", "", "MultiStageBuildContext '../does-not-exist'" },
        { "MULTISTAGE1022", "", "<ProjectReference Include=\"../Missing/Missing.csproj\" />", "Missing.csproj" },
        { "MULTISTAGE1024", "<ContainerBaseImage>not an image!</ContainerBaseImage>", "", "ContainerBaseImage 'not an image!'" },
        { "MULTISTAGE1024", "<MultiStageBuildImage>sdk image</MultiStageBuildImage>", "", "MultiStageBuildImage 'sdk image'" },
        { "MULTISTAGE1050", "", "<ContainerPort Include=\"8080\" /><ContainerHealthCheck Include=\"/a\" /><ContainerHealthCheck Include=\"/b\" />", "ContainerHealthCheck is given more than once ('/a', '/b')" },
        { "MULTISTAGE1051", "", "<ContainerPort Include=\"8080\" /><ContainerHealthCheck Include=\"healthz\" />", "ContainerHealthCheck 'healthz'" },
        { "MULTISTAGE1052", "", "<ContainerPort Include=\"8080\" /><ContainerHealthCheck Include=\"/healthz\" Interval=\"30\" />", "ContainerHealthCheck Interval '30'" },
        { "MULTISTAGE1053", "", "<ContainerHealthCheck Include=\"/healthz\" />", "ContainerHealthCheck '/healthz' needs a TCP port" },
        { "MULTISTAGE1054", "<SelfContained>true</SelfContained><RuntimeIdentifier>linux-x64</RuntimeIdentifier>", "<ContainerPort Include=\"8080\" /><ContainerHealthCheck Include=\"/healthz\" />", "ContainerHealthCheck '/healthz' needs dotnet in the image or Native AOT" },
        { "MULTISTAGE3001", "<RuntimeIdentifiers>linux-x64;linux-musl-x64</RuntimeIdentifiers>", "", "linux-x64;linux-musl-x64" },
        { "MULTISTAGE3003", "<ContainerFamily>bookworm-slim</ContainerFamily>", "", "runtime:10.0-bookworm-slim" },
        { "MULTISTAGE3003", "<ContainerFamily>windowsservercore</ContainerFamily>", "", "ContainerFamily 'windowsservercore'" },
        { "MULTISTAGE3004", "<MultiStagePinDigests>true</MultiStagePinDigests>", "", "mcr.microsoft.com/dotnet/sdk:10.0-noble" },
        { "MULTISTAGE3005", "<MultiStagePinDigests>true</MultiStagePinDigests>", "<MultiStageImageDigest Include=\"mcr.microsoft.com/dotnet/sdk:10.0-noble\" Digest=\"sha1:abc\" />", "Digest 'sha1:abc'" },
        { "MULTISTAGE3006", "<ContainerFamily>alpine</ContainerFamily><RuntimeIdentifier>linux-x64</RuntimeIdentifier>", "", "ContainerFamily 'alpine'" },
    };

    [Theory]
    [MemberData(nameof(PropertyErrors))]
    public void A_bad_value_is_an_error_that_names_it_and_writes_nothing(string code, string properties, string items, string named)
    {
        var result = DiagnosticBatches.Case(CaseName(code, properties, items, named));

        AssertFailedWithNothingWritten(result, code, named);
    }

    [Fact]
    public void Every_code_has_a_documentation_page()
    {
        var documented = Directory.GetFiles(Path.Combine(Repository.Root, "docs", "diagnostics"), "MULTISTAGE*.md").Select(Path.GetFileNameWithoutExtension).ToHashSet();

        foreach (var descriptor in Generator.Diagnostics.DiagnosticDescriptors.All)
        {
            Assert.Contains(descriptor.Code, documented);
        }
    }

    /// <summary>A row's case: its code and its place in the table, which tells rows of one code apart.</summary>
    internal static string CaseName(string code, string properties, string items, string named) =>
        $"{code}-row{Rows.FindIndex(r => r.SequenceEqual(new object[] { code, properties, items, named }))}";

    internal static List<object[]> Rows => PropertyErrors.ToList();

    /// <summary>
    /// The expected error, naming the value, and not one generated file in the case's repository. Other errors may
    /// come with it (a bad digest leaves the runtime image without one, MULTISTAGE3004 beside MULTISTAGE3005).
    /// </summary>
    internal static void AssertFailedWithNothingWritten(CaseResult result, string code, string named)
    {
        Assert.True(result.ErrorCodes.Contains(code), $"Expected error {code}, got [{string.Join(", ", result.ErrorCodes)}].\n{result.Describe()}");
        Assert.True(result.Says("error", code, named), $"Expected {code} to name \"{named}\".\n{result.Describe()}");
        var written = Directory.EnumerateFiles(result.Repository.Root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "Dockerfile" or ".dockerignore" or "compose.yaml" || f.EndsWith(".tmp", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(result.Repository.Root, f))
            .ToList();
        Assert.True(written.Count == 0, $"An error must write nothing, but {string.Join(", ", written)} exist.\n{result.Describe()}");
    }
}
