using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace MultiStage.Generator.InImageBuild;

/// <summary>
/// The projects' intermediate folders (obj/&lt;Configuration&gt;) that live in the builder's cache mounts, one per
/// project, so that a later image build finds what the last one compiled. MSBuild decides what to compile again by
/// timestamps, which a build context does not carry faithfully (a checkout, a copy that keeps old times, another
/// machine's clock): before the build every source file gets a timestamp from its content instead, old when every
/// cache's last build saw the same content, now otherwise.
/// </summary>
internal static class CompilationCaches
{
    /// <summary>The property that asks the SDK, inside the build stage, to prepare and record the caches.</summary>
    public const string Property = "MultiStageCompilationCaches";

    /// <summary>The manifest of the last build that succeeded with the cache.</summary>
    public const string ManifestFile = ".multistage-sources";

    /// <summary>The manifest of the build that is using the cache; it becomes the manifest when that build succeeds.</summary>
    public const string PendingManifestFile = ".multistage-sources-pending";

    /// <summary>
    /// The file in the temporary folder that says this build step prepared the caches. A stage built on the build
    /// stage (the test run) inherits it in /tmp and removes it to prepare caches of its own.
    /// </summary>
    public const string PreparedMarkerFile = "multistage-compilation-caches-prepared";

    /// <summary>The timestamp of an unchanged source file: older than anything a build wrote.</summary>
    public static readonly DateTime UnchangedTimestamp = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The configuration whose obj/ folders the Dockerfile mounts: the default of its BUILD_CONFIGURATION argument.</summary>
    public const string MountedConfiguration = "Release";

    private static readonly string[] ProjectExtensions = { ".csproj", ".fsproj", ".vbproj" };

    private static readonly System.Text.RegularExpressions.Regex MountablePath = new(@"^[A-Za-z0-9._/+@-]*\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private const string MountableIdCharacters = "abcdefghijklmnopqrstuvwxyz0123456789._-";

    /// <summary>
    /// The cache mount of a project (path relative to the context root) in the build stage's /src: one per project,
    /// so services of one solution share a referenced project's cache, and locked, so two builds never use one at once.
    /// Null for a folder whose name the --mount flag cannot carry as it is (its value is comma-separated): that
    /// project then compiles in full every time, which is slower, never wrong.
    /// </summary>
    /// <param name="kind">"obj" for the publish; the test stages build without a runtime identifier, into caches of their own ("testobj").</param>
    public static string? CacheMount(string projectPath, string kind = "obj")
    {
        var slash = projectPath.LastIndexOf('/');
        var folder = slash < 0 ? string.Empty : projectPath.Substring(0, slash + 1);
        if (!MountablePath.IsMatch(folder))
        {
            return null;
        }

        var name = new string(Path.GetFileNameWithoutExtension(projectPath).ToLowerInvariant().Where(c => MountableIdCharacters.IndexOf(c) >= 0).ToArray());
        using var sha = System.Security.Cryptography.SHA256.Create();
        var hash = string.Concat(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(projectPath)).Take(4).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
        return $"--mount=type=cache,id=multistage-{kind}-{name}-{hash},target=/src/{folder}obj/{MountedConfiguration},sharing=locked";
    }

    /// <summary>
    /// The cache folders below the source root: each project's obj/&lt;Configuration&gt; that exists before the build
    /// starts. Nothing else makes it: the .dockerignore leaves obj/ out of the context and restore writes only obj/ itself.
    /// </summary>
    public static IReadOnlyList<string> Find(string sourceRoot, string configuration) =>
        ProjectFolders(sourceRoot)
            .Select(folder => Path.Combine(folder, "obj", configuration))
            .Where(Directory.Exists)
            .OrderBy(folder => folder, StringComparer.Ordinal)
            .ToList();

    /// <summary>Every file below the source root except build output: the projects' bin/ and their cached obj/&lt;Configuration&gt;.</summary>
    public static IEnumerable<string> SourceFiles(string sourceRoot, string configuration)
    {
        var excluded = new HashSet<string>(
            ProjectFolders(sourceRoot).SelectMany(folder => new[] { Path.Combine(folder, "bin"), Path.Combine(folder, "obj", configuration) }),
            StringComparer.Ordinal);
        return Walk(Path.GetFullPath(sourceRoot), excluded);
    }

    private static IEnumerable<string> Walk(string folder, HashSet<string> excluded)
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            yield return file;
        }

        foreach (var child in Directory.EnumerateDirectories(folder).Where(d => !excluded.Contains(d)))
        {
            foreach (var file in Walk(child, excluded))
            {
                yield return file;
            }
        }
    }

    private static IEnumerable<string> ProjectFolders(string sourceRoot) =>
        Directory.EnumerateFiles(Path.GetFullPath(sourceRoot), "*proj", SearchOption.AllDirectories)
            .Where(file => ProjectExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            .Select(file => Path.GetDirectoryName(file)!)
            .Distinct(StringComparer.Ordinal);
}
