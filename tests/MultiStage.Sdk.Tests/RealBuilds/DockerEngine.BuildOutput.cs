using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

// Reading docker build's plain progress output: the steps, the failed step, the context size.
public sealed partial class DockerEngine
{
    public override IReadOnlyList<BuildStep> ParseSteps(string log) => BuildLog.BuildKitSteps(log);

    public override BuildStep? FailedStep(string log)
    {
        var steps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in BuildLog.Lines(log))
        {
            var header = StepHeader.Match(line);
            if (header.Success)
            {
                steps.TryAdd(header.Groups["vertex"].Value, header.Groups["instruction"].Value);
                continue;
            }

            var error = Error.Match(line);
            if (error.Success && steps.TryGetValue(error.Groups["vertex"].Value, out var instruction))
            {
                return new BuildStep(instruction, false);
            }
        }

        return null;
    }

    public override long? ContextBytes(string log)
    {
        string? vertex = null;
        foreach (var line in BuildLog.Lines(log))
        {
            var header = ContextHeader.Match(line);
            if (header.Success)
            {
                vertex = header.Groups["vertex"].Value;
                continue;
            }

            var transferred = Transferred.Match(line);
            if (transferred.Success && transferred.Groups["vertex"].Value == vertex)
            {
                var size = double.Parse(transferred.Groups["size"].Value, CultureInfo.InvariantCulture);
                // BuildKit's progress writer counts in decimal units (go-units HumanSize).
                return (long)(size * transferred.Groups["unit"].Value switch { "kB" => 1e3, "MB" => 1e6, "GB" => 1e9, _ => 1 });
            }
        }

        return null;
    }
}
