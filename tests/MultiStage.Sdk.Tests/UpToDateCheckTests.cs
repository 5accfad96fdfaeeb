using System.Xml.Linq;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// A no-change build skips the generator; anything the files are made from (MSBuild values, files read, files
/// that appear, the generated files themselves) brings it back.
/// </summary>
public class UpToDateCheckTests
{
    private const string Skipped = "is made from has changed; not generating it again";

    private static TestRepository ConsoleApp(string name) =>
        TestRepository.Create(name).WriteProject("App/App.csproj", Projects.Console(), Projects.ConsoleProgram());

    private static BuildResult BuildApp(TestRepository repository, params string[] arguments) =>
        repository.Build("App/App.csproj", new[] { "-v:n" }.Concat(arguments).ToArray());

    [Fact]
    public void A_no_change_build_skips_the_generator_and_says_why()
    {
        var repository = ConsoleApp("up-to-date");
        var first = BuildApp(repository);
        var dockerfile = repository.ReadFile("App/Dockerfile");

        var second = BuildApp(repository);

        Assert.True(first.Succeeded, first.Output);
        Assert.True(second.Succeeded, second.Output);
        Assert.DoesNotContain(Skipped, first.Output);
        Assert.Contains("MultiStage.Sdk: nothing the Dockerfile of App " + Skipped, second.Output);
        Assert.DoesNotContain("(unchanged)", second.Output);
        Assert.Equal(dockerfile, repository.ReadFile("App/Dockerfile"));
    }

    [Fact]
    public void Clean_deletes_the_state_and_the_next_build_generates_again()
    {
        var repository = ConsoleApp("clean-state");
        Assert.True(BuildApp(repository).Succeeded);
        Assert.Contains(Skipped, BuildApp(repository).Output);
        var state = Directory.GetFiles(repository.PathOf("App/obj"), "App.multistage.*", SearchOption.AllDirectories);
        Assert.Equal(3, state.Length);

        var clean = repository.Dotnet("clean", "App/App.csproj");
        var stateAfterClean = state.Where(File.Exists).ToList();
        var build = BuildApp(repository);

        Assert.True(clean.Succeeded, clean.Output);
        Assert.Empty(stateAfterClean);
        Assert.True(build.Succeeded, build.Output);
        Assert.DoesNotContain(Skipped, build.Output);
        Assert.Contains("App/Dockerfile (unchanged)", build.Output);
        Assert.All(state, path => Assert.True(File.Exists(path), path + " was not written again"));
        Assert.Contains(Skipped, BuildApp(repository).Output);
    }

    /// <summary>
    /// Each change, one after the other on one repository: the build after it runs the generator and the files show
    /// the change; the build after that skips it again, so the next change starts from an up-to-date state. A command
    /// line property comes last (a later build without it would be a change too), the solution before it (it moves the
    /// build context and with it the .dockerignore).
    /// </summary>
    [Fact]
    public void A_change_to_what_the_files_are_made_from_runs_the_generator_again()
    {
        var repository = ConsoleApp("changes");
        Assert.True(BuildApp(repository).Succeeded);
        Assert.Contains(Skipped, BuildApp(repository).Output);

        AssertRunsAgain(repository, "an edited NuGet.config", () =>
        {
            Directory.CreateDirectory(repository.PathOf("more-packages"));
            repository.WriteFile("NuGet.config", TestRepository.NuGetConfig(TestRepository.LocalFeedFolder)
                .Replace("<clear />", "<clear />\n    <add key=\"more\" value=\"more-packages\" />"));
        }, () => repository.ReadFile("App/Dockerfile").Contains("COPY [\"more-packages/\", \"more-packages/\"]"));
        AssertRunsAgain(repository, "a Directory.Packages.props that appears", () =>
            repository.WriteFile("Directory.Packages.props", "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n"),
            () => repository.ReadFile("App/Dockerfile").Contains("\"Directory.Packages.props\""));
        AssertRunsAgain(repository, "a Directory.Build.props that appears beside the project", () =>
            repository.WriteFile("App/Directory.Build.props", "<Project>\n</Project>\n"),
            () => repository.ReadFile("App/Dockerfile").Contains("\"App/Directory.Build.props\""));
        AssertRunsAgain(repository, "a deleted Dockerfile", () => File.Delete(repository.PathOf("App/Dockerfile")), () => repository.FileExists("App/Dockerfile"));
        AssertRunsAgain(repository, "an edited Dockerfile", () => File.AppendAllText(repository.PathOf("App/Dockerfile"), "# edited\n"),
            () => !repository.ReadFile("App/Dockerfile").Contains("# edited"));
        AssertRunsAgain(repository, "a deleted .dockerignore", () => File.Delete(repository.PathOf(".dockerignore")), () => repository.FileExists(".dockerignore"));
        // The build context moves from the repository root to the project folder.
        AssertRunsAgain(repository, "a solution that appears beside the project", () => repository.WriteFile("App/App.slnx", "<Solution />\n"),
            () => repository.ReadFile("App/Dockerfile").Contains("# Build from this folder: "));
        AssertRunsAgain(repository, "a property on the command line", () => { }, () => repository.ReadFile("App/Dockerfile").Contains("\nUSER app\n"), "-p:ContainerUser=app");
    }

