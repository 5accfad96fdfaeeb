using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The properties bench/run.sh measures that do not depend on timing, kept from regressing on the benchmark's own
/// solution (bench/sample): after a one-line source edit the restore layer comes from the cache; the final image
/// holds no more app bytes than the dotnet/dotnet-docker shape (bench/anchors) builds for the same solution; the
/// build context holds the solution's sources and restore inputs and nothing of bin/, obj/, .git or node_modules.
/// Times are the benchmark's business, not the tests'. Built with Docker Engine's BuildKit on the registry-less test engine.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public class BenchmarkGuardTests : IClassFixture<BenchmarkImages>
{
    private readonly BenchmarkImages images;
    private readonly ITestOutputHelper output;

    public BenchmarkGuardTests(BenchmarkImages images, ITestOutputHelper output)
    {
        this.images = images;
        this.output = output;
    }

    [SkippableFact]
    public void A_source_edit_reuses_the_restore_layer()
    {
        BenchmarkImages.Engine.RequireOrSkip();
        var rebuild = images.Rebuild(output);

        Assert.True(rebuild.Step("dotnet restore").UsedCache, "The restore step ran again after a source edit.\n" + rebuild.Describe());
        Assert.DoesNotContain("Restored /", rebuild.Log);
        Assert.False(rebuild.Step("COPY . .").UsedCache, "The sources layer came from the cache although a source changed.\n" + rebuild.Describe());
        Assert.False(rebuild.Step("dotnet publish").UsedCache, "Publish came from the cache although a source changed.\n" + rebuild.Describe());
    }

    [SkippableFact]
    public void The_final_image_holds_no_more_app_bytes_than_the_dotnet_docker_shape()
    {
        BenchmarkImages.Engine.RequireOrSkip();
        var rebuild = images.Rebuild(output);
        var anchor = images.DotnetDockerAnchor(output);

        var appBytes = BenchmarkImages.AppBytes(rebuild);
        var anchorBytes = BenchmarkImages.AppBytes(anchor);
        output.WriteLine($"App bytes (final image minus its base): MultiStage.Sdk {appBytes:N0}, dotnet-docker shape {anchorBytes:N0}.");

        Assert.True(appBytes > 0, $"{rebuild.Tag} adds nothing to its base image.");
        Assert.True(appBytes <= anchorBytes, $"The MultiStage.Sdk image adds {appBytes:N0} bytes to its base, the dotnet-docker shape {anchorBytes:N0}.");
        FinalImageChecks.AssertHoldsOnlyTheApp(rebuild.ListFiles(), "/app", "Bench.Api.dll", "Bench.Core.dll", "Humanizer.dll");
    }

    [SkippableFact]
    public void The_build_context_holds_only_the_sources_and_restore_inputs()
    {
        BenchmarkImages.Engine.RequireOrSkip();
        images.Rebuild(output);

        var context = images.ContextFiles(output);

        var leaked = context.Where(path => path.Split('/').Any(segment => segment is "bin" or "obj" or ".git" or "node_modules")).ToList();
        Assert.True(leaked.Count == 0, "The build context holds files it must not:\n" + string.Join("\n", leaked));
        Assert.Equal(images.ExpectedContext(), context);
    }
}

/// <summary>
/// The benchmark solution in a throwaway repository (with the host's bin/ and obj/, a .git folder and a node_modules
/// folder, as a working tree has them), its generated Dockerfile built, then rebuilt after a one-line source edit;
/// and the dotnet-docker anchor built from the same solution without MultiStage.Sdk. Built once, on first use.
/// </summary>
public sealed class BenchmarkImages
{
    private const string Greeting = "Hello from Bench.Api";
    private readonly object gate = new();
    private TestRepository? repository;
    private ImageBuild? rebuild;
    private ImageBuild? anchor;
    private IReadOnlyList<string>? context;

    public static ContainerEngine Engine => ContainerEngine.BuildKit;

    public static string Sample => Path.Combine(Repository.Root, "bench", "sample");

    public static string Anchors => Path.Combine(Repository.Root, "bench", "anchors");

    /// <summary>The rebuild after the source edit; a failure fails every test that needs it, with the builder's log.</summary>
    public ImageBuild Rebuild(ITestOutputHelper output)
    {
        lock (gate)
        {
            if (rebuild is null)
            {
                repository = TestRepository.Create("bench-guard");
                // The repository's own global.json and NuGet.config name the freshly packed SDK: the sample's stay out.
                SampleTree.Copy(Sample, repository.Root, skipRootFiles: new[] { "global.json", "NuGet.config" });
                AddWorkingTreeFiles(repository);
                var generation = repository.Build("Bench.slnx");
                Assert.True(generation.Succeeded, generation.Output);

                var dockerfile = repository.PathOf("src/Bench.Api/Dockerfile");
                Engine.Build(dockerfile, "bench-guard", output).AssertSucceeded();
                SampleTree.ReplaceLiteral(repository.PathOf("src/Bench.Api/Program.cs"), Greeting, $"{Greeting} (edited)");
                rebuild = Engine.Build(dockerfile, "bench-guard-edit", output);
            }

            rebuild.AssertSucceeded();
            return rebuild;
        }
    }

