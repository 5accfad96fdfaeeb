using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Dockerfile;

/// <summary>
/// The dev stage (MultiStageDevStage): the SDK image with the packages restored in a layer, running dotnet watch on
/// the sources the host mounts where the build stage has them. Only <c>docker build --target dev</c> builds it.
/// </summary>
internal sealed partial class DockerfileWriter
{
    private void WriteDevStage()
    {
        if (plan.Dev is null)
        {
            return;
        }

        Line("# Dev stage: dotnet watch on the sources mounted from the host at /src, with the packages restored here, so a");
        Line("# restore input is all that needs a rebuild. Run it as the compose file's -dev service or the README says; the");
        Line("# mount hides /src, so each project's bin/ and obj/ must be volumes of their own (they start from this stage's).");
        Line($"FROM {plan.Images.BuildImage} AS {DevStagePlan.StageName}");
        Line($"WORKDIR {DevStagePlan.SourceFolder}");
        WriteBuildCertificates();
        foreach (var port in plan.Ports)
        {
            Line($"EXPOSE {port}");
        }

        // Mounted folders from macOS and Windows hosts deliver no file change events: dotnet watch polls. Without a
        // terminal it cannot ask what to do after an edit hot reload cannot apply, so it restarts the app.
        Line("ENV DOTNET_USE_POLLING_FILE_WATCHER=true DOTNET_WATCH_RESTART_ON_RUDE_EDIT=true DOTNET_WATCH_SUPPRESS_LAUNCH_BROWSER=true \\");
        Line("    DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development");
        foreach (var variable in plan.Environment)
        {
            Line($"ENV {variable.Name}={DockerfileQuoting.QuotedWord(variable.Value)}");
        }

        // The SDK images listen where the runtime images do (8080); the app's own first port, as in the final stage.
        var tcp = plan.Ports.FirstOrDefault(p => p.Protocol == "tcp");
        if (tcp is not null && !plan.Environment.Any(v => v.Name is "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_URLS"))
        {
            Line($"ENV ASPNETCORE_HTTP_PORTS={tcp.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        foreach (var copy in plan.Restore.Copies)
        {
            Line($"COPY {DockerfileQuoting.CopyArray(copy.Sources.Concat(new[] { copy.Destination }))}");
        }

        var project = DockerfileQuoting.ShellArgument(plan.Paths.ProjectPath);
        var secretMounts = plan.Secrets.Select(s => s.Id == DockerfileSecret.NuGetConfigId
            ? $"--mount=type=secret,id={s.Id},target={NuGetUserConfigInImage}"
            : $"--mount=type=secret,id={s.Id}");
        var secretVariables = plan.Secrets.Where(s => s.Id != DockerfileSecret.NuGetConfigId)
            .Select(s => $"{s.Id}=\"$(cat /run/secrets/{s.Id} 2>/dev/null)\" \\");
        Run(secretMounts.ToList(), secretVariables.Append($"dotnet restore {project}{SkipClientBuildArgument}").ToArray());

        // No launch profile: its applicationUrl (localhost) cannot be reached from outside the container.
        var command = new List<string> { "dotnet", "watch", "run", "--project", plan.Paths.ProjectPath, "--no-launch-profile" };
        if (plan.Publish.NamesFramework)
        {
            command.AddRange(new[] { "-f", plan.Publish.TargetFramework });
        }

        Line($"ENTRYPOINT {DockerfileQuoting.JsonArray(command)}");
        Line();
    }
}
