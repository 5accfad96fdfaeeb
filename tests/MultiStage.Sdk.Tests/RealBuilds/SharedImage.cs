using MultiStage.Sdk.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// A class fixture: a throwaway repository whose image is generated and built on first use and shared by the
/// class's tests; a test that changes the repository rebuilds. A failed first build fails every test that needs
/// it, each with the builder's log.
/// </summary>
public abstract class SharedImage
{
    private readonly object gate = new();
    private TestRepository? repository;
    private ImageBuild? first;

    /// <summary>The first image's name; a rebuild's name starts with it.</summary>
    protected abstract string Name { get; }

    protected abstract TestRepository CreateRepository();

    /// <summary>Runs dotnet build (which writes the Dockerfile) and builds the image.</summary>
    protected abstract ImageBuild Generate(TestRepository repository, ITestOutputHelper output, string name);

    public ImageBuild FirstBuild(ITestOutputHelper output)
    {
        lock (gate)
        {
            if (first is null)
            {
                repository = CreateRepository();
                first = Generate(repository, output, Name);
            }
            else
            {
                output.WriteLine($"Reusing {first.Tag} (built in {first.Duration.TotalSeconds:0} s).");
            }

            first.AssertSucceeded();
            return first;
        }
    }

    /// <summary>Changes the repository, runs dotnet build again and rebuilds the image.</summary>
    public ImageBuild Rebuild(ITestOutputHelper output, string name, Action<TestRepository> change)
    {
        lock (gate)
        {
            change(repository ?? throw new InvalidOperationException($"Build {Name} first."));
            var build = Generate(repository, output, Name + "-" + name);
            build.AssertSucceeded();
            return build;
        }
    }
}
