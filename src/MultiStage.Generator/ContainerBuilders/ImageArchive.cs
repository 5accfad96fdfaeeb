using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MultiStage.Generator.ContainerBuilders;

/// <summary>
/// ContainerArchiveOutputPath: the built image saved as a docker-archive tarball, which <c>docker load</c>,
/// <c>podman load</c> and <c>skopeo</c> read, with no registry involved.
/// </summary>
internal static class ImageArchive
{
    /// <summary>The engines write an uncompressed tar, so the default name says so.</summary>
    public const string Extension = ".tar";

    /// <summary>
    /// The archive's full path, by the .NET SDK's rules: relative to the project folder; a path that ends in a
    /// separator or names an existing folder gets &lt;repository&gt;.tar inside it.
    /// </summary>
    public static string PathFor(string configuredPath, string projectDirectory, string repository)
    {
        // A project shared with Windows may say artifacts\images\; on Linux that backslash separates folders too.
        var configured = configuredPath.Trim().Replace('\\', Path.DirectorySeparatorChar).Replace('/', Path.DirectorySeparatorChar);
        var path = Path.GetFullPath(Path.Combine(projectDirectory, configured));
        var namesFolder = configured.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) || Directory.Exists(path);
        return namesFolder ? Path.Combine(path, repository.Replace('/', Path.DirectorySeparatorChar) + Extension) : path;
    }

    /// <summary>
    /// Where the builder writes first: beside the archive, so the final move is a rename on the same file system.
    /// No ':' in the name, which buildah's docker-archive:path:name reference would split at.
    /// </summary>
    public static string TemporaryPathBeside(string archivePath) =>
        archivePath + "." + Guid.NewGuid().ToString("N") + ".tmp";

    /// <summary>
    /// The save command: docker and podman save every tag of the image into one archive; buildah pushes the
    /// first name into a docker-archive under that name.
    /// </summary>
    public static IReadOnlyList<string> Save(ContainerBuilder builder, string archivePath, IReadOnlyList<string> taggedNames) => builder switch
    {
        ContainerBuilder.Docker => new[] { "save", "-o", archivePath }.Concat(taggedNames).ToList(),
        ContainerBuilder.Podman => new[] { "save", "--format", "docker-archive", "-o", archivePath }.Concat(taggedNames).ToList(),
        _ => new[] { "push", taggedNames[0], $"docker-archive:{archivePath}:{taggedNames[0]}" },
    };

    /// <summary>
    /// Moves a finished save into place, replacing an older archive in one rename, so a reader never sees a
    /// half-written file. The temporary file is gone afterwards, moved or deleted.
    /// </summary>
    public static void MoveIntoPlace(string temporaryPath, string archivePath)
    {
        try
        {
            if (File.Exists(archivePath))
            {
                File.Replace(temporaryPath, archivePath, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporaryPath, archivePath);
            }
        }
        finally
        {
            DeleteIfPresent(temporaryPath);
        }
    }

    public static void DeleteIfPresent(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a leftover temporary file; the error that matters is reported by the caller.
        }
    }
}
