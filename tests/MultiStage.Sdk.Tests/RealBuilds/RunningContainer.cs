using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// An image's command running in the background (<c>buildah run --network host</c>) in its own process group,
/// so stopping it stops everything it started. Apps listen on the host's network: while one runs it holds a
/// machine-wide lock, so two test runs never fight over a port.
/// </summary>
public sealed class RunningContainer : IDisposable
{
    private static readonly string HostNetworkLock = Path.Combine(Path.GetTempPath(), "multistage-realbuild-host-network.lock");
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string container;
    private readonly FileStream hostNetwork;
    private bool disposed;

    private RunningContainer(string image, IReadOnlyList<string> command)
    {
        Image = image;
        Command = command;
        hostNetwork = AcquireHostNetwork();
        try
        {
            container = RealBuild.NewContainer(image);
            var start = new ProcessStartInfo("setsid")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Repository.RunFolder,
            };
            foreach (var argument in new[] { Buildah.Executable }.Concat(Buildah.GlobalArguments())
                .Concat(new[] { "run", "--network", "host", container, "--" }).Concat(command))
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in Buildah.Environment())
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

    /// <summary>Starts the image's own command (entry point and default arguments) as the image's user.</summary>
    public static RunningContainer Start(string image) => Start(image, RealBuild.Inspect(image).Command);

    public static RunningContainer Start(string image, IReadOnlyList<string> command)
    {
        if (command.Count == 0)
        {
            throw new XunitException($"{image} has no entry point or command to run.");
        }

        return new RunningContainer(image, command);
    }

    /// <summary>Runs the image's command to completion and returns its exit code and output.</summary>
    public static (int ExitCode, string Output) RunToCompletion(string image, TimeSpan timeout)
    {
        using var running = Start(image);
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

    /// <summary>Fails when something on this machine already listens on <paramref name="port"/> (the app would not be what answers).</summary>
    public static void AssertPortIsFree(int port)
    {
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

    public string Describe() => $"buildah run {Image} -- {string.Join(' ', Command)}";

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
                Signal("TERM");
                if (!process.WaitForExit(10_000))
                {
                    Signal("KILL");
                    process.WaitForExit(10_000);
                }
            }

            process.Dispose();
            RealBuild.RemoveContainer(container);
        }
        finally
        {
            hostNetwork.Dispose();
        }
    }

    // setsid made the buildah process the leader of its own group: the negative id reaches it and the app.
    private void Signal(string signal) =>
        ProcessRunner.Run("kill", new[] { "-" + signal, "--", "-" + process.Id }, Repository.RunFolder, timeout: TimeSpan.FromSeconds(30));

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
