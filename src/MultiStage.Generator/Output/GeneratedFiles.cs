using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MultiStage.Generator.Compose;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Output;

/// <summary>What writing a result's files did: each file's outcome, the diagnostics, and the paths it depended on.</summary>
internal sealed record WrittenFiles(IReadOnlyList<FileResult> Files, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyCollection<string> ConsultedPaths)
{
    public bool Failed => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Writes a generation's files all or nothing. A file the SDK did not write is never touched (a warning says so).
/// The context root's files merge what every project under it contributes (.dockerignore build output blocks,
/// compose.yaml services): each is read, merged and replaced under a machine-wide lock.
/// </summary>
internal static class GeneratedFiles
{
    private static readonly TimeSpan MergeLockTimeout = TimeSpan.FromMinutes(2);

    public static WrittenFiles Write(GenerationResult result)
    {
        var diagnostics = new List<Diagnostic>();
        var planned = new[] { result.Dockerfile, result.Dockerignore }.Where(f => f is not null).Select(f => f!).ToList();
        var compose = result.Compose;
        if (compose is not null && UserComposeFile(result.ContextRoot) is { } userCompose)
        {
            diagnostics.Add(DiagnosticDescriptors.ComposeNotOwned.Create(userCompose));
            compose = null;
        }

        if (compose is not null)
        {
            planned.Add(compose);
        }

        var consulted = new SortedSet<string>(result.ConsultedPaths, StringComparer.Ordinal);
        IReadOnlyList<FileResult> files;
        try
        {
            // Hold the locks from reading the shared files to replacing them, so parallel builds keep each other's part.
            var locks = new[] { result.Dockerignore, compose }.Where(f => f is not null).Select(f => f!.Path).OrderBy(p => p, StringComparer.Ordinal)
                .Select(p => CrossProcessLock.Acquire(p, MergeLockTimeout)).ToList();
            try
            {
                files = ProjectFiles.Observe(() => GeneratedFileWriter.WriteAll(planned), out var renderedFrom);
                consulted.UnionWith(renderedFrom);
            }
            finally
            {
                locks.ForEach(l => l.Dispose());
            }
        }
        catch (GeneratedFileException e)
        {
            diagnostics.Add(DiagnosticDescriptors.CannotWriteFile.Create(e.Path, e.Message));
            return new WrittenFiles(Array.Empty<FileResult>(), diagnostics, consulted);
        }

        consulted.UnionWith(planned.Select(p => p.Path));
        if (result.Compose is not null)
        {
            // Where a compose file of the user's would appear.
            consulted.Add(result.ContextRoot);
        }

        foreach (var file in files.Where(f => f.Outcome == FileOutcome.NotOwned))
        {
            var descriptor = file.Path == result.Dockerfile?.Path ? DiagnosticDescriptors.DockerfileNotOwned
                : file.Path == result.Compose?.Path ? DiagnosticDescriptors.ComposeNotOwned
                : DiagnosticDescriptors.DockerignoreNotOwned;
            diagnostics.Add(descriptor.Create(file.Path));
        }

        return new WrittenFiles(files, diagnostics, consulted);
    }

    /// <summary>A compose file at the context root that the SDK did not write, which a generated compose.yaml would shadow.</summary>
    private static string? UserComposeFile(string contextRoot) =>
        ComposeWriter.ComposeFileNames
            .Select(name => Path.Combine(contextRoot, name))
            .FirstOrDefault(path => File.Exists(path) && !GeneratedFileMarker.IsGenerated(File.ReadAllText(path)));
}
