using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MultiStage.Harness;

/// <summary>
/// A server started on loopback (nginx for the tests' private feed, docker-registry for pushes): one
/// foreground process whose output is kept for failure messages, killed on <see cref="Dispose"/>.
/// </summary>
public sealed class LoopbackProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private bool disposed;

    private LoopbackProcess(Process process) => this.process = process;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>What the process has printed so far, standard output and error interleaved.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static LoopbackProcess Start(string executable, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var started = new LoopbackProcess(new Process { StartInfo = start });
        started.process.OutputDataReceived += (_, e) => started.Append(e.Data);
        started.process.ErrorDataReceived += (_, e) => started.Append(e.Data);
        started.process.Start();
        started.process.BeginOutputReadLine();
        started.process.BeginErrorReadLine();
        return started;
    }

    /// <summary>A loopback port free now; the caller retries when the server loses the race for it.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Polls <paramref name="probe"/> until it answers: null when the server serves as it should, else what is
    /// wrong (which stops the wait). A probe that cannot connect yet throws, and the wait goes on.
    /// </summary>
    public bool WaitUntilServing(TimeSpan timeout, Func<HttpClient, string?> probe, HttpClient client, Func<string> describe, out string problem)
    {
        var deadline = DateTime.UtcNow + timeout;
        problem = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                problem = $"exited with code {process.ExitCode}. {describe()}";
                return false;
            }

            try
            {
                var wrong = probe(client);
                problem = wrong is null ? string.Empty : wrong + " " + describe();
                return wrong is null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                problem = e.Message;
                Thread.Sleep(100);
            }
        }

        return false;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
