using System;
using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Client;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Health;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.InImageBuild;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Sbom;

namespace MultiStage.Generator.Dockerfile;

/// <summary>The SDK stage: restore from only what restore reads, then publish the sources once.</summary>
internal sealed partial class DockerfileWriter
{
    private void WriteBuildStage()
    {
        // The SDK stage runs on the builder's own platform: .NET cannot build reliably under emulation.
        Line($"FROM --platform=$BUILDPLATFORM {plan.Images.BuildImage} AS build");
        Line("ARG TARGETARCH");
        Line("ARG BUILD_CONFIGURATION=Release");
        Line("WORKDIR /src");
        WriteBuildCertificates();
        WriteAotToolchainInstall();
        WritePackageInstall(plan.Images.BuildPackageManager, plan.Customization.BuildOsPackages, "# OS packages the build needs (MultiStageOsPackage Stage=\"build\").");
        Line();

        Line("# Restore layer: only the files restore reads, so a source edit reuses it.");
        foreach (var copy in plan.Restore.Copies)
        {
            Line($"COPY {DockerfileQuoting.CopyArray(copy.Sources.Concat(new[] { copy.Destination }))}");
        }

        var project = DockerfileQuoting.ShellArgument(plan.Paths.ProjectPath);
        if (plan.Restore.RestoreWorkloads)
        {
            Line("# The workloads the project needs (MultiStageRestoreWorkloads), as dotnet workload restore finds them in it.");
            Run(Array.Empty<string>(), $"dotnet workload restore {project}");
        }

        WriteFragments(FragmentPoint.BeforeRestore);

        // Restore and publish must agree on runtime identifier and configuration (else NETSDK1047). A multi-targeted
        // project restores every framework: a TargetFramework property would also be forced onto referenced projects.
        // Private feed credentials arrive as build secrets: mounted for this one command, kept in no layer.
        var secretMounts = plan.Secrets.Select(s => s.Id == DockerfileSecret.NuGetConfigId
            ? $"--mount=type=secret,id={s.Id},target={NuGetUserConfigInImage}"
            : $"--mount=type=secret,id={s.Id}");
        var secretVariables = plan.Secrets.Where(s => s.Id != DockerfileSecret.NuGetConfigId)
            .Select(s => $"{s.Id}=\"$(cat /run/secrets/{s.Id} 2>/dev/null)\" \\");
        var restores = (plan.Tests?.Runs ?? new List<TestRun>())
            .Select(t => $"dotnet restore {DockerfileQuoting.ShellArgument(t.ProjectPath)} -p:Configuration=\"$BUILD_CONFIGURATION\"{SkipClientBuildArgument}")
            .Append($"dotnet restore {project} {RuntimeArgument()}{SelfContainedRestoreArgument()} -p:Configuration=\"$BUILD_CONFIGURATION\"{SkipClientBuildArgument}")
            .ToList();
        if (restores.Count > 1)
        {
            Line("# The test projects first, the app last: its projects' assets files then keep the app's runtime identifier (and the plain framework the tests build).");
        }

        Run(secretMounts.ToList(), Chained(restores, secretVariables.ToList()));
        WriteHealthProbeBuild(project);
        Line();

        Line("# Publish layer: the sources, built once, straight to the publish folder.");
        if (plan.Publish.IncrementalCompilation)
        {
            Line("# Each project's obj/Release is a cache of its own, so a rebuild compiles only the projects whose sources changed.");
        }

        Line("COPY . .");
        WriteFragments(FragmentPoint.BeforePublish);
        var framework = plan.Publish.NamesFramework ? $" -f {DockerfileQuoting.ShellArgument(plan.Publish.TargetFramework)}" : string.Empty;
        var appHost = plan.Images.IsSelfContained ? " --self-contained"
            : plan.Publish.NamesRuntimeIdentifier ? " --self-contained false -p:UseAppHost=false"
            : " -p:UseAppHost=false";

        // Native AOT's native symbols (.dbg) are several times the size of the app itself: keep them out of the image.
        var symbols = plan.Publish.PublishAot ? " -p:CopyOutputSymbolsToPublishDirectory=false" : string.Empty;

        // GenerateDockerfile=false: the image build must not write Dockerfiles of its own inside /src.
        // The SDK's build-stage work (MultiStage.Sdk.BuildStage.targets): the compilation caches, and the publish
        // folder split into the final stage's layers.
        var buildStage = new List<string>();
        if (plan.Publish.IncrementalCompilation)
        {
            buildStage.Add($"-p:{CompilationCaches.Property}=true");
        }

        if (plan.Publish.AppLayers.Count > 0)
        {
            buildStage.Add($"-p:{AppLayers.FolderProperty}={AppLayers.BuildStageFolder}");
        }

        var publish = new List<string>
        {
            $"dotnet publish {project} {RuntimeArgument()}{framework} -c \"$BUILD_CONFIGURATION\" --no-restore \\",
            $"    -o {PublishFolder}{appHost}{symbols} -p:GenerateDockerfile=false{SkipClientBuildArgument}",
        };
        if (buildStage.Count > 0)
        {
            publish[publish.Count - 1] += " \\";
            publish.Add("    " + string.Join(" ", buildStage));
        }

        // The final stage's image is named here because the build stage has no other way to know it.
        if (plan.Publish.Sbom)
        {
            publish[publish.Count - 1] += " \\";
            publish.Add($"    -p:{ImageSbom.FolderProperty}={ImageSbom.BuildStageFolder} -p:{ImageSbom.BaseImageProperty}={DockerfileQuoting.ShellArgument(plan.Images.FinalImage)}");
        }

        Run(plan.Publish.CacheMounts, publish.ToArray());
        Line();
    }

