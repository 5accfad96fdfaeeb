using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MultiStage.Generator.Output;

namespace MultiStage.Generator.Dockerignore;

/// <summary>
/// Writes the .dockerignore at the build context root. Its fixed part is the same for every project; build output
/// that MSBuild puts outside bin/ and obj/ (the artifacts layout, a moved PublishDir or PackageOutputPath) gets one
/// block per set of folders, naming the projects that put it there, so projects sharing a context root merge their
/// part as compose.yaml does. Lines a user adds below <see cref="UserSectionMarker"/> are kept.
/// </summary>
internal static class DockerignoreWriter
{
    public const string UserSectionMarker = "# --- Your own lines below this one are kept when the file is regenerated ---";

    private const string OutputBlockPrefix = "# Build output MSBuild puts outside bin/ and obj/ (";
    private const string OutputBlockSuffix = ").";

    // Patterns are relative to the context root: "bin/" would match only a top-level bin, so every
    // folder pattern starts with "**/". A host obj/project.assets.json in the context breaks publish (NETSDK1047).
    private static readonly string[] BuildOutput =
    {
        "# Build output: the image builds its own, and host files would confuse restore and publish.",
        "**/bin/",
        "**/obj/",
        "**/TestResults/",
        "**/*.binlog",
    };

    private static readonly string[] Sections =
    {
        "# Version control, editors and IDEs.",
        "**/.git",
        "**/.gitignore",
        "**/.gitattributes",
        "**/.vs/",
        "**/.vscode/",
        "**/.idea/",
        "**/*.*proj.user",
        "**/*.suo",
        "",
        "# JavaScript dependencies and logs.",
        "**/node_modules/",
        "**/npm-debug.log*",
        "**/yarn-error.log*",
        "**/*.log",
        "",
        "# Local secrets: never part of a build context.",
        "**/.env",
        "**/.env.*",
        "**/secrets.json",
        "**/secrets.dev.yaml",
        "**/values.dev.yaml",
        "**/*.pfx",
        "**/*.p12",
        "**/*.key",
        "**/*.pem",
        "**/id_rsa*",
        "**/id_ed25519*",
        "",
        "# Container files: changing them must not invalidate the sources layer.",
        "**/Dockerfile*",
        "**/*.dockerfile",
        "**/.dockerignore",
        "**/docker-compose*",
        "**/compose.y*ml",
        "**/charts/",
        "**/azds.yaml",
        "",
        "# Repository documents the app does not read.",
        "LICENSE",
        "README.md",
    };

    /// <summary>The file with the fixed part only (no project puts build output elsewhere) and the user's lines.</summary>
    public static string Write(string? existing) => Write(existing, string.Empty, Array.Empty<string>(), _ => true);

    /// <summary>
    /// The full file: the fixed part, every project's build output blocks (this project's replaced by
    /// <paramref name="outputFolders"/>, those of projects whose file is gone dropped), then the user's own lines.
    /// </summary>
    /// <param name="projectPath">This project, relative to the context root.</param>
    /// <param name="outputFolders">This project's build output folders outside bin/ and obj/, relative to the context root.</param>
    /// <param name="projectExists">Whether a project path (relative to the context root) still exists.</param>
    public static string Write(string? existing, string projectPath, IReadOnlyList<string> outputFolders, Func<string, bool> projectExists)
    {
        var blocks = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (projects, folders) in OutputBlocks(existing))
        {
            foreach (var project in projects.Where(p => p != projectPath && projectExists(p)))
            {
                Projects(blocks, folders).Add(project);
            }
        }

        if (outputFolders.Count > 0)
        {
            Projects(blocks, string.Join("\n", outputFolders.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal))).Add(projectPath);
        }

        var text = new StringBuilder();
        text.Append(GeneratedFileMarker.Prefix)
            .Append(" and rewritten on every build; delete this line to own the file (the SDK then leaves it alone).\n");
        text.Append("# Keeps the docker build context small and free of host build output and secrets.\n\n");
        AppendLines(text, BuildOutput);
        text.Append('\n');
        foreach (var block in blocks.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            text.Append(OutputBlockPrefix).Append(string.Join("; ", block.Value)).Append(OutputBlockSuffix).Append('\n');
            text.Append(block.Key).Append("\n\n");
        }

        AppendLines(text, Sections);
        text.Append('\n').Append(UserSectionMarker).Append('\n');
        AppendLines(text, UserLines(existing));
        return text.ToString();
    }

    /// <summary>The lines after the user-section marker of an existing generated file.</summary>
    public static IReadOnlyList<string> UserLines(string? existing)
    {
        var lines = new List<string>();
        var inUserSection = false;
        foreach (var line in Lines(existing))
        {
            if (inUserSection)
            {
                lines.Add(line);
            }
            else if (line.Trim() == UserSectionMarker)
            {
                inUserSection = true;
            }
        }

        // Trailing blank lines would otherwise grow by one on every rewrite.
        while (lines.Count > 0 && lines[lines.Count - 1].Trim().Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>The build output blocks of an existing generated file: the projects each names and its folder lines.</summary>
    private static IEnumerable<(IReadOnlyList<string> Projects, string Folders)> OutputBlocks(string? existing)
    {
        List<string>? projects = null;
        var folders = new List<string>();
        foreach (var line in Lines(existing).TakeWhile(l => l.Trim() != UserSectionMarker).Append(string.Empty))
        {
            if (projects is null)
            {
                if (line.StartsWith(OutputBlockPrefix, StringComparison.Ordinal) && line.EndsWith(OutputBlockSuffix, StringComparison.Ordinal))
                {
                    projects = line.Substring(OutputBlockPrefix.Length, line.Length - OutputBlockPrefix.Length - OutputBlockSuffix.Length)
                        .Split(new[] { "; " }, StringSplitOptions.RemoveEmptyEntries)
                        .ToList();
                }
            }
            else if (line.Trim().Length == 0)
            {
                if (folders.Count > 0)
                {
                    yield return (projects, string.Join("\n", folders));
                }

                projects = null;
                folders.Clear();
            }
            else
            {
                folders.Add(line.Trim());
            }
        }
    }

    private static SortedSet<string> Projects(Dictionary<string, SortedSet<string>> blocks, string folders) =>
        blocks.TryGetValue(folders, out var projects) ? projects : blocks[folders] = new SortedSet<string>(StringComparer.Ordinal);

    private static IEnumerable<string> Lines(string? text)
    {
        using var reader = new StringReader(text ?? string.Empty);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            yield return line;
        }
    }

    private static void AppendLines(StringBuilder text, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }
    }
}
