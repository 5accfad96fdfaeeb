using System.Collections.Generic;
using Microsoft.Build.Utilities;
using MultiStage.Generator.Diagnostics;

namespace MultiStage.Sdk.Tasks;

internal static class DiagnosticLogger
{
    public static void LogAll(TaskLoggingHelper log, IEnumerable<Diagnostic> diagnostics, string? file)
    {
        foreach (var diagnostic in diagnostics)
        {
            Log(log, diagnostic, file);
        }
    }

    /// <summary>Logs a generator diagnostic as an MSBuild error or warning with its MULTISTAGE code.</summary>
    public static void Log(TaskLoggingHelper log, Diagnostic diagnostic, string? file)
    {
        if (diagnostic.IsError)
        {
            log.LogError(subcategory: null, diagnostic.Code, diagnostic.Code, file, 0, 0, 0, 0, diagnostic.Message);
        }
        else
        {
            log.LogWarning(subcategory: null, diagnostic.Code, diagnostic.Code, file, 0, 0, 0, 0, diagnostic.Message);
        }
    }
}