    /// <summary>Commands run one after the other while each succeeds, each with the private feeds' variables before it.</summary>
    private static string[] Chained(IReadOnlyList<string> commands, IReadOnlyList<string> variables)
    {
        var lines = new List<string>();
        for (var i = 0; i < commands.Count; i++)
        {
            var command = new List<string>(variables) { commands[i] + (i < commands.Count - 1 ? " \\" : string.Empty) };
            command[0] = (i == 0 ? string.Empty : "&& ") + command[0];
            lines.AddRange(command);
        }

        return lines.ToArray();
    }

    /// <summary>
    /// The health probe of ContainerHealthCheck, published by the SDK from its package for the app's framework (a
    /// native file for Native AOT). It depends on the restore inputs only, so a source edit reuses its layer.
    /// </summary>
    private void WriteHealthProbeBuild(string project)
    {
        if (plan.HealthCheck is null)
        {
            return;
        }

        var runtime = plan.Publish.PublishAot ? $" -p:RuntimeIdentifier={RuntimeArgument().Substring(3)}" : string.Empty;
        Line("# The health probe (ContainerHealthCheck): published from the SDK package, so the final image needs no shell or curl.");
        Run(
            Array.Empty<string>(),
            $"dotnet msbuild {project} -t:MultiStagePublishHealthProbe -nologo -p:Configuration=\"$BUILD_CONFIGURATION\" \\",
            $"    -p:TargetFramework={DockerfileQuoting.ShellArgument(plan.Publish.TargetFramework)}{runtime} -p:{HealthCheckPlanner.FolderProperty}={HealthCheckPlanner.BuildStageFolder}");
    }

    private void WriteAotToolchainInstall()
    {
        switch (plan.Images.AotToolchainInstall)
        {
            case OsPackageManager.Apt:
                Line("# Native AOT on .NET 8 and 9 needs clang and zlib; only 10.0+ has \"-aot\" SDK images that carry them.");
                Line("RUN apt-get update \\");
                Line("    && apt-get install -y --no-install-recommends clang zlib1g-dev \\");
                Line("    && rm -rf /var/lib/apt/lists/*");
                break;
            case OsPackageManager.Apk:
                Line("# Native AOT on .NET 8 and 9 needs clang and zlib; only 10.0+ has \"-aot\" SDK images that carry them.");
                Line("RUN apk add --no-cache clang build-base zlib-dev");
                break;
        }
    }

    /// <summary>The client stage built the front end: restore and publish must not build it again (or run npm at all).</summary>
    private string SkipClientBuildArgument =>
        !plan.Publish.SkipClientBuild ? string.Empty : $" -p:{ClientStage.SkipClientBuildProperty}=true";

    /// <summary>
    /// -a lets the CLI map the Docker architecture (amd64 to x64); otherwise an explicit -r, computed in a way dash
    /// (the SDK images' /bin/sh) accepts.
    /// </summary>
    private string RuntimeArgument()
    {
        if (!plan.Publish.NamesRuntimeIdentifier)
        {
            return "-a \"$TARGETARCH\"";
        }

        var os = plan.Images.IsMusl ? "linux-musl" : "linux";
        return $"-r \"{os}-$(echo \"$TARGETARCH\" | sed 's/^amd64$/x64/')\"";
    }

    // Before net8.0 a RID implies self-contained, which contradicts UseAppHost=false: say which one it is.
    private string SelfContainedRestoreArgument() =>
        plan.Images.IsSelfContained ? " -p:SelfContained=true" : plan.Publish.NamesRuntimeIdentifier ? " -p:SelfContained=false" : string.Empty;
}
