namespace MultiStage.Sdk.Tests.Infrastructure;

/// <summary>
/// The SDK, packed from this repository once per test run into the run's own feed. Tests point their
/// NuGet.config at a copy of that feed, so what they build against is exactly the code under test.
/// </summary>
public static class SdkPackage
{
    private static readonly Lazy<(string Feed, string Version)> Packed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Feed => Packed.Value.Feed;

    public static string Version => Packed.Value.Version;

    public static string PackagesFolder { get; } = Path.Combine(Repository.RunFolder, "packages");

    public static string NupkgPath => Path.Combine(Feed, $"MultiStage.Sdk.{Version}.nupkg");

    private static (string, string) Pack()
    {
        var (feed, _, version) = PackedProject.Pack(Repository.SdkProject, "MultiStage.Sdk", "feed");
        return (feed, version);
    }
}
