using System;
using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Frameworks;

/// <summary>Chooses which framework of a multi-targeted project goes into the image.</summary>
internal static class TargetFrameworkSelector
{
    /// <summary>
    /// <paramref name="requested"/> (MultiStageTargetFramework) when set and targeted; otherwise the newest
    /// framework that Linux images run (.NET 5+, no OS suffix). Older or OS-specific ones next to it are ignored.
    /// </summary>
    public static (string? TargetFramework, Diagnostic? Diagnostic) Select(string targetFrameworks, string? requested)
    {
        var monikers = MSBuildList.Split(targetFrameworks).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        if (!string.IsNullOrWhiteSpace(requested))
        {
            var match = monikers.FirstOrDefault(t => string.Equals(t, requested!.Trim(), StringComparison.OrdinalIgnoreCase));
            return match is null
                ? (null, DiagnosticDescriptors.TargetFrameworkNotTargeted.Create(requested!, string.Join(";", monikers)))
                : (match, null);
        }

        var newest = monikers
            .Select(TargetFrameworkMoniker.Parse)
            .Where(t => t.RunsInLinuxContainer)
            .OrderByDescending(t => t.Version)
            .FirstOrDefault();
        return newest is null
            ? (null, DiagnosticDescriptors.NoContainerTargetFramework.Create(string.Join(";", monikers)))
            : (newest.Moniker, null);
    }
}
