using Microsoft.Build.Framework;
using MultiStage.Generator.Frameworks;

namespace MultiStage.Sdk.Tasks;

/// <summary>Picks the framework of a multi-targeted project that goes into the image.</summary>
public sealed class SelectMultiStageTargetFramework : Microsoft.Build.Utilities.Task
{
    [Required]
    public string TargetFrameworks { get; set; } = string.Empty;

    /// <summary>MultiStageTargetFramework: the user's choice, if any.</summary>
    public string? RequestedTargetFramework { get; set; }

    public string? ProjectFile { get; set; }

    [Output]
    public string? TargetFramework { get; private set; }

    public override bool Execute()
    {
        var (targetFramework, diagnostic) = TargetFrameworkSelector.Select(TargetFrameworks, RequestedTargetFramework);
        if (diagnostic is not null)
        {
            DiagnosticLogger.Log(Log, diagnostic, ProjectFile);
        }

        TargetFramework = targetFramework;
        return !Log.HasLoggedErrors;
    }
}
