using Xunit;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The real-build test classes run in two lanes, one class at a time in each, side by side on one engine: a build
/// mostly waits (restore, the engine's layer export, an app's start), so two lanes keep both cores busy. Tests that
/// empty the engine's cache mounts or read what is in them share <see cref="Name"/>, so no such test runs beside
/// another one; the apps under test take a machine-wide lock before they listen (<see cref="RunningContainer"/>).
/// The run's images and containers are removed when the last lane ends.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealBuildCollection : ICollectionFixture<RealBuildCleanup>
{
    /// <summary>The lane of the tests that touch the engine's cache mounts, and of the buildah builds.</summary>
    public const string Name = "Real image builds";

    /// <summary>The trait every real-build test carries: <c>dotnet test --filter Category=RealBuild</c>.</summary>
    public const string Category = "RealBuild";
}

/// <summary>The second lane: builds that leave the cache mounts alone.</summary>
[CollectionDefinition(Name)]
public sealed class SecondRealBuildLane : ICollectionFixture<RealBuildCleanup>
{
    public const string Name = "Real image builds, second lane";
}

/// <summary>Cleans up after the last lane that uses it: a lane that ends first leaves the other's images alone.</summary>
public sealed class RealBuildCleanup : IDisposable
{
    private static readonly object Gate = new();
    private static int lanes;

    public RealBuildCleanup()
    {
        lock (Gate)
        {
            lanes++;
        }
    }

    public void Dispose()
    {
        lock (Gate)
        {
            if (--lanes == 0)
            {
                RealBuild.CleanUp();
            }
        }
    }
}
