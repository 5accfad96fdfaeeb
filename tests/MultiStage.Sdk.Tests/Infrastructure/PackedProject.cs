using System.Text.RegularExpressions;

namespace MultiStage.Sdk.Tests.Infrastructure;

/// <summary>
/// A project of this repository packed into a feed of the run's own. eng/test.sh packs the SDK and the templates
/// once and names that folder in MULTISTAGE_TEST_PACKAGES, so the test processes of its tiers, which run side by
/// side, never pack the same project at once; without it each run packs for itself.
/// </summary>
public static class PackedProject
{
    public const string PackagesVariable = "MULTISTAGE_TEST_PACKAGES";

    /// <summary>Packs <paramref name="project"/> (or copies the package eng/test.sh packed) into the run's <paramref name="feedName"/> folder: the feed and the version.</summary>
    public static (string Feed, string Nupkg, string Version) Pack(string project, string packageId, string feedName)
    {
        var feed = Path.Combine(Repository.RunFolder, feedName);
        Directory.CreateDirectory(feed);
        var prepacked = Environment.GetEnvironmentVariable(PackagesVariable);
        if (!string.IsNullOrEmpty(prepacked))
        {
            foreach (var file in Directory.GetFiles(prepacked, packageId + ".*.nupkg").Where(f => IsPackageOf(f, packageId)))
            {
                File.Copy(file, Path.Combine(feed, Path.GetFileName(file)), overwrite: true);
            }
        }
        else
        {
            var result = ProcessRunner.Run("dotnet", new[] { "pack", project, "-c", "Release", "-o", feed, "-nologo" }, Repository.Root, DotnetCli.Environment());
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Packing {packageId} failed:\n{result.Output}");
            }
        }

        var packages = Directory.GetFiles(feed, packageId + ".*.nupkg").Where(f => IsPackageOf(f, packageId)).ToList();
        if (packages.Count != 1)
        {
            throw new InvalidOperationException($"Expected one {packageId} package in {feed}{(string.IsNullOrEmpty(prepacked) ? string.Empty : $" (from {PackagesVariable}={prepacked})")}, found {packages.Count}.");
        }

        return (feed, packages[0], VersionOf(packages[0], packageId));
    }

    private static bool IsPackageOf(string nupkg, string packageId) =>
        VersionOf(nupkg, packageId) is { Length: > 0 } version && char.IsDigit(version[0]);

    private static string VersionOf(string nupkg, string packageId) =>
        Regex.Match(Path.GetFileName(nupkg), "^" + Regex.Escape(packageId) + @"\.(.+)\.nupkg$").Groups[1].Value;
}
