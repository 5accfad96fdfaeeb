namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// A test run's claim on the machine's shared buildah state: the layer cache and the NuGet cache mount. Every run
/// holds a shared lock while it builds; machine-wide cleanup (dropping the intermediate layer images, the stale
/// MultiStage.Sdk in the NuGet cache mount) happens only under the exclusive lock, that is, when no other run is
/// building, so one run never pulls the layer cache from under another.
/// </summary>
public static class RealBuildSession
{
    private static readonly object Gate = new();
    private static FileStream? shared;

    private static string LockPath => Path.Combine(StandIns.CacheFolder, "session.lock");

    /// <summary>Joins the runs that are building on this machine (once per run).</summary>
    public static void Enter()
    {
        lock (Gate)
        {
            if (shared is not null)
            {
                return;
            }

            Directory.CreateDirectory(StandIns.CacheFolder);
            using (var exclusive = TryExclusive())
            {
                if (exclusive is not null)
                {
                    // Each run packs the SDK afresh, usually under an unchanged version: the copy an earlier run left
                    // in the NuGet cache mount (id=nuget) would be restored inside the image instead of the code under test.
                    var stale = Path.Combine(Buildah.TemporaryFolder, "buildah-cache", "nuget", "multistage.sdk");
                    if (Directory.Exists(stale))
                    {
                        Directory.Delete(stale, recursive: true);
                    }
                }
            }

            shared = Open(FileShare.ReadWrite, TimeSpan.FromMinutes(10))
                ?? throw new IOException($"Could not join the real-build session ({LockPath}): another run held it exclusively too long.");
        }
    }

    /// <summary>Leaves the session; the last run to leave drops every dangling (intermediate) image.</summary>
    public static void Leave(bool pruneLayers)
    {
        lock (Gate)
        {
            if (shared is null)
            {
                return;
            }

            shared.Dispose();
            shared = null;
            if (!pruneLayers)
            {
                return;
            }

            using var exclusive = TryExclusive();
            if (exclusive is not null)
            {
                Buildah.Run(TimeSpan.FromMinutes(10), "rmi", "--prune");
            }
        }
    }

    private static FileStream? TryExclusive() => Open(FileShare.None, TimeSpan.Zero);

    private static FileStream? Open(FileShare share, TimeSpan wait) => FileLock.Open(LockPath, share, wait);
}
