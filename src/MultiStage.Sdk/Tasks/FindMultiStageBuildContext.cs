using Microsoft.Build.Framework;
using MultiStage.Generator.Facts;

namespace MultiStage.Sdk.Tasks;

/// <summary>
/// The default build context, relative to the project folder: the nearest folder at or above the project with a
/// .git or a solution (see <see cref="BuildContext.FindRoot"/>). The targets call it only when the project set no
/// MultiStageBuildContext.
/// </summary>
public sealed class FindMultiStageBuildContext : Microsoft.Build.Utilities.Task
{
    [Required]
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>"." for the project folder, else a '/'-separated climb such as "../..".</summary>
    [Output]
    public string BuildContext { get; private set; } = ".";

    public override bool Execute()
    {
        BuildContext = Generator.Facts.BuildContext.Relative(ProjectDirectory, Generator.Facts.BuildContext.FindRoot(ProjectDirectory));
        return true;
    }
}
