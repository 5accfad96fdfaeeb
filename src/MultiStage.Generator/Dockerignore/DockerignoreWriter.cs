using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MultiStage.Generator.Output;

namespace MultiStage.Generator.Dockerignore;

/// <summary>
/// Writes the .dockerignore at the build context root. Its generated part is the same for every project, so
/// projects that share a context root agree on it; lines a user adds below <see cref="UserSectionMarker"/> are kept.
/// </summary>
public static class DockerignoreWriter
{
    public const string UserSectionMarker = "# --- Your own lines below this one are kept when the file is regenerated ---";

    // Patterns are relative to the context root: "bin/" would match only a top-level bin, so every
    // folder pattern starts with "**/". A host obj/project.assets.json in the context breaks publish (NETSDK1047).
    private static readonly string[] Sections =
    {
        "# Build output: the image builds its own, and host files would confuse restore and publish.",
        "**/bin/",
        "**/obj/",
        "**/TestResults/",
        "**/*.binlog",
        "",
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

    /// <summary>The full file: the generated part, then the user's own lines from <paramref name="existing"/> if any.</summary>
    public static string Write(string? existing)
    {
        var text = new StringBuilder();
        text.Append(GeneratedFileMarker.Prefix)
            .Append(" and rewritten on every build; delete this line to own the file (the SDK then leaves it alone).\n");
        text.Append("# Keeps the docker build context small and free of host build output and secrets.\n\n");
        foreach (var line in Sections)
        {
            text.Append(line).Append('\n');
        }

        text.Append('\n').Append(UserSectionMarker).Append('\n');
        foreach (var line in UserLines(existing))
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>The lines after the user-section marker of an existing generated file.</summary>
    public static IReadOnlyList<string> UserLines(string? existing)
    {
        if (existing is null)
        {
            return Array.Empty<string>();
        }

        var lines = new List<string>();
        var inUserSection = false;
        using var reader = new StringReader(existing);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
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
}
