using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace MultiStage.Generator.Plan;

/// <summary>What a path in the image is for, which decides where it may go.</summary>
internal enum ImagePathUse
{
    /// <summary>ContainerWorkingDirectory: where the app is copied and runs.</summary>
    WorkingDirectory,

    /// <summary>MultiStageWritableFolder: a folder the app's user owns, maybe a VOLUME.</summary>
    WritableFolder,

    /// <summary>Where files of the context or the client's output are copied (MultiStageImageFile Destination, MultiStageClientTarget).</summary>
    CopyDestination,
}

/// <summary>
/// A path in the image, parsed once where a project value enters: '.' and '..' resolved, repeated and trailing
/// slashes dropped, a relative path taken below the working directory, and checked against where its use may put
/// it. The writers only ever see <see cref="Value"/>, so no '..' reaches a Dockerfile.
/// </summary>
internal sealed class ImagePath
{
    private static readonly Regex Plain = new(@"^[A-Za-z0-9_.\-/]+\z", RegexOptions.CultureInvariant);

    // The OS's own folders: nothing the app's user owns, and no working directory, may be in them.
    private static readonly string[] SystemTrees = { "/etc", "/usr", "/bin", "/sbin", "/proc", "/sys", "/dev", "/boot", "/root", "/run" };

    // Folders the kernel or the container runtime fills when the container starts: a copy into them is lost or harmful.
    private static readonly string[] RuntimeTrees = { "/proc", "/sys", "/dev", "/run", "/boot" };

    // Shared parents that hold other software's folders: taken whole they are refused, a folder of the app's below them is not.
    private static readonly string[] SharedParents = { "/var", "/var/lib", "/var/log", "/home", "/opt", "/srv", "/usr/local" };

    private ImagePath(string value) => Value = value;

    /// <summary>The absolute, normalized path: "/opt/agent", never with '.', '..', '//' or a trailing '/'.</summary>
    public string Value { get; }

    public override string ToString() => Value;

    /// <summary>
    /// The path <paramref name="written"/> for <paramref name="use"/>, relative ones below <paramref name="workingDirectory"/>
    /// (itself normalized); null with the reason it may not go there. Characters other than the plain ones are for the
    /// caller's own code (MULTISTAGE1046, MULTISTAGE1016), and so is a relative path where only an absolute one is allowed.
    /// </summary>
    public static ImagePath? Parse(string written, ImagePathUse use, string workingDirectory, out string? refusal)
    {
        refusal = null;
        var relative = !written.StartsWith("/", StringComparison.Ordinal);
        var segments = new List<string>();
        foreach (var segment in ((relative ? workingDirectory + "/" : string.Empty) + written).Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    refusal = "a path that climbs above the root folder";
                    return null;
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        var path = "/" + string.Join("/", segments);
        refusal = Refusal(path, relative, use, workingDirectory);
        return refusal is null ? new ImagePath(path) : null;
    }

    /// <summary>True when <paramref name="value"/> has only the characters a path in the image may hold.</summary>
    public static bool IsPlain(string value) => Plain.IsMatch(value);

    private static string? Refusal(string path, bool relative, ImagePathUse use, string workingDirectory)
    {
        if (path == "/")
        {
            return "the root folder '/'";
        }

        if (relative && use == ImagePathUse.WritableFolder && !IsBelow(path, workingDirectory))
        {
            return $"'{path}', which climbs out of the working directory '{workingDirectory}'";
        }

        var firstSegment = path.Split('/')[1];
        var tree = SystemTrees.FirstOrDefault(t => IsAtOrBelow(path, t))
            ?? (firstSegment.StartsWith("lib", StringComparison.Ordinal) ? "/" + firstSegment : null);
        if (tree is not null && (use != ImagePathUse.CopyDestination || path == tree || RuntimeTrees.Contains(tree)))
        {
            return path == tree ? $"'{path}', a folder of the OS itself" : $"'{path}', inside '{tree}', a folder of the OS itself";
        }

        if (SharedParents.Contains(path, StringComparer.Ordinal))
        {
            return $"'{path}', a folder that holds other software's folders";
        }

        if (use == ImagePathUse.WritableFolder && IsAtOrBelow(workingDirectory, path))
        {
            // The app's user could rewrite the app itself.
            return path == workingDirectory ? $"'{path}', the working directory, which holds the app" : $"'{path}', a folder above the working directory '{workingDirectory}', which holds the app";
        }

        return null;
    }

    private static bool IsAtOrBelow(string path, string folder) => path == folder || IsBelow(path, folder);

    private static bool IsBelow(string path, string folder) => path.StartsWith(folder == "/" ? "/" : folder + "/", StringComparison.Ordinal) && path != folder;
}
