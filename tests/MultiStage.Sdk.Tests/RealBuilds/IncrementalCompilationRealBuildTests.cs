using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The compilation caches (MultiStageIncrementalCompilation, on by default) give exactly the image a clean build
/// gives, on Docker Engine's BuildKit, in every case the caches could get wrong: an edit, a revert to older
/// content, a deleted file, an added package, a branch switch, two services of one solution built at once, and an
/// emptied cache. Each change keeps or sets an old timestamp where that is the harder case (a copy that keeps times,
/// an archive, a checkout on another clock). "Clean" is the same Dockerfile without the cache mounts.
/// The projects sit in a folder no other test uses: a project's cache mount is named by its path in the build
/// context, and other tests build src/App/App.csproj of other repositories on the same engine.
/// Every old timestamp is a different one: BuildKit sends a file of the context again only when its size or
/// timestamp changed, so content changed under the same size and timestamp would not reach any build, clean or not.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public class IncrementalCompilationRealBuildTests
{
    private static int oldTimestamps;
    private readonly ITestOutputHelper output;

    public IncrementalCompilationRealBuildTests(ITestOutputHelper output) => this.output = output;

    private static ContainerEngine Engine => ContainerEngine.BuildKit;

    [SkippableFact]
    public void Every_change_gives_the_image_a_clean_build_gives()
    {
        Engine.RequireOrSkip();
        var solution = FourProjectSolution("realbuild-incremental");
        solution.WriteProject("incremental/Other/Other.csproj", Projects.Console(items: """<ProjectReference Include="../Core/Core.csproj" />"""), "Console.WriteLine(\"other | \" + Core.Names.Core);\n");
        var generation = solution.Build("incremental/Other/Other.csproj");
        Assert.True(generation.Succeeded, generation.Output);
        var app = new Service(solution, "incremental/App", "incremental-app");
        var other = new Service(solution, "incremental/Other", "incremental-other");

        app.AssertSameAsClean("first build", this, expectedOutput: "app 1 | left 1 | right 1 | core 1");

        Edit(solution, "incremental/App/Program.cs", "app 1", "app 2");
        var leafEdit = app.AssertSameAsClean("an edit in the app (old timestamp)", this, "app 2 | left 1 | right 1 | core 1");
        Assert.Contains("1 of", leafEdit.CompilationSummary);

        var coreBefore = solution.ReadFile("incremental/Core/Core.cs");
        var coreTimestamp = File.GetLastWriteTimeUtc(solution.PathOf("incremental/Core/Core.cs"));
        Edit(solution, "incremental/Core/Core.cs", "core 1", "core 2");
        solution.WriteFile("incremental/Left/Unused.cs", "namespace Left;\npublic static class Unused { public const string Value = \"unused\"; }\n");
        app.AssertSameAsClean("an edit in a project every other one references (old timestamp), and a file added", this, "app 2 | left 1 | right 1 | core 2");

        // Back to the content of two builds ago, with its old timestamp, as `cp -p` or an archive would bring it;
        // the added file deleted.
        solution.WriteFile("incremental/Core/Core.cs", coreBefore);
        File.SetLastWriteTimeUtc(solution.PathOf("incremental/Core/Core.cs"), coreTimestamp);
        File.Delete(solution.PathOf("incremental/Left/Unused.cs"));
        Edit(solution, "incremental/App/Program.cs", "app 2", "app 3");
        app.AssertSameAsClean("a revert to older content, and a file deleted", this, "app 3 | left 1 | right 1 | core 1");

        solution.WriteFile("incremental/Right/Right.csproj", LibraryReferencing("../Core/Core.csproj", """<PackageReference Include="Humanizer.Core" Version="2.14.1" />"""));
        Edit(solution, "incremental/Right/Right.cs", "\"right 1\"", "\"right \" + Humanizer.NumberToWordsExtension.ToWords(1)");
        var packageAdded = app.AssertSameAsClean("a package added", this, "app 3 | left 1 | right one | core 1");

        // A branch switch: many files at once, there and back, every file with one old timestamp. Back on the
        // branch, the sources are those of the build before, so that build's clean image is the reference.
        var main = Snapshot(solution);
        Edit(solution, "incremental/Left/Left.cs", "left 1", "left feature");
        Edit(solution, "incremental/Core/Core.cs", "core 1", "core feature");
        solution.WriteFile("incremental/Core/Feature.cs", "namespace Core;\npublic static class Feature { public const string Name = \"feature\"; }\n");
        SetAllTimestamps(solution, OldTimestamp());
        app.AssertSameAsClean("a switch to a feature branch", this, "app 3 | left feature | right one | core feature");
        Restore(solution, main);
        SetAllTimestamps(solution, OldTimestamp());
        app.AssertSameAsClean("a switch back", this, "app 3 | left 1 | right one | core 1", reference: packageAdded);

        // Two services of the solution at once: both use Core's cache; its lock makes one wait for the other, and
        // each compiles what it needs.
        Edit(solution, "incremental/Core/Core.cs", "core 1", "core 2");
        var builds = new[] { app, other }.Select(service => Task.Run(() => service.BuildIncremental("at-once"))).ToArray();
        Task.WaitAll(builds);
        app.AssertSameAsClean("the app, built at the same time as the other service", this, "app 3 | left 1 | right one | core 2", builds[0].Result);
        other.AssertSameAsClean("the other service, built at the same time as the app", this, "other | core 2", builds[1].Result);

        Docker.Check("builder", "prune", "--force", "--filter", "type=exec.cachemount");
        Edit(solution, "incremental/App/Program.cs", "app 3", "app 4");
        app.AssertSameAsClean("an emptied cache", this, "app 4 | left 1 | right one | core 2");
    }

    /// <summary>App references Left and Right, which both reference Core: four projects, each printing its value.</summary>
    private static TestRepository FourProjectSolution(string name)
    {
        var solution = TestRepository.Create(name);
        solution.WriteProject(
            "incremental/App/App.csproj",
            Projects.Console(items: """<ProjectReference Include="../Left/Left.csproj" /><ProjectReference Include="../Right/Right.csproj" />"""),
            "Console.WriteLine(\"app 1 | \" + Left.Names.Left + \" | \" + Right.Names.Right + \" | \" + Core.Names.Core);\n");
        solution.WriteFile("incremental/Left/Left.csproj", LibraryReferencing("../Core/Core.csproj"));
        solution.WriteFile("incremental/Left/Left.cs", "namespace Left;\npublic static class Names { public static string Left => \"left 1\"; }\n");
        solution.WriteFile("incremental/Right/Right.csproj", LibraryReferencing("../Core/Core.csproj"));
        solution.WriteFile("incremental/Right/Right.cs", "namespace Right;\npublic static class Names { public static string Right => \"right 1\"; }\n");
        solution.WriteFile("incremental/Core/Core.csproj", Projects.Library());
        solution.WriteFile("incremental/Core/Core.cs", "namespace Core;\npublic static class Names { public static string Core => \"core 1\"; }\n");
        var generation = solution.Build("incremental/App/App.csproj");
        Assert.True(generation.Succeeded, generation.Output);
        return solution;
    }

    private static string LibraryReferencing(string project, string extraItems = "") =>
        Projects.Library().Replace("</Project>", $"  <ItemGroup>\n    <ProjectReference Include=\"{project}\" />\n    {extraItems}\n  </ItemGroup>\n</Project>", StringComparison.Ordinal);

    /// <summary>A timestamp older than anything the caches hold, and not used before.</summary>
    private static DateTime OldTimestamp() => new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(Interlocked.Increment(ref oldTimestamps));

    /// <summary>Changes a file and gives it an old timestamp.</summary>
    private static void Edit(TestRepository solution, string file, string from, string to)
    {
        var text = solution.ReadFile(file);
        Assert.Contains(from, text);
        solution.WriteFile(file, text.Replace(from, to, StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(solution.PathOf(file), OldTimestamp());
    }

    private static Dictionary<string, string> Snapshot(TestRepository solution) =>
        Directory.EnumerateFiles(solution.PathOf("incremental"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .ToDictionary(f => f, File.ReadAllText);

    private static void Restore(TestRepository solution, Dictionary<string, string> snapshot)
    {
        foreach (var file in Snapshot(solution).Keys.Where(f => !snapshot.ContainsKey(f)))
        {
            File.Delete(file);
        }

        foreach (var (file, text) in snapshot)
        {
            File.WriteAllText(file, text);
        }
    }

    private static void SetAllTimestamps(TestRepository solution, DateTime timestamp)
    {
        foreach (var file in Snapshot(solution).Keys)
        {
            File.SetLastWriteTimeUtc(file, timestamp);
        }
    }

    /// <summary>One service of the solution: its generated Dockerfile, and the same without the compilation caches.</summary>
    private sealed class Service
    {
        private readonly TestRepository solution;
        private readonly string folder;
        private readonly string name;
        private int builds;

        public Service(TestRepository solution, string folder, string name)
        {
            this.solution = solution;
            this.folder = folder;
            this.name = name;
            var dockerfile = solution.ReadFile(folder + "/Dockerfile");
            Assert.Contains("id=multistage-obj-", dockerfile);
            Assert.Contains("-p:MultiStageCompilationCaches=true", dockerfile);

            // The clean build: no cache mount for obj/, so the build stage compiles everything.
            var clean = string.Join('\n', dockerfile.Split('\n').Where(line => !line.Contains("id=multistage-obj-", StringComparison.Ordinal)))
                .Replace($"-f {folder}/Dockerfile ", $"-f {folder}/Dockerfile.clean ", StringComparison.Ordinal);
            solution.WriteFile(folder + "/Dockerfile.clean", clean);
        }

        public IncrementalBuild BuildIncremental(string label)
        {
            var number = Interlocked.Increment(ref builds);
            var output = new BufferedOutput();
            var build = Engine.Build(solution.PathOf(folder + "/Dockerfile"), $"{name}-{number}-{label}", output);
            return new IncrementalBuild(build, output);
        }

        /// <summary>
        /// Builds with the caches (or takes <paramref name="incremental"/>) and compares the app's files with a clean
        /// build's, or, when the sources are those of an earlier state, with that state's clean build (<paramref name="reference"/>).
        /// </summary>
        public IncrementalBuild AssertSameAsClean(string change, IncrementalCompilationRealBuildTests test, string expectedOutput, IncrementalBuild? incremental = null, IncrementalBuild? reference = null)
        {
            // The clean build runs beside the incremental one: it has no cache mount for obj/, so neither can change
            // what the other compiles, and the engine takes both at once (as it does for two services).
            var cleanBuild = reference?.Clean is { } earlier
                ? Task.FromResult(earlier)
                : Task.Run(() => Engine.Build(solution.PathOf(folder + "/Dockerfile.clean"), $"{name}-clean-{Interlocked.Increment(ref builds)}", test.output));
            incremental ??= BuildIncremental("incremental");
            var clean = cleanBuild.GetAwaiter().GetResult();
            test.output.WriteLine(incremental.Output.Text);
            incremental.Build.AssertSucceeded();
            clean.AssertSucceeded();

            incremental.Clean = clean;
            var cleanFingerprints = Task.Run(() => AppLayerChecks.Fingerprints(Engine, clean.Tag, "/app"));
            var incrementalFiles = AppLayerChecks.Fingerprints(Engine, incremental.Build.Tag, "/app");
            var cleanFiles = cleanFingerprints.GetAwaiter().GetResult();
            var differences = cleanFiles.Keys.Union(incrementalFiles.Keys)
                .Where(f => !cleanFiles.TryGetValue(f, out var a) || !incrementalFiles.TryGetValue(f, out var b) || a != b)
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToList();
            Assert.True(differences.Count == 0, $"{change}: the image differs from a clean build's in {string.Join(", ", differences)}.\n{incremental.Build.Describe()}");

            var (exitCode, text) = RunningContainer.RunToCompletion(Engine, incremental.Build.Tag, TimeSpan.FromMinutes(1));
            Assert.True(exitCode == 0 && text.Trim() == expectedOutput, $"{change}: the app printed \"{text.Trim()}\" (exit {exitCode}), expected \"{expectedOutput}\".");
            test.output.WriteLine($"{change}: same {cleanFiles.Count} files as a clean build; publish step {Seconds(incremental.Build)} s against {Seconds(clean)} s clean; {incremental.CompilationSummary}");
            return incremental;
        }

        private static string Seconds(ImageBuild build) =>
            build.Steps.Any(s => s.Instruction.Contains("dotnet publish", StringComparison.Ordinal) && s.UsedCache) ? "cached" : build.Duration.TotalSeconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record IncrementalBuild(ImageBuild Build, BufferedOutput Output)
    {
        /// <summary>The clean build this build was compared with.</summary>
        public ImageBuild? Clean { get; set; }

        /// <summary>The SDK's line about the caches in the build log ("Compilation caches of N project(s): ...").</summary>
        public string CompilationSummary =>
            Build.Log.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Compilation caches of", StringComparison.Ordinal)) ?? "(the publish step was cached)";
    }

    /// <summary>Test output from a build on another thread, written by the test afterwards.</summary>
    private sealed class BufferedOutput : ITestOutputHelper
    {
        private readonly System.Text.StringBuilder text = new();

        public string Text
        {
            get
            {
                lock (text)
                {
                    return text.ToString();
                }
            }
        }

        public void WriteLine(string message)
        {
            lock (text)
            {
                text.AppendLine(message);
            }
        }

        public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
