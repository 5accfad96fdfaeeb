using System.Runtime.InteropServices;
using System.Text.Json;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>An image's configuration as its engine reports it.</summary>
public sealed record ImageConfig(
    string Architecture,
    string User,
    IReadOnlyList<string> Entrypoint,
    IReadOnlyList<string> Cmd,
    IReadOnlyList<string> ExposedPorts,
    IReadOnlyDictionary<string, string> Environment,
    string WorkingDir,
    IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The HEALTHCHECK's test ("CMD" and the command), empty when the image has none (OCI images never do).</summary>
    public IReadOnlyList<string> HealthCheck { get; init; } = Array.Empty<string>();

    /// <summary>What a container started from the image runs: entry point, then default arguments.</summary>
    public IReadOnlyList<string> Command => Entrypoint.Concat(Cmd).ToList();

    /// <summary>From an image configuration's "config" object (OCI and Docker name its members alike).</summary>
    public static ImageConfig FromJson(string architecture, JsonElement config)
    {
        var isObject = config.ValueKind == JsonValueKind.Object;
        string Text(string property) =>
            isObject && config.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;
        IReadOnlyList<string> Strings(string property) =>
            isObject && config.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
                ? value.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList()
                : Array.Empty<string>();
        IEnumerable<JsonProperty> Members(string property) =>
            isObject && config.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object
                ? value.EnumerateObject()
                : Enumerable.Empty<JsonProperty>();

        var environment = Strings("Env")
            .Select(e => e.Split('=', 2))
            .GroupBy(p => p[0])
            .ToDictionary(g => g.Key, g => g.Last().Length > 1 ? g.Last()[1] : string.Empty, StringComparer.Ordinal);
        return new ImageConfig(
            architecture,
            Text("User"),
            Strings("Entrypoint"),
            Strings("Cmd"),
            Members("ExposedPorts").Select(p => p.Name).OrderBy(p => p, StringComparer.Ordinal).ToList(),
            environment,
            Text("WorkingDir"),
            Members("Labels").ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal))
        {
            HealthCheck = isObject && config.TryGetProperty("Healthcheck", out var check) && check.ValueKind == JsonValueKind.Object
                && check.TryGetProperty("Test", out var test) && test.ValueKind == JsonValueKind.Array
                    ? test.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToList()
                    : Array.Empty<string>(),
        };
    }
}

/// <summary>What the real-build tests share whatever the engine: the machine's architecture, ELF headers, the run's clean-up.</summary>
public static class RealBuild
{
    public static string MachineArchitecture => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "amd64",
        Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>The ELF machine of a native file ("x86-64", "AArch64", ...), or null when it is not an ELF file.</summary>
    public static string? ElfMachine(string path)
    {
        var header = new byte[20];
        using (var stream = File.OpenRead(path))
        {
            if (stream.Read(header, 0, header.Length) < header.Length)
            {
                return null;
            }
        }

        if (header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
        {
            return null;
        }

        var machine = header[5] == 1 ? header[18] | (header[19] << 8) : (header[18] << 8) | header[19];
        return machine switch
        {
            0x3E => "x86-64",
            0xB7 => "AArch64",
            0x28 => "ARM",
            0x03 => "x86",
            _ => $"0x{machine:x}",
        };
    }

    /// <summary>
    /// Removes the containers and images this run created on every engine; the last run on the machine to finish
    /// also drops buildah's intermediate layer images. Stand-ins and BuildKit's cache stay for the next run.
    /// MULTISTAGE_KEEP_IMAGES=1 keeps everything.
    /// </summary>
    public static void CleanUp()
    {
        var keep = Environment.GetEnvironmentVariable("MULTISTAGE_KEEP_IMAGES") is "1";
        ContainerEngine.BuildKit.CleanUp(keep);
        ContainerEngine.Buildah.CleanUp(keep);
        if (Buildah.UnavailableReason is null)
        {
            RealBuildSession.Leave(pruneLayers: !keep);
        }
    }
}
