namespace MultiStage.Harness;

/// <summary>
/// A machine-wide lock on a file, shared with util-linux <c>flock</c>: on Linux, .NET takes flock(LOCK_EX) for
/// FileShare.None and flock(LOCK_SH) otherwise, without waiting, so waiting is a retry.
/// </summary>
public static class FileLock
{
    /// <summary>The lock, held until disposed; null when it was not free within <paramref name="wait"/>.</summary>
    public static FileStream? Open(string path, FileShare share, TimeSpan wait)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, share);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
