using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace MultiStage.Generator.Output;

/// <summary>
/// A lock shared by every build on the machine for one path, held while a file that merges several projects'
/// contributions (compose.yaml) is read, merged and replaced, so parallel builds do not lose each other's part.
/// The lock file lives in the temp folder (and stays there: deleting it would race), never in the repository.
/// </summary>
internal static class CrossProcessLock
{
    public static IDisposable Acquire(string path, TimeSpan timeout)
    {
        var folder = Path.Combine(Path.GetTempPath(), "multistage-sdk-locks");
        Directory.CreateDirectory(folder);
        using var sha = SHA256.Create();
        var name = BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(Path.GetFullPath(path)))).Replace("-", string.Empty).Substring(0, 32);
        var lockPath = Path.Combine(folder, name + ".lock");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
        }
    }
}
