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

    /// <summary>The last non-empty line the last <see cref="Run"/> wrote to stderr: the builder's error, for a message.</summary>
    public string? LastErrorLine { get; private set; }

    /// <summary>What the last <see cref="Run"/> wrote to stdout and stderr, line by line: a push's digest or its error.</summary>
    public System.Collections.Generic.List<string> OutputLines { get; } = new();

    public System.Collections.Generic.List<string> ErrorLines { get; } = new();

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

    /// <summary>The docker CLI's own version ("20.10.24+dfsg1", "28.2.2"), or null when it does not say.</summary>
    public static string? DockerClientVersion()
    {
        var (exitCode, output) = Capture("docker", "version", "--format", "{{.Client.Version}}");
        return exitCode == 0 && output.Trim().Length > 0 ? output.Trim() : null;
    }

    /// <summary>Runs the builder with its output streamed into the build log; <paramref name="environment"/> adds variables.</summary>
    public int Run(string executable, System.Collections.Generic.IReadOnlyList<string> arguments, string workingDirectory, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(executable, string.Join(" ", arguments.Select(Quote)))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.EnvironmentVariables[name] = value;
        }

        var shownEnvironment = string.Concat(environment.Select(e => $"{e.Name}={e.Value} "));
        log.LogMessage(MessageImportance.High, shownEnvironment + ContainerBuilderCommands.Display(executable, arguments));
        using var process = new Process { StartInfo = start };
        OutputLines.Clear();
        ErrorLines.Clear();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.LogMessage(MessageImportance.High, e.Data);
                lock (OutputLines)
                {
                    OutputLines.Add(e.Data);
                }
            }
        };
        LastErrorLine = null;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.LogMessage(MessageImportance.High, e.Data);
                lock (ErrorLines)
                {
                    ErrorLines.Add(e.Data);
                }

                LastErrorLine = e.Data.Trim().Length > 0 ? e.Data.Trim() : LastErrorLine;
            }
        };
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

    /// <summary>Runs a short command quietly: its exit code, or -1 when it cannot start or takes too long.</summary>
    public static int ExitCode(string executable, params string[] arguments) => Capture(executable, arguments).ExitCode;

    /// <summary>Runs a short command quietly: its exit code (-1 when it cannot start or takes too long) and its standard output.</summary>
    public static (int ExitCode, string Output) Capture(string executable, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, string.Join(" ", arguments.Select(Quote)))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            var output = process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(15000))
            {
                process.Kill();
                return (-1, string.Empty);
            }

            return (process.ExitCode, output.Result);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (-1, string.Empty);
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
