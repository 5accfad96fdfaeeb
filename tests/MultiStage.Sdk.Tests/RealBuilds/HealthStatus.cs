using System.Diagnostics;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>A running container's health, as docker inspect reports what its HEALTHCHECK found.</summary>
public static class HealthStatus
{
    /// <summary>The container's health status once it is <paramref name="expected"/>, or the last one seen (with the probe's log) when time runs out.</summary>
    public static string WaitFor(RunningContainer app, string expected, TimeSpan timeout, ITestOutputHelper output)
    {
        var clock = Stopwatch.StartNew();
        var status = string.Empty;
        while (clock.Elapsed < timeout)
        {
            status = Docker.Check("inspect", "--format", "{{.State.Health.Status}}", app.ContainerName!);
            if (status == expected)
            {
                output.WriteLine($"{app.ContainerName}: {status} after {clock.Elapsed.TotalSeconds:0.0} s");
                return status;
            }

            Thread.Sleep(500);
        }

        return status + "\n" + Docker.Check("inspect", "--format", "{{json .State.Health}}", app.ContainerName!);
    }
}
