using Xunit;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// Every real-build test class belongs to this collection: they run one after another (two cores, one layer
/// store, apps on the host's network), and the run's images and containers are removed when the last one ends.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealBuildCollection : ICollectionFixture<RealBuildCleanup>
{
    public const string Name = "Real image builds";

    /// <summary>The trait every real-build test carries: <c>dotnet test --filter Category=RealBuild</c>.</summary>
    public const string Category = "RealBuild";
}

public sealed class RealBuildCleanup : IDisposable
{
    public void Dispose() => RealBuild.CleanUp();
}
