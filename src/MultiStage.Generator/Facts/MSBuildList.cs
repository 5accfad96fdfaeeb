using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiStage.Generator.Facts;

public static class MSBuildList
{
    /// <summary>The entries of a semicolon-separated MSBuild list, trimmed, without empty ones.</summary>
    public static IReadOnlyList<string> Split(string? list) =>
        (list ?? string.Empty).Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
}
