using System.Collections.Generic;

namespace MultiStage.Generator.ContainerBuilders;

/// <summary>
/// The commands that copy the image's SBOM out of the built image, beside the build state: docker and podman create a
/// container (never started) and copy the file out of it; buildah mounts a working container's file system, which
/// needs root or <c>buildah unshare</c>.
/// </summary>
internal static class SbomCopy
{
    public static IReadOnlyList<string> CreateContainer(ContainerBuilder builder, string image) =>
        builder == ContainerBuilder.Buildah ? new[] { "from", "--pull=never", image } : new[] { "create", image };

    /// <summary>docker and podman only: copies the file out of the created container.</summary>
    public static IReadOnlyList<string> CopyOut(string container, string pathInImage, string destination) =>
        new[] { "cp", container + ":" + pathInImage, destination };

    /// <summary>buildah only: prints the working container's root folder.</summary>
    public static IReadOnlyList<string> Mount(string container) => new[] { "mount", container };

    public static IReadOnlyList<string> Unmount(string container) => new[] { "umount", container };

    public static IReadOnlyList<string> RemoveContainer(string container) => new[] { "rm", container };
}
