namespace MultiStage.Harness.StandIns;

/// <summary>File-system steps done with the machine's own tools, which keep owners, modes and links as they are.</summary>
internal static class Shell
{
    public static string Run(string program, params string[] arguments)
    {
        var result = ProcessRunner.Run(program, arguments, "/", timeout: TimeSpan.FromMinutes(15));
        if (!result.Succeeded)
        {
            throw new StandInException($"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result.StandardOutput;
    }

    /// <summary>Everything inside a folder removed, the folder kept.</summary>
    public static void EmptyFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Run("find", folder, "-mindepth", "1", "-maxdepth", "1", "-exec", "rm", "-rf", "{}", "+");
        }
    }

    /// <summary>Removes a file or link; nothing when it is not there.</summary>
    public static void Remove(string path)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }
}
