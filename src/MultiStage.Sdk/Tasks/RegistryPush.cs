using System;
using System.Collections.Generic;
using System.IO;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;

namespace MultiStage.Sdk.Tasks;

/// <summary>
/// Runs the pushes <see cref="ImagePush"/> plans, one per name, and reads the digest each reports. The first
/// failure stops the rest and becomes a coded error naming the registry and the cause.
/// </summary>
internal static class RegistryPush
{
    /// <summary>
    /// Pushes every name; the registry's digest, or null with <paramref name="problem"/> set. Digest files go to
    /// <paramref name="scratchFolder"/> (obj/) and are removed after reading.
    /// </summary>
    public static string? PushAll(ContainerBuilderProcess process, ContainerBuilder builder, string registry, IReadOnlyList<string> names, string? manifestList, string scratchFolder, out Diagnostic? problem)
    {
        var executable = ContainerBuilderCommands.Executable(builder);
        string? digest = null;
        foreach (var name in names)
        {
            var digestFile = Path.Combine(scratchFolder, "multistage-push-" + Guid.NewGuid().ToString("N") + ".digest");
            try
            {
                Directory.CreateDirectory(scratchFolder);
                var exitCode = process.Run(executable, ImagePush.Push(builder, name, manifestList, digestFile), scratchFolder);
                if (exitCode != 0)
                {
                    problem = Describe(ImagePush.Classify(process.ErrorLines.ToArray()), executable, registry, name, exitCode);
                    return null;
                }

                var pushed = builder == ContainerBuilder.Docker
                    ? ImagePush.DigestFromDockerPush(process.OutputLines.ToArray())
                    : ImagePush.DigestFromFile(File.Exists(digestFile) ? File.ReadAllText(digestFile) : null);
                if (pushed is null)
                {
                    // buildah 1.28's manifest push exits 0, silently, when the registry is out of reach or refuses it.
                    var why = manifestList is null ? "it reported no digest"
                        : $"it reported no digest, which is how '{executable} manifest push' fails when the registry cannot be reached or refuses the push (it exits with 0 and no message); '{executable} login {registry}' or '{executable} push' of one image shows the cause";
                    problem = DiagnosticDescriptors.PushFailed.Create(executable, name, registry, why);
                    return null;
                }

                digest ??= pushed;
            }
            finally
            {
                ImageArchive.DeleteIfPresent(digestFile);
            }
        }

        problem = null;
        return digest;
    }

    /// <summary>The image id a build wrote (--iidfile), or the digest and id buildx wrote (--metadata-file); the file is removed.</summary>
    public static (string? Digest, string? ImageId) ReadBuildResult(string? resultFile, bool buildx)
    {
        if (resultFile is null || !File.Exists(resultFile))
        {
            return (null, null);
        }

        try
        {
            var text = File.ReadAllText(resultFile);
            return buildx ? ImagePush.FromBuildxMetadata(text) : (null, ImagePush.DigestFromFile(text));
        }
        finally
        {
            ImageArchive.DeleteIfPresent(resultFile);
        }
    }

    private static Diagnostic Describe(PushProblem problem, string executable, string registry, string name, int exitCode) => problem.Failure switch
    {
        PushFailure.Refused => DiagnosticDescriptors.RegistryRefusedPush.Create(registry, name, problem.Detail, executable),
        PushFailure.Unreachable => DiagnosticDescriptors.RegistryUnreachable.Create(registry, name, problem.Detail, executable),
        PushFailure.Tls => DiagnosticDescriptors.RegistryTlsFailed.Create(registry, name, problem.Detail),
        _ => DiagnosticDescriptors.PushFailed.Create(executable, name, registry, $"exited with code {exitCode}: {problem.Detail}"),
    };
}
