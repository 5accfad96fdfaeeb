using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MultiStage.Generator.Facts;

namespace MultiStage.Generator.Dockerignore;

/// <summary>
/// Which of the folders MSBuild writes build output to (ArtifactsPath, BaseOutputPath, BaseIntermediateOutputPath,
/// OutputPath, IntermediateOutputPath, PackageOutputPath, PublishDir) the .dockerignore must name: those inside the
/// build context that <c>**/bin/</c> and <c>**/obj/</c> do not already cover, as context-relative patterns.
/// </summary>
internal static class BuildOutputFolders
{
    // Characters that .dockerignore patterns read as wildcards or escapes, or that start a comment or an exception.
    private static readonly char[] PatternCharacters = { '*', '?', '[', ']', '\\' };

    public static IReadOnlyList<string> Patterns(string contextRoot, string projectDirectory, IEnumerable<string> folders)
    {
        var candidates = folders
            .Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(f => BuildContext.Normalize(Path.Combine(projectDirectory, f.Trim())))
            .Where(f => BuildContext.Contains(contextRoot, f)
                // A folder that holds the project would take its sources out of the context.
                && !BuildContext.Contains(f, projectDirectory))
            .Select(f => BuildContext.Relative(contextRoot, f))
            .Where(f => f != "." && !f.Split('/').Any(s => s is "bin" or "obj") && IsPlainPattern(f))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // A folder inside another listed one is already covered.
        return candidates
            .Where(f => !candidates.Any(other => other != f && f.StartsWith(other + "/", StringComparison.Ordinal)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => f + "/")
            .ToList();
    }

    private static bool IsPlainPattern(string path) =>
        path.IndexOfAny(PatternCharacters) < 0
        && path.Split('/').All(s => s.Length > 0 && s.Trim() == s && s[0] is not ('#' or '!'))
        && !path.Any(char.IsControl);
}