    /// <summary>bench/anchors/dotnet-docker.Dockerfile built from the solution without the MultiStage.Sdk line.</summary>
    public ImageBuild DotnetDockerAnchor(ITestOutputHelper output)
    {
        lock (gate)
        {
            if (anchor is null)
            {
                var plain = TestRepository.Create("bench-guard-dotnet-docker");
                SampleTree.Copy(Sample, plain.Root, skipRootFiles: Array.Empty<string>());
                AddWorkingTreeFiles(plain);
                var project = plain.ReadFile("src/Bench.Api/Bench.Api.csproj");
                Assert.Contains("<Sdk Name=\"MultiStage.Sdk\" />", project);
                plain.WriteFile("src/Bench.Api/Bench.Api.csproj", project.Replace("  <Sdk Name=\"MultiStage.Sdk\" />\n", string.Empty, StringComparison.Ordinal));
                Assert.DoesNotContain("MultiStage", plain.ReadFile("src/Bench.Api/Bench.Api.csproj"));
                plain.WriteFile("Dockerfile", File.ReadAllText(Path.Combine(Anchors, "dotnet-docker.Dockerfile")));
                plain.WriteFile(".dockerignore", File.ReadAllText(Path.Combine(Anchors, "dotnet-docker.dockerignore")));
                anchor = Engine.Build(plain.PathOf("Dockerfile"), "bench-guard-dotnet-docker", output);
            }

            anchor.AssertSucceeded();
            return anchor;
        }
    }

    /// <summary>The files the builder sends from the repository: COPY . into an empty image, with the generated .dockerignore.</summary>
    public IReadOnlyList<string> ContextFiles(ITestOutputHelper output)
    {
        lock (gate)
        {
            if (context is null)
            {
                var root = repository ?? throw new InvalidOperationException("Build the images first.");
                var folder = Path.Combine(Repository.RunFolder, "bench-guard-context");
                Directory.CreateDirectory(folder);
                var dockerfile = Path.Combine(folder, "Dockerfile");
                File.WriteAllText(dockerfile, "FROM scratch\nCOPY . /context\n");
                var (tag, build) = Engine.BuildWithoutStandIns(dockerfile, root.Root, "bench-guard-context", output);
                if (!build.Succeeded)
                {
                    throw new XunitException($"Building the context image failed ({build.ExitCode}):\n{build.Output}");
                }

                output.WriteLine($"The builder received {Engine.ContextBytes(build.Output)?.ToString("N0") ?? "(not logged)"} bytes of context.");
                try
                {
                    context = Engine.WithFileSystem(tag, mount => SampleTree.List(Path.Combine(mount, "context")).Select(f => f.Path).ToList());
                }
                finally
                {
                    Engine.RemoveImages(new[] { tag });
                }

                output.WriteLine($"Build context ({context.Count} files):\n  " + string.Join("\n  ", context));
            }

            return context;
        }
    }

    /// <summary>
    /// The sample's files, less those the generated .dockerignore drops (.gitignore, README.md, LICENSE, container
    /// files), plus what the test repository adds for the freshly packed SDK: global.json and the package's feed.
    /// </summary>
    public IReadOnlyList<string> ExpectedContext()
    {
        var dropped = new[] { ".gitignore", "README.md", "LICENSE", ".dockerignore" };
        return SampleTree.Files(Sample)
            .Where(path => !dropped.Contains(path.Split('/')[^1], StringComparer.Ordinal) && !path.Split('/')[^1].StartsWith("Dockerfile", StringComparison.Ordinal))
            .Append("global.json")
            .Append("NuGet.config")
            .Append($"{TestRepository.LocalFeedFolder}/{Path.GetFileName(SdkPackage.NupkgPath)}")
            .Distinct(StringComparer.Ordinal)
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Bytes of the files and links in the final image, less those of the image its final stage stands on.</summary>
    public static long AppBytes(ImageBuild build) =>
        build.Engine.WithFileSystem(build.Tag, SampleTree.Bytes) - build.Engine.WithFileSystem(build.Dockerfile.FinalImage, SampleTree.Bytes);

    /// <summary>What a developer's working tree has besides the sources: a .git folder and a node_modules folder.</summary>
    private static void AddWorkingTreeFiles(TestRepository repository)
    {
        SampleTree.AddGitFolder(repository.Root);
        repository.WriteFile("node_modules/left-pad/package.json", "{ \"name\": \"left-pad\", \"version\": \"1.3.0\" }\n");
    }
}