    private static void AssertRunsAgain(TestRepository repository, string change, Action make, Func<bool> shows, params string[] arguments)
    {
        make();
        Assert.False(shows(), $"{change}: the change shows in the files before the build, so the case proves nothing");

        var result = BuildApp(repository, arguments);

        Assert.True(result.Succeeded, $"{change}:\n{result.Output}");
        Assert.False(result.Output.Contains(Skipped, StringComparison.Ordinal), $"after {change}, the build skipped the generator:\n{result.Output}");
        Assert.True(shows(), $"after {change}, the build did not bring the files up to date:\n{repository.ReadFile("App/Dockerfile")}");
        var again = BuildApp(repository, arguments);
        Assert.True(again.Output.Contains(Skipped, StringComparison.Ordinal), $"the build after {change} ran the generator again:\n{again.Output}");
    }

    [Fact]
    public void A_build_that_warned_warns_again_on_the_next_build()
    {
        var repository = ConsoleApp("warns-again").WriteFile(".dockerignore", "bin\nobj\n");

        var first = BuildApp(repository);
        var second = BuildApp(repository);

        Assert.Equal(new[] { "MULTISTAGE2002" }, first.WarningCodes);
        Assert.Equal(new[] { "MULTISTAGE2002" }, second.WarningCodes);
        Assert.DoesNotContain(Skipped, second.Output);
    }

    [Fact]
    public void A_multi_targeted_project_skips_the_generator_in_the_chosen_framework()
    {
        var repository = TestRepository.Create("up-to-date-multi-targeted")
            .WriteProject("App/App.csproj", Projects.Console().Replace("<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks>"), Projects.ConsoleProgram());
        Assert.True(BuildApp(repository).Succeeded);

        var second = BuildApp(repository);

        Assert.True(second.Succeeded, second.Output);
        Assert.Contains(Skipped, second.Output);
        Assert.Contains(" mcr.microsoft.com/dotnet/sdk:10.0-noble AS build\n", repository.ReadFile("App/Dockerfile"));
    }

    [Fact]
    public void The_image_target_gets_the_dockerfile_after_a_build_that_skipped_the_generator()
    {
        var repository = ConsoleApp("image-after-skip");
        Assert.True(BuildApp(repository).Succeeded);
        Assert.Contains(Skipped, BuildApp(repository).Output);

        // No builder on PATH: the target gets as far as looking for one only when it has the Dockerfile.
        var dotnetFolder = Path.GetDirectoryName(Environment.ProcessPath!)!;
        var result = repository.Dotnet("build", "App/App.csproj", new Dictionary<string, string?> { ["PATH"] = dotnetFolder }, "-t:MultiStageContainerImage");

        Assert.False(result.Succeeded);
        Assert.Equal(new[] { "MULTISTAGE4001" }, result.ErrorCodes);
    }

