using System;
using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Sbom;

/// <summary>What MSBuild says about one file of the published app: the NuGet package it came from, if any.</summary>
internal sealed record PublishedPackageFile(string NuGetPackageId, string NuGetPackageVersion);

/// <summary>
/// Sorts the publish's items into the SBOM's parts. A NuGet package is listed when a file of it is in the app: in
/// the publish folder, bundled into a single-file executable, or, for Native AOT, compiled into the native one (its
/// managed assemblies were the compiler's input). The runtime packs' files are the runtime, never packages.
/// </summary>
internal static class SbomContentsReader
{
    public static IReadOnlyList<SbomPackage> NuGetPackages(
        IEnumerable<PublishedPackageFile> files, IEnumerable<string> runtimePackIds, IReadOnlyDictionary<string, string> sha512ByLibrary)
    {
        var runtimePacks = new HashSet<string>(runtimePackIds, StringComparer.OrdinalIgnoreCase);
        return files
            .Where(f => f.NuGetPackageId.Length > 0 && f.NuGetPackageVersion.Length > 0 && !runtimePacks.Contains(f.NuGetPackageId) && !IsRuntimePackId(f.NuGetPackageId))
            .GroupBy(f => (Id: f.NuGetPackageId.ToLowerInvariant(), Version: f.NuGetPackageVersion.ToLowerInvariant()))
            .Select(g => g.First())
            .Select(f => new SbomPackage(f.NuGetPackageId, f.NuGetPackageVersion, Sha512Of(sha512ByLibrary, f.NuGetPackageId, f.NuGetPackageVersion)))
            .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Version, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The packages' SHA-512 hashes from the assets file (libraries: "Id/Version": { "sha512": ... }), which restore
    /// copied from the packages' .nupkg.metadata; empty when the file cannot be read.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Sha512ByLibrary(string? assetsFileText)
    {
        var hashes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(assetsFileText))
        {
            return hashes;
        }

        object? assets;
        try
        {
            assets = MiniJson.Parse(assetsFileText!);
        }
        catch (FormatException)
        {
            return hashes;
        }

        if (MiniJson.Get(assets, "libraries") is Dictionary<string, object?> libraries)
        {
            foreach (var library in libraries)
            {
                if (MiniJson.GetString(library.Value, "type") == "package" && MiniJson.GetString(library.Value, "sha512") is { Length: > 0 } sha512)
                {
                    hashes[library.Key] = sha512;
                }
            }
        }

        return hashes;
    }

    /// <summary>Each runtime pack once, by id and version.</summary>
    public static IReadOnlyList<SbomPackage> Distinct(IEnumerable<SbomPackage> packages) => packages
        .Where(p => p.Id.Length > 0)
        .GroupBy(p => (p.Id.ToLowerInvariant(), p.Version))
        .Select(g => g.First())
        .OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase)
        .ThenBy(p => p.Version, StringComparer.Ordinal)
        .ToList();

    public static IReadOnlyList<string> DistinctNames(IEnumerable<string> names) => names
        .Select(n => n.Trim())
        .Where(n => n.Length > 0)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToList();

    // Native AOT compiles against packs the SDK resolves apart from ResolvedRuntimePack (the ILCompiler's own
    // framework): their assemblies are the runtime, not the app's packages.
    private static bool IsRuntimePackId(string id) =>
        id.StartsWith("Microsoft.NETCore.App.Runtime.", StringComparison.OrdinalIgnoreCase)
        || id.StartsWith("Microsoft.AspNetCore.App.Runtime.", StringComparison.OrdinalIgnoreCase)
        || id.StartsWith("runtime.", StringComparison.OrdinalIgnoreCase) && id.EndsWith(".Microsoft.DotNet.ILCompiler", StringComparison.OrdinalIgnoreCase);

    private static string? Sha512Of(IReadOnlyDictionary<string, string> hashes, string id, string version) =>
        hashes.TryGetValue(id + "/" + version, out var sha512) ? sha512 : null;
}
