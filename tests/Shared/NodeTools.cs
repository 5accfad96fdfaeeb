using System.Diagnostics;

namespace MultiStage.Tests.Shared;

/// <summary>
/// The npm packages the tests use (tests/tools/package.json), installed by the tests themselves with
/// <c>npm ci</c> once per machine state. Test assemblies run in parallel, so installing takes a file lock.
/// </summary>
public static class NodeTools
{
    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>tests/tools with its node_modules in place.</summary>
    public static string Folder => Installed.Value;

    /// <summary>Runs a script from tests/tools with node, feeding <paramref name="input"/> on standard input.</summary>
    public static (int ExitCode, string Output) RunScript(string script, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(Folder, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string Install()
    {
        var folder = FindToolsFolder();
        using var gate = AcquireLock(Path.Combine(folder, ".install.lock"));
        var marker = Path.Combine(folder, "node_modules", ".package-lock.json");
        if (File.Exists(marker) && File.GetLastWriteTimeUtc(marker) >= File.GetLastWriteTimeUtc(Path.Combine(folder, "package-lock.json")))
        {
            return folder;
        }

        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {folder} failed:\n{output}\n{error.Result}");
        }

        return folder;
    }

    private static FileStream AcquireLock(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 600)
            {
                Thread.Sleep(500);
            }
        }
    }

    private static string FindToolsFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var tools = Path.Combine(folder.FullName, "tests", "tools");
            if (File.Exists(Path.Combine(tools, "package.json")))
            {
                return tools;
            }
        }

        throw new InvalidOperationException("tests/tools/package.json not found above " + AppContext.BaseDirectory);
    }
}
