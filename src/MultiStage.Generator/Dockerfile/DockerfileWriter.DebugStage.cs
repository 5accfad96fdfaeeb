using System.Linq;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Dockerfile;

/// <summary>
/// The debug stage (MultiStageDebugStage): what the final stage runs, on the app's runtime image with a shell, with
/// the .NET diagnostic tools installed by a stage of their own. Only <c>docker build --target debug</c> builds them.
/// </summary>
internal sealed partial class DockerfileWriter
{
    private const string DebugToolsStage = "debug-tools";

    private void WriteDebugStages()
    {
        if (plan.Debug is not { } debug)
        {
            return;
        }

        var tools = DebugStagePlan.ToolsFolder;
        Line("# Diagnostic tools for the debug stage, from NuGet, on the builder's platform. Each gets a small sh launcher");
        Line("# in place of its native one, so the folder runs on any architecture the debug image is built for.");
        Line($"FROM --platform=$BUILDPLATFORM {plan.Images.BuildImage} AS {DebugToolsStage}");
        WriteBuildCertificates();
        var secretMounts = plan.Secrets.Where(s => s.Id == DockerfileSecret.NuGetConfigId)
            .Select(s => $"--mount=type=secret,id={s.Id},target={NuGetUserConfigInImage}")
            .ToList();
        Run(
            secretMounts,
            $"for tool in {string.Join(" ", DebugStagePlan.Tools)}; do \\",
            $"    dotnet tool install --tool-path {tools} \"$tool\" --version {DebugStagePlan.ToolsVersion} \\",
            $"    && printf '#!/bin/sh\\nexec dotnet %s \"$@\"\\n' {tools}/.store/\"$tool\"/*/\"$tool\"/*/tools/*/any/\"$tool\".dll > {tools}/\"$tool\" \\",
            $"    && chmod 755 {tools}/\"$tool\" || exit 1; \\",
            "done");
        Line();

        Line("# Debug stage: the final stage's app on an image with a shell and the .NET diagnostic tools on PATH, as the same");
        Line("# user; docker build --target debug. Nothing of it is in the final image.");
        Line($"FROM {debug.Image} AS debug");
        WriteSharedSettings();
        WriteAppStageCustomization(FinalParts, fromParts: false);
        Line($"COPY --from={DebugToolsStage} {tools}/ {tools}/");
        Line($"ENV PATH=\"${{PATH}}:{tools}\"");
        WriteAppCopies();
        WriteFragments(FragmentPoint.AfterAppCopy);
        Line($"USER {plan.User}");
        WriteHowTheAppRuns();

        Line();
    }
}
