using System.Diagnostics;
using System.Text;

namespace MultiStage.Harness;

/// <summary>A finished process: its exit code, its interleaved output, and its standard output alone.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string StandardOutput = "")
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs a program to completion and captures its interleaved output.</summary>
public static class ProcessRunner
{
    private static readonly object LogLock = new();

    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        // MULTISTAGE_TEST_PROCESS_LOG names a file that gets one line per process: how the test tiers are measured.
        if (Environment.GetEnvironmentVariable("MULTISTAGE_TEST_PROCESS_LOG") is { Length: > 0 } log)
        {
            lock (LogLock)
            {
                File.AppendAllText(log, $"{DateTime.Now:HH:mm:ss} {fileName} {string.Join(' ', start.ArgumentList)}\n");
            }
        }

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); standardOutput.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)(timeout ?? TimeSpan.FromMinutes(10)).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish in time. Output so far:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString(), standardOutput.ToString());
        }
    }
}
