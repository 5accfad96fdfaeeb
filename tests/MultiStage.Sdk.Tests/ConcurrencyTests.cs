using MultiStage.Generator.Dockerignore;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// Sixteen projects under one context root, built in parallel six times: every Dockerfile and the shared
/// .dockerignore always end whole and correct, whatever state the previous run left behind.
/// </summary>
public class ConcurrencyTests
{
    private const int ProjectCount = 16;
    private const int Builds = 6;

    [Fact]
    public void Parallel_builds_always_leave_whole_correct_files()
    {
        var repository = TestRepository.Create("concurrency", markAsRepositoryRoot: false);
        var names = Enumerable.Range(1, ProjectCount).Select(i => $"App{i:00}").ToList();
        repository.WriteFile("All.slnx", "<Solution>\n" + string.Concat(names.Select(n => $"  <Project Path=\"src/{n}/{n}.csproj\" />\n")) + "</Solution>\n");
        foreach (var name in names)
        {
            repository.WriteProject($"src/{name}/{name}.csproj", Projects.Console(), Projects.ConsoleProgram(name));
        }

        var random = new Random(20261127);
        for (var build = 1; build <= Builds; build++)
        {
            var state = build == 1 ? "from scratch" : LeavePartialState(repository, names, random);

            // Restore once: the files are written by the build, and a restore of sixteen projects each round adds minutes, not races.
            var result = build == 1 ? repository.Build("All.slnx", "-m:8") : repository.Build("All.slnx", "-m:8", "--no-restore");

            Assert.True(result.Succeeded, $"build {build} ({state}) failed:\n{result.Output}");
            AssertWholeAndCorrect(repository, names, $"after build {build} ({state})");
        }
    }

    /// <summary>Deletes, truncates or leaves each generated file, as an interrupted or older build might have.</summary>
    private static string LeavePartialState(TestRepository repository, IReadOnlyList<string> names, Random random)
    {
        var files = names.Select(n => $"src/{n}/Dockerfile").Append(".dockerignore").ToList();
        var changes = new List<string>();
        foreach (var file in files)
        {
            var path = repository.PathOf(file);
            switch (random.Next(3))
            {
                case 0:
                    File.Delete(path);
                    changes.Add("deleted " + file);
                    break;
                case 1:
                    // Half a generated file, marker included: what a torn write would leave.
                    var text = File.ReadAllText(path);
                    File.WriteAllText(path, text.Substring(0, text.Length / 2));
                    changes.Add("truncated " + file);
                    break;
            }
        }

        return changes.Count == 0 ? "unchanged" : string.Join(", ", changes);
    }

    private static void AssertWholeAndCorrect(TestRepository repository, IReadOnlyList<string> names, string when)
    {
        var template = WithoutCacheHashes(repository.ReadFile($"src/{names[0]}/Dockerfile"));
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{names[0]}.dll\"]\n", template);
        Assert.EndsWith("LABEL org.opencontainers.image.created=\"$IMAGE_CREATED\"\n", template);
        foreach (var name in names)
        {
            var expected = template.Replace(names[0], name).Replace(names[0].ToLowerInvariant(), name.ToLowerInvariant());
            Assert.True(expected == WithoutCacheHashes(repository.ReadFile($"src/{name}/Dockerfile")), $"src/{name}/Dockerfile is not whole {when}.");
        }

        Assert.True(DockerignoreWriter.Write(null) == repository.ReadFile(".dockerignore"), $".dockerignore is not whole {when}.");
        Assert.Empty(Directory.GetFiles(repository.Root, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>The compilation cache ids end in a hash of the project's path, which differs from project to project.</summary>
    private static string WithoutCacheHashes(string dockerfile) =>
        System.Text.RegularExpressions.Regex.Replace(dockerfile, @"(id=multistage-obj-[a-z0-9.]+)-[0-9a-f]{8}", "$1-hash");
}
