using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>The Dockerfiles committed in samples/ are exactly what the SDK in this tree writes for them.</summary>
public class SampleTests
{
    /// <summary>Every folder in samples/ that holds a solution.</summary>
    public static IReadOnlyList<string> SampleNames() =>
        Directory.GetDirectories(Repository.Samples)
            .Where(folder => Directory.EnumerateFiles(folder, "*.sln").Concat(Directory.EnumerateFiles(folder, "*.slnx")).Any())
            .Select(folder => Path.GetFileName(folder))
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string> Samples() => new(SampleNames());

    [Fact]
    public void There_are_samples_for_a_web_api_a_console_app_and_a_multi_project_solution()
    {
        var samples = SampleNames();

        Assert.Contains("web-api", samples);
        Assert.Contains("console-app", samples);
        Assert.Contains("multi-project", samples);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_committed_files_match_what_the_sdk_generates(string sample)
    {
        // As eng/generate-samples.sh leaves it: the packed SDK in the sample's local-packages/ (which its NuGet.config
        // names) and a global.json that pins it, both inside the sample, its own build context.
        var repository = TestRepository.Create("sample-" + sample, markAsRepositoryRoot: false);
        var source = Path.Combine(Repository.Samples, sample);
        var copy = repository.PathOf(sample);
        var committed = CopySample(source, copy);
        Directory.CreateDirectory(Path.Combine(copy, TestRepository.LocalFeedFolder));
        File.Copy(SdkPackage.NupkgPath, Path.Combine(copy, TestRepository.LocalFeedFolder, Path.GetFileName(SdkPackage.NupkgPath)));
        File.WriteAllText(Path.Combine(copy, "global.json"), TestRepository.GlobalJson());

        var solution = Directory.EnumerateFiles(copy, "*.sln*").Single();
        var result = repository.Build(solution);

        Assert.True(result.Succeeded, result.Output);
        Assert.Empty(result.WarningCodes);
        Assert.NotEmpty(committed);
        foreach (var (relative, text) in committed)
        {
            var generated = File.ReadAllText(Path.Combine(copy, relative));
            Assert.True(text == generated, $"samples/{sample}/{relative} is not what the SDK generates; run eng/generate-samples.sh.\nGenerated:\n{generated}");
            if (Path.GetFileName(relative) == "Dockerfile")
            {
                DockerfileLint.AssertClean(Path.Combine(copy, relative));
            }
        }
    }

    /// <summary>Copies the sample's sources, keeping its generated files aside (deleted from the copy) to compare.</summary>
    private static List<(string Relative, string Text)> CopySample(string source, string destination)
    {
        var committed = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            var parts = relative.Split(Path.DirectorySeparatorChar);
            if (parts.Any(p => p is "bin" or "obj" or "node_modules" or TestRepository.LocalFeedFolder) || relative == "global.json")
            {
                continue;
            }

            if (Path.GetFileName(file) is "Dockerfile" or ".dockerignore")
            {
                committed.Add((relative, File.ReadAllText(file)));
                continue;
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return committed;
    }
}
