using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiStage.Generator.Infrastructure;

/// <summary>Plain-text helpers for values as MSBuild hands them over.</summary>
internal static class MSBuildList
{
    /// <summary>The entries of a semicolon-separated MSBuild list, trimmed, without empty ones.</summary>
    public static IReadOnlyList<string> Split(string? list) =>
        (list ?? string.Empty).Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();

    /// <summary>The value trimmed, or null when it is empty or only whitespace: an unset MSBuild property.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
}
