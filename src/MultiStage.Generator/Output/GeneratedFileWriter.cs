using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace MultiStage.Generator.Output;

internal enum FileOutcome
{
    /// <summary>The file already held exactly this content; it was not touched (its timestamp stays).</summary>
    Unchanged,

    /// <summary>The file was created or replaced.</summary>
    Written,

    /// <summary>The file exists without the generated-file marker: it is the user's and was left alone.</summary>
    NotOwned,
}

internal sealed record FileResult(string Path, FileOutcome Outcome);

/// <summary>A file to generate: its path and how to render it from the current content (null when absent).</summary>
internal sealed record PlannedFile(string Path, Func<string?, string> Render);

/// <summary>Thrown when a generated file cannot be written; nothing of the set was changed.</summary>
internal sealed class GeneratedFileException : Exception
{
    public GeneratedFileException(string path, Exception inner)
        : base(inner.Message, inner) => Path = path;

    public string Path { get; }
}

/// <summary>
/// Writes generated files all or nothing: every changed file is first written to a temporary file beside it,
/// and only when all of them are staged are they renamed into place. A rename replaces a file atomically,
/// so a reader, or another build writing the same shared file, never sees half a file.
/// </summary>
internal static class GeneratedFileWriter
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static IReadOnlyList<FileResult> WriteAll(IEnumerable<PlannedFile> files)
    {
        var results = new List<FileResult>();
        var staged = new List<(string Path, string Temporary, string Content, Func<string?, string> Render)>();
        try
        {
            foreach (var file in files)
            {
                var existing = ReadIfExists(file.Path);
                if (existing is not null && !GeneratedFileMarker.IsGenerated(existing))
                {
                    results.Add(new FileResult(file.Path, FileOutcome.NotOwned));
                    continue;
                }

                var content = file.Render(existing);
                if (existing == content)
                {
                    results.Add(new FileResult(file.Path, FileOutcome.Unchanged));
                    continue;
                }

                try
                {
                    Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file.Path)!);
                    var temporary = file.Path + "." + Guid.NewGuid().ToString("N") + ".tmp";
                    staged.Add((file.Path, temporary, content, file.Render));
                    File.WriteAllText(temporary, content, Utf8NoBom);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new GeneratedFileException(file.Path, e);
                }
            }

            foreach (var (path, temporary, content, render) in staged)
            {
                results.Add(new FileResult(path, Commit(path, temporary, content, render)));
            }

            return results;
        }
        finally
        {
            foreach (var (_, temporary, _, _) in staged)
            {
                TryDelete(temporary);
            }
        }
    }

    private static FileOutcome Commit(string path, string temporary, string content, Func<string?, string> render)
    {
        // Several builds may race for a shared file (the context root's .dockerignore): whoever renames last
        // wins, and all of them write the same generated content.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (File.Exists(path))
                {
                    File.Replace(temporary, path, destinationBackupFileName: null);
                }
                else
                {
                    File.Move(temporary, path);
                }

                return FileOutcome.Written;
            }
            catch (Exception e) when ((e is IOException or UnauthorizedAccessException) && attempt < 5)
            {
                var existing = ReadIfExists(path);
                if (existing is not null && !GeneratedFileMarker.IsGenerated(existing))
                {
                    return FileOutcome.NotOwned;
                }

                if (existing is not null && existing == render(existing))
                {
                    return existing == content ? FileOutcome.Unchanged : FileOutcome.Written;
                }

                if (!File.Exists(temporary))
                {
                    File.WriteAllText(temporary, content, Utf8NoBom);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new GeneratedFileException(path, e);
            }
        }
    }

    private static string? ReadIfExists(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file is harmless; the next build writes a new one.
        }
    }
}
