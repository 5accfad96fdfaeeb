using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Health;

/// <summary>The exec-form HEALTHCHECK of ContainerHealthCheck: the probe's command and Docker's timing options.</summary>
internal sealed record HealthCheckPlan(IReadOnlyList<string> Command, string Interval, string Timeout, string StartPeriod, int Retries)
{
    /// <summary>HEALTHCHECK's options, in Docker's order.</summary>
    public string Options => $"--interval={Interval} --timeout={Timeout} --start-period={StartPeriod} --retries={Retries.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// Plans ContainerHealthCheck into a <see cref="HealthCheckPlan"/> that runs the health probe: a small .NET program
/// (src/MultiStage.HealthProbe, shipped as source in the package) that the build stage publishes for the app's
/// framework, run with dotnet, or as a native file for a Native AOT app. It asks the app over HTTP on its own port,
/// so the image needs no shell, curl or wget.
/// </summary>
internal static class HealthCheckPlanner
{
    /// <summary>Where the build stage publishes the probe (MultiStageHealthProbeFolder) and where the final image has it.</summary>
    public const string BuildStageFolder = "/app/healthprobe";

    public const string ImageFolder = "/healthprobe";

    /// <summary>The property that asks the SDK, inside the build stage, to publish the probe there.</summary>
    public const string FolderProperty = "MultiStageHealthProbeFolder";

    public const string AssemblyName = "MultiStage.HealthProbe";

    // Docker's duration syntax: a number and a unit, as HEALTHCHECK and compose accept it.
    // A day: far past any useful health check timing, and well inside what Docker's duration parsing (int64 nanoseconds) holds.
    private const long MaxDurationMilliseconds = 24 * 3_600_000L;

    private static readonly Regex Duration = new(@"^[0-9]+(ms|s|m|h)\z", RegexOptions.CultureInvariant);
    private static readonly Regex UrlPath = new(@"^/[A-Za-z0-9_.~!$&'()*+,;=:@%/?\-]*\z", RegexOptions.CultureInvariant);

    /// <summary>The plan for the project's ContainerHealthCheck, or null when it has none or a value is wrong (then diagnostics say which).</summary>
    public static HealthCheckPlan? Plan(ProjectFacts facts, IReadOnlyList<PortSpec> ports, bool selfContained, List<Diagnostic> diagnostics)
    {
        if (facts.HealthChecks.Count == 0)
        {
            return null;
        }

        if (facts.HealthChecks.Count > 1)
        {
            diagnostics.Add(DiagnosticDescriptors.HealthCheckTwice.Create(string.Join("', '", facts.HealthChecks.Select(h => h.Path))));
            return null;
        }

        var check = facts.HealthChecks[0];
        var valid = true;
        if (!UrlPath.IsMatch(check.Path))
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidHealthCheckPath.Create(check.Path));
            valid = false;
        }

        string Time(string name, string value, string defaultValue)
        {
            var text = value.Trim();
            if (text.Length == 0)
            {
                return defaultValue;
            }

            if (!Duration.IsMatch(text) || Milliseconds(text) is not (>= 0 and <= MaxDurationMilliseconds))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidHealthCheckValue.Create(name, value, "a duration of at most 24h, such as 30s, 500ms, 2m or 1h"));
                valid = false;
            }

            return text;
        }

        var interval = Time("Interval", check.Interval, "30s");
        var timeout = Time("Timeout", check.Timeout, "5s");
        var startPeriod = Time("StartPeriod", check.StartPeriod, "10s");
        var retries = 3;
        if (check.Retries.Trim().Length > 0
            && (!int.TryParse(check.Retries.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out retries) || retries < 1))
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidHealthCheckValue.Create("Retries", check.Retries, "a whole number of 1 or more"));
            valid = false;
        }

        var port = ports.FirstOrDefault(p => p.Protocol == "tcp");
        if (port is null)
        {
            diagnostics.Add(DiagnosticDescriptors.HealthCheckWithoutPort.Create(check.Path));
            valid = false;
        }

        // A self-contained app's image (runtime-deps) has no dotnet to run the probe with, and its build stage no
        // Native AOT toolchain to make it a native file.
        if (selfContained && !facts.PublishAot)
        {
            diagnostics.Add(DiagnosticDescriptors.HealthCheckSelfContained.Create(check.Path));
            valid = false;
        }

        if (!valid)
        {
            return null;
        }

        var url = $"http://127.0.0.1:{port!.Number.ToString(CultureInfo.InvariantCulture)}{check.Path}";
        var probeTimeout = SecondsOf(timeout).ToString(CultureInfo.InvariantCulture);
        var command = facts.PublishAot
            ? new[] { $"{ImageFolder}/{AssemblyName}", url, probeTimeout }
            : new[] { "dotnet", $"{ImageFolder}/{AssemblyName}.dll", url, probeTimeout };
        return new HealthCheckPlan(command, interval, timeout, startPeriod, retries);
    }

    /// <summary>A duration's milliseconds; null past what a long holds, so a huge number is refused, never wrapped around.</summary>
    private static long? Milliseconds(string duration)
    {
        var digits = Regex.Match(duration, "^[0-9]+").Value;
        if (digits.Length > 12 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return duration.Substring(digits.Length) switch
        {
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            _ => number * 3_600_000,
        };
    }

    /// <summary>The probe's own timeout, whole seconds of HEALTHCHECK's (at least 1): it gives up before Docker stops it.</summary>
    private static int SecondsOf(string duration)
    {
        var number = double.Parse(Regex.Match(duration, "^[0-9]+").Value, CultureInfo.InvariantCulture);
        var seconds = duration.EndsWith("ms", System.StringComparison.Ordinal) ? number / 1000
            : duration.EndsWith("m", System.StringComparison.Ordinal) ? number * 60
            : duration.EndsWith("h", System.StringComparison.Ordinal) ? number * 3600
            : number;
        return System.Math.Max(1, (int)seconds);
    }
}
