namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// Where a path in the image may go, stated on its own (docs/diagnostics/MULTISTAGE1055.md): the fuzz tests' oracle
/// for MULTISTAGE1055. Paths here are already plain (letters, digits, '_', '.', '-', '/').
/// </summary>
internal static class ImagePathRules
{
    public enum Use { WorkingDirectory, WritableFolder, CopyDestination }

    private static readonly string[] OsFolders = { "/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/proc", "/sys", "/dev", "/boot", "/root", "/run" };
    private static readonly string[] KernelFolders = { "/proc", "/sys", "/dev", "/run", "/boot" };
    private static readonly string[] SharedParents = { "/var", "/var/lib", "/var/log", "/home", "/opt", "/srv", "/usr/local" };

    /// <summary>True when <paramref name="path"/> (relative ones below <paramref name="workingDirectory"/>) may not go where <paramref name="use"/> puts it.</summary>
    public static bool IsRefused(string path, Use use, string workingDirectory = "/app")
    {
        var relative = !path.StartsWith('/');
        var stack = new Stack<string>();
        foreach (var part in ((relative ? workingDirectory + "/" : "") + path).Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..")
            {
                if (stack.Count == 0)
                {
                    return true;
                }

                stack.Pop();
            }
            else if (part != ".")
            {
                stack.Push(part);
            }
        }

        var full = "/" + string.Join("/", stack.Reverse());
        bool Within(string folder) => full == folder || full.StartsWith(folder + "/", StringComparison.Ordinal);
        var os = OsFolders.FirstOrDefault(Within) ?? (full.Split('/')[1].StartsWith("lib", StringComparison.Ordinal) ? "/" + full.Split('/')[1] : null);
        return full == "/"
            || (relative && use == Use.WritableFolder && !full.StartsWith(workingDirectory + "/", StringComparison.Ordinal))
            || (os is not null && (use != Use.CopyDestination || full == os || KernelFolders.Contains(os)))
            || SharedParents.Contains(full)
            || (use == Use.WritableFolder && (workingDirectory == full || workingDirectory.StartsWith(full + "/", StringComparison.Ordinal)));
    }
}