    /// <summary>
    /// The task takes one list, the same list the up-to-date check hashes, and nothing else that shapes the files;
    /// the hash takes every metadata an input may carry, and an input cannot carry or be read for any other.
    /// </summary>
    [Fact]
    public void The_task_and_the_up_to_date_hash_take_the_same_one_list()
    {
        var targets = XDocument.Load(Path.Combine(Repository.Root, "sdk", "MultiStage.Sdk.targets"));
        var inputs = XDocument.Load(Path.Combine(Repository.Root, "sdk", "MultiStage.Sdk.Inputs.targets"));
        var task = targets.Descendants().Single(e => e.Name.LocalName == "GenerateMultiStageFiles");
        // The one entry of an item that takes an item list (the others are the SDK's own files).
        string? ListIncludeOf(XDocument file, string item) =>
            file.Descendants().Where(e => e.Name.LocalName == item).Select(e => (string?)e.Attribute("Include")).Single(i => i?.StartsWith("@(", StringComparison.Ordinal) == true);

        Assert.Equal(new[] { "Condition", "ImageBuildStateFile", "Inputs" }, task.Attributes().Select(a => a.Name.LocalName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("@(_MultiStageGeneratorInput)", (string?)task.Attribute("Inputs"));
        // Which metadata the hash takes is generated from the declaration with the list: InputCatalogTests in the generator's tests.
        Assert.StartsWith("@(_MultiStageGeneratorInput->'%(Identity)=", ListIncludeOf(inputs, "_MultiStageHashedGeneratorInput"), StringComparison.Ordinal);
        Assert.Equal("@(_MultiStageHashedGeneratorInput)", ListIncludeOf(targets, "_MultiStageHashedInput"));
        Assert.Throws<ArgumentException>(() => Generator.Facts.GeneratorInput.Property("AssemblyName", "App").Metadata("Version"));
    }

    /// <summary>
    /// Each metadata the generator reads, changed alone in an imported file the generator does not read itself, so
    /// only the hash of MSBuild's values can notice it: the files follow on the next build. One change after the
    /// other on one repository, each from an up-to-date state.
    /// </summary>
    [Fact]
    public void A_change_to_any_input_metadata_alone_runs_the_generator_again()
    {
        const string Digest1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
        const string Digest2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
        string Items(string name, string value, string type, string digest) =>
            "<Project>\n  <ItemGroup>\n"
            + $"    <ContainerEnvironmentVariable Include=\"{name}\" Value=\"{value}\" />\n"
            + $"    <ContainerPort Include=\"5000\" Type=\"{type}\" />\n"
            + $"    <MultiStageImageDigest Include=\"mcr.microsoft.com/dotnet/sdk:10.0-noble\" Digest=\"{digest}\" />\n"
            + $"    <MultiStageImageDigest Include=\"mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra\" Digest=\"{Digest1}\" />\n"
            + "  </ItemGroup>\n</Project>\n";
        var repository = TestRepository.Create("metadata")
            .WriteProject(
                "App/App.csproj",
                Projects.Console(properties: "<MultiStagePinDigests>true</MultiStagePinDigests>").Replace("</Project>", "  <Import Project=\"$(ValuesFile)\" />\n</Project>"),
                Projects.ConsoleProgram())
            .WriteFile("values/items.props", Items("GREETING", "hello", "tcp", Digest1));
        var valuesFile = "-p:ValuesFile=" + repository.PathOf("values/items.props");
        Assert.True(BuildApp(repository, valuesFile).Succeeded);
        Assert.Contains(Skipped, BuildApp(repository, valuesFile).Output);

        var changes = new (string Metadata, string Items, string Shows)[]
        {
            ("Value", Items("GREETING", "goodbye", "tcp", Digest1), "ENV GREETING=\"goodbye\"\n"),
            ("Item", Items("SALUTATION", "goodbye", "tcp", Digest1), "ENV SALUTATION=\"goodbye\"\n"),
            ("Type", Items("SALUTATION", "goodbye", "udp", Digest1), "EXPOSE 5000/udp\n"),
            ("Digest", Items("SALUTATION", "goodbye", "udp", Digest2), "sdk:10.0-noble@" + Digest2),
        };
        Assert.Equal(Generator.Facts.GeneratorInput.MetadataNames.Intersect(changes.Select(c => c.Metadata)).Count(), changes.Length);
        foreach (var (metadata, items, shows) in changes)
        {
            AssertRunsAgain(repository, "a change to %(" + metadata + ")", () => repository.WriteFile("values/items.props", items),
                () => repository.ReadFile("App/Dockerfile").Contains(shows), valuesFile);
        }
    }
}
