using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// An image's command running in the background on its engine (<c>docker run --network host</c> or
/// <c>buildah run --network host</c>), its output collected. Apps listen on the host's network: while one runs it
/// holds a machine-wide lock, so two test runs, whatever their engine, never fight over a port. Start one with
/// <see cref="ContainerEngine.Start"/>.
/// </summary>
public sealed class RunningContainer : IDisposable
{
    private static readonly string HostNetworkLock = Path.Combine(Path.GetTempPath(), "multistage-realbuild-host-network.lock");
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly FileStream hostNetwork;
    private readonly Action<Process> stop;
    private readonly Action remove;
    private readonly string description;
    private bool disposed;

    /// <summary>The container's name, where the engine gives it one (docker), for docker inspect.</summary>
    public string? ContainerName { get; init; }

    /// <summary>Runs <paramref name="executable"/> with <paramref name="arguments"/>; <paramref name="stop"/> ends it, <paramref name="remove"/> removes the container.</summary>
    internal RunningContainer(
        string image,
        IReadOnlyList<string> command,
        string description,
        string executable,
        IReadOnlyList<string> arguments,
        IDictionary<string, string?> environment,
        Action<Process> stop,
        Action remove)
    {
        Image = image;
        Command = command;
        this.description = description;
        this.stop = stop;
        this.remove = remove;
        hostNetwork = AcquireHostNetwork();
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Repository.RunFolder,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }
        catch
        {
            remove();
            hostNetwork.Dispose();
            throw;
        }
    }

    public string Image { get; }

    public IReadOnlyList<string> Command { get; }

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

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Runs the image's command to completion and returns its exit code and output.</summary>
    public static (int ExitCode, string Output) RunToCompletion(ContainerEngine engine, string image, TimeSpan timeout)
    {
        using var running = engine.Start(image);
        if (!running.WaitForExit(timeout))
        {
            throw new XunitException($"{running.Describe()} did not exit within {timeout.TotalSeconds:0} s. Output so far:\n{running.Output}");
        }

        return (running.ExitCode, running.Output);
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            return false;
        }

        process.WaitForExit();
        return true;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; false if the command exits or time runs out first.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout) => WaitForOutput(o => o.Contains(text, StringComparison.Ordinal), timeout);

    /// <summary>Waits until the output satisfies <paramref name="condition"/>; false if the command exits or time runs out first.</summary>
    public bool WaitForOutput(Func<string, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition(Output))
            {
                return true;
            }

            if (process.HasExited)
            {
                process.WaitForExit();
                return condition(Output);
            }

            Thread.Sleep(200);
        }

        return false;
    }

    /// <summary>Polls http://127.0.0.1:port/path until the app answers; fails with the app's output if it never does.</summary>
    public (HttpStatusCode Status, string Body) WaitForHttp(int port, string path = "/", TimeSpan? timeout = null)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                throw new XunitException($"{Describe()} exited with code {process.ExitCode} before answering HTTP on port {port}. Output:\n{Output}");
            }

            try
            {
                using var response = client.GetAsync($"http://127.0.0.1:{port}{path}").GetAwaiter().GetResult();
                return (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e;
                Thread.Sleep(250);
            }
        }

        throw new XunitException($"{Describe()} did not answer HTTP on port {port} in time ({last?.Message}). Output:\n{Output}");
    }

    /// <summary>
    /// Fails when something on this machine already listens on <paramref name="port"/> (the app would not be what
    /// answers). It looks while holding the host-network lock, so an app another test runs beside this one (which
    /// holds the lock until it has stopped) is waited for, not mistaken for a stray listener.
    /// </summary>
    public static void AssertPortIsFree(int port)
    {
        using var hostNetwork = AcquireHostNetwork();
        try
        {
            using var probe = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
            probe.Bind(new IPEndPoint(IPAddress.IPv6Any, port));
        }
        catch (SocketException e)
        {
            throw new XunitException($"Port {port} is already in use on this machine ({e.SocketErrorCode}); the apps under test listen on the host's network.");
        }
    }

    public string Describe() => description;

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
                stop(process);
                if (!process.WaitForExit(20_000))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }

            process.Dispose();
            remove();
        }
        finally
        {
            hostNetwork.Dispose();
        }
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

    private static FileStream AcquireHostNetwork()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(15);
        while (true)
        {
            try
            {
                return new FileStream(HostNetworkLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }
}
