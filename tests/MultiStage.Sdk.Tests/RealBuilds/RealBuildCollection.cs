using Xunit;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// The real-build tests that use Docker Engine's BuildKit: they run one after another, because some of them empty
/// the engine's cache mounts (docker builder prune) and prove something only if no other build refills them meanwhile.
/// They run beside <see cref="BuildahRealBuildCollection"/>; what the two share is kept safe where it is used (the
/// host-network lock of <see cref="RunningContainer"/>, buildah's own storage locks, <see cref="RealBuildCleanup"/>).
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealBuildCollection : ICollectionFixture<RealBuildCleanup>
{
    public const string Name = "Real image builds on BuildKit";

    /// <summary>The trait every real-build test carries: <c>dotnet test --filter Category=RealBuild</c>.</summary>
    public const string Category = "RealBuild";
}

/// <summary>
/// The real-build tests that use buildah alone: one after another (two cores), beside the BuildKit collection. Their
/// builds touch neither the Docker Engine nor its cache, and buildah's storage takes concurrent builds.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BuildahRealBuildCollection : ICollectionFixture<RealBuildCleanup>
{
    public const string Name = "Real image builds on buildah";
}

/// <summary>
/// One per collection: the run's images and containers are removed when the last collection that is running ends,
/// never while another may still use them.
/// </summary>
public sealed class RealBuildCleanup : IDisposable
{
    private static readonly object Gate = new();
    private static int running;

    public RealBuildCleanup()
    {
        lock (Gate)
        {
            running++;
        }
    }

    public void Dispose()
    {
        lock (Gate)
        {
            if (--running == 0)
            {
                RealBuild.CleanUp();
            }
        }
    }
}
