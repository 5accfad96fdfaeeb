using MultiStage.Harness;

namespace MultiStage.Bench;

/// <summary>The machine the numbers come from, and the run's settings, for results.json.</summary>
internal static class MachineFacts
{
    public static void Collect(Dictionary<string, string> facts, string sdkVersion, BenchEngines engines, long runSeconds)
    {
        string Output(string program, params string[] arguments)
        {
            var result = ProcessRunner.Run(program, arguments, "/", timeout: TimeSpan.FromMinutes(1));
            return result.Succeeded ? result.StandardOutput.Trim() : "unknown";
        }

        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        facts["load_end"] = Measurements.LoadAverage();
        facts["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        facts["cores"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        facts["cpu"] = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(": ", 2)[1] ?? "unknown";
        facts["memory_gib"] = Format.Fixed(double.Parse(memory, System.Globalization.CultureInfo.InvariantCulture) / 1048576, 1);
        facts["os"] = File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"') ?? "unknown";
        facts["kernel"] = Output("uname", "-r");
        facts["dotnet"] = Output("dotnet", "--version");
        facts["buildah"] = Output(BuildahCli.Executable, "--version");
        var driver = engines.Buildah().Run("/", TimeSpan.FromMinutes(1), "info", "--format", "{{.store.GraphDriverName}}");
        facts["storage_driver"] = driver.Succeeded ? driver.StandardOutput.Trim() : "unknown";
        facts["docker"] = File.Exists(BenchEngines.DockerCli) ? Output(BenchEngines.DockerCli, "--version") : "none";
        facts["registry"] = LoopbackRegistry.Version();
        facts["multistage_sdk"] = sdkVersion;
        facts["run_seconds"] = runSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
