using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MultiStage.Generator.ContainerBuilders;

namespace MultiStage.Sdk.Tasks;

/// <summary>Finds the machine's container builder and runs it with its output streamed into the build log.</summary>
internal sealed class ContainerBuilderProcess
{
    private readonly TaskLoggingHelper log;
    private Process? running;

    public ContainerBuilderProcess(TaskLoggingHelper log) => this.log = log;

    /// <summary>The builder to use: the requested one, else docker (with a reachable engine), podman, buildah.</summary>
    public static ContainerBuilder? Find(string? requested, out string lookedFor)
    {
        var candidates = ContainerBuilderCommands.Parse(requested) is { } chosen
            ? new[] { chosen }
            : new[] { ContainerBuilder.Docker, ContainerBuilder.Podman, ContainerBuilder.Buildah };
        lookedFor = string.Join(", ", candidates.Select(c => c == ContainerBuilder.Docker ? "docker (with a running engine)" : ContainerBuilderCommands.Executable(c)));
        foreach (var candidate in candidates)
        {
            var executable = ContainerBuilderCommands.Executable(candidate);
            if (FindOnPath(executable) is null)
            {
                continue;
            }

            // The docker client alone cannot build: it needs an engine to talk to.
            if (candidate == ContainerBuilder.Docker && ExitCode(executable, "info", "--format", "{{.ID}}") != 0)
            {
                continue;
            }

            return candidate;
        }

        return null;
    }

    public static bool HasBuildx() => ExitCode("docker", "buildx", "version") == 0;

    public int Run(string executable, System.Collections.Generic.IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(executable, string.Join(" ", arguments.Select(Quote)))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        log.LogMessage(MessageImportance.High, ContainerBuilderCommands.Display(executable, arguments));
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.LogMessage(MessageImportance.High, e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.LogMessage(MessageImportance.High, e.Data); } };
        running = process;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        running = null;
        return process.ExitCode;
    }

    public void Cancel()
    {
        try
        {
            running?.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static int ExitCode(string executable, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, string.Join(" ", arguments.Select(Quote)))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(15000))
            {
                process.Kill();
                return -1;
            }

            return process.ExitCode;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return -1;
        }
    }

    private static string? FindOnPath(string executable)
    {
        var extensions = Path.DirectorySeparatorChar == '\\' ? new[] { ".exe", ".cmd", string.Empty } : new[] { string.Empty };
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(folder.Trim(), executable + extension);
                if (folder.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    // Process.Start on netstandard2.0 takes one argument string: quote as the runtime's parser reads it
    // (backslashes are literal except before a quote).
    private static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(c => !char.IsWhiteSpace(c) && c != '"'))
        {
            return argument;
        }

        var quoted = new System.Text.StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            quoted.Append('\\', c == '"' ? (backslashes * 2) + 1 : backslashes).Append(c);
            backslashes = 0;
        }

        return quoted.Append('\\', backslashes * 2).Append('"').ToString();
    }
}
