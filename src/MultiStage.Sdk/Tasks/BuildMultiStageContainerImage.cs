using System;
using System.Linq;
using Microsoft.Build.Framework;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;

namespace MultiStage.Sdk.Tasks;

/// <summary>Builds the generated Dockerfile into an image with docker (buildx), podman or buildah.</summary>
public sealed class BuildMultiStageContainerImage : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private ContainerBuilderProcess? process;

    public string? Dockerfile { get; set; }

    public string? ContextRoot { get; set; }

    /// <summary>ContainerRepository, else the lowercased assembly name.</summary>
    public string? Repository { get; set; }

    /// <summary>ContainerImageTag and ContainerImageTags, semicolon-separated.</summary>
    public string? Tags { get; set; }

    /// <summary>ContainerRuntimeIdentifier(s): several give a multi-platform build.</summary>
    public string? RuntimeIdentifiers { get; set; }

    /// <summary>MultiStageContainerBuilder: docker, podman or buildah; empty looks for them in that order.</summary>
    public string? Builder { get; set; }

    /// <summary>MultiStageContainerSecret items: Include is the id, metadata File or EnvironmentVariable the source.</summary>
    public ITaskItem[] Secrets { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>
    /// The secret ids the generated Dockerfile mounts. Without an item of their own, "nuget" comes from the user's
    /// NuGet.config and any other id from the environment variable of that name, when there is one.
    /// </summary>
    public string? DockerfileSecrets { get; set; }

    /// <summary>MultiStageContainerBuildArg items: Include is the name, Value the value.</summary>
    public ITaskItem[] BuildArguments { get; set; } = Array.Empty<ITaskItem>();

    public string? ExtraArguments { get; set; }

    public string? ProjectFile { get; set; }

    [Output]
    public string[] ImageReferences { get; private set; } = Array.Empty<string>();

    /// <summary>The first image reference: the one MultiStageContainerRun starts.</summary>
    [Output]
    public string? PrimaryImageReference { get; private set; }

    [Output]
    public string? UsedBuilder { get; private set; }

    public override bool Execute()
    {
        if (string.IsNullOrEmpty(Dockerfile) || !System.IO.File.Exists(Dockerfile) || string.IsNullOrEmpty(ContextRoot))
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.NoDockerfileToBuild.Create(Dockerfile ?? string.Empty), ProjectFile);
            return false;
        }

        var builder = ContainerBuilderProcess.Find(Builder, out var lookedFor);
        if (builder is null)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.NoContainerBuilder.Create(lookedFor), ProjectFile);
            return false;
        }

        var request = new ImageBuildRequest(
            Dockerfile!,
            ContextRoot!,
            ContainerBuilderCommands.ImageReferences(Repository ?? "app", MSBuildList.Split(Tags)),
            ContainerBuilderCommands.Platforms(MSBuildList.Split(RuntimeIdentifiers)),
            SecretSources(),
            BuildArguments.Select(a => new NameValue(a.ItemSpec, a.GetMetadata("Value"))).ToList(),
            MSBuildList.Split(ExtraArguments),
            BuildPlatform());
        var executable = ContainerBuilderCommands.Executable(builder.Value);
        var arguments = ContainerBuilderCommands.Build(builder.Value, builder == ContainerBuilder.Docker && ContainerBuilderProcess.HasBuildx(), request);

        process = new ContainerBuilderProcess(Log);
        var exitCode = process.Run(executable, arguments, ContextRoot!);
        if (exitCode != 0)
        {
            DiagnosticLogger.Log(Log, DiagnosticDescriptors.ContainerBuildFailed.Create(executable, exitCode), ProjectFile);
            return false;
        }

        ImageReferences = request.ImageReferences.ToArray();
        PrimaryImageReference = ImageReferences[0];
        UsedBuilder = executable;
        Log.LogMessage(MessageImportance.High, $"MultiStage.Sdk: built {string.Join(", ", ImageReferences)} with {executable}.");
        return true;
    }

    public void Cancel() => process?.Cancel();

    /// <summary>This machine's platform, where the SDK stage runs.</summary>
    private static string BuildPlatform() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.Arm64 => "linux/arm64",
            System.Runtime.InteropServices.Architecture.Arm => "linux/arm/v7",
            _ => "linux/amd64",
        };

    private System.Collections.Generic.List<BuildSecret> SecretSources()
    {
        var secrets = Secrets
            .Select(s => new BuildSecret(s.ItemSpec, Blank(s.GetMetadata("File")), Blank(s.GetMetadata("EnvironmentVariable")) ?? (Blank(s.GetMetadata("File")) is null ? s.ItemSpec : null)))
            .ToList();
        foreach (var id in MSBuildList.Split(DockerfileSecrets).Where(id => secrets.All(s => s.Id != id)))
        {
            if (id == Generator.Dockerfile.DockerfileWriter.NuGetConfigSecretId)
            {
                if (NuGetUserConfig() is { } file)
                {
                    secrets.Add(new BuildSecret(id, file, null));
                }
            }
            else if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(id)))
            {
                secrets.Add(new BuildSecret(id, null, id));
            }
        }

        return secrets;
    }

    /// <summary>Where NuGet keeps the user-level config: %APPDATA%\NuGet on Windows, ~/.nuget/NuGet elsewhere.</summary>
    private static string? NuGetUserConfig()
    {
        var folder = System.IO.Path.DirectorySeparatorChar == '\\'
            ? System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "NuGet")
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "NuGet");
        var path = System.IO.Path.Combine(folder, "NuGet.Config");
        return System.IO.File.Exists(path) ? path : null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
