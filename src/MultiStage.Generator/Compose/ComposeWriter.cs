using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Health;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Compose;

/// <summary>One project's service in compose.yaml.</summary>
internal sealed record ComposeService(
    string Name,
    string ProjectPath,
    string DockerfilePath,
    string Image,
    IReadOnlyList<PortSpec> Ports,
    IReadOnlyList<NameValue> Environment,
    HealthCheckPlan? HealthCheck = null,
    ComposeDevService? Dev = null)
{
    public static ComposeService From(ImagePlan plan) =>
        new(plan.ServiceName, plan.Paths.ProjectPath, plan.Paths.DockerfilePath, plan.ImageName, plan.Ports, plan.ServiceEnvironment, plan.HealthCheck,
            plan.Dev is { } dev ? new ComposeDevService(dev.BuildOutputFolders) : null);
}

/// <summary>
/// Writes the opt-in compose.yaml at the build context root: one service per containerised project under it.
/// Each project's build knows only its own service, so the file is merged: this project's block is replaced,
/// other projects' blocks are kept, and blocks whose project file is gone are dropped. Services are sorted by name,
/// so the same projects always give the same bytes.
/// </summary>
internal static partial class ComposeWriter
{
    public const string FileName = "compose.yaml";

    /// <summary>Compose files docker compose would read from the context root; a user's one is never shadowed.</summary>
    public static readonly IReadOnlyList<string> ComposeFileNames = new[] { "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml" };

    private const string BlockPrefix = "  # service from ";

    public static string Write(string? existing, ComposeService service, Func<string, bool> projectExists)
    {
        var blocks = ReadBlocks(existing)
            .Where(b => b.ProjectPath != service.ProjectPath && b.Name != service.Name && projectExists(b.ProjectPath))
            .Append((service.Name, service.ProjectPath, Text: Render(service)))
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ThenBy(b => b.ProjectPath, StringComparer.Ordinal);

        var text = new StringBuilder();
        text.Append(GeneratedFileMarker.Prefix)
            .Append(" and rewritten on every build; delete this line to own the file (the SDK then leaves it alone).\n");
        text.Append("# One service per project under this folder that sets MultiStageGenerateCompose: docker compose up --build\n\n");
        text.Append("services:\n");
        foreach (var block in blocks)
        {
            text.Append(block.Text);
        }

        return text.ToString();
    }

    /// <summary>The published ports and the environment: the app's service and its dev service have the same.</summary>
    private static void AppendPortsAndEnvironment(StringBuilder text, ComposeService service)
    {
        if (service.Ports.Count > 0)
        {
            text.Append("    ports:\n");
            foreach (var port in service.Ports)
            {
                text.Append("      - ").Append(Scalar(port.HostMapping)).Append('\n');
            }
        }

        if (service.Environment.Count > 0)
        {
            text.Append("    environment:\n");
            foreach (var variable in service.Environment)
            {
                text.Append("      ").Append(Scalar(variable.Name)).Append(": ").Append(Scalar(variable.Value)).Append('\n');
            }
        }
    }

    private static string Render(ComposeService service)
    {
        var text = new StringBuilder();
        text.Append(BlockPrefix).Append(service.ProjectPath).Append('\n');
        text.Append("  ").Append(service.Name).Append(":\n");
        text.Append("    build:\n");
        text.Append("      context: .\n");
        text.Append("      dockerfile: ").Append(Scalar(service.DockerfilePath)).Append('\n');
        text.Append("    image: ").Append(Scalar(service.Image)).Append('\n');
        AppendPortsAndEnvironment(text, service);

        if (service.HealthCheck is { } check)
        {
            // The image's own check, so compose's "depends_on: condition: service_healthy" works with every builder.
            text.Append("    healthcheck:\n");
            text.Append("      test: [").Append(string.Join(", ", new[] { "CMD" }.Concat(check.Command).Select(Scalar))).Append("]\n");
            text.Append("      interval: ").Append(check.Interval).Append('\n');
            text.Append("      timeout: ").Append(check.Timeout).Append('\n');
            text.Append("      start_period: ").Append(check.StartPeriod).Append('\n');
            text.Append("      retries: ").Append(check.Retries.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        RenderDevService(service, text);
        return text.ToString();
    }

    /// <summary>
    /// A YAML double-quoted scalar. JSON string escapes are valid YAML escapes; '$' is doubled because compose
    /// interpolates variables in every value.
    /// </summary>
    public static string Scalar(string value) => JsonQuoting.Quote(value.Replace("$", "$$"));

    private static IEnumerable<(string Name, string ProjectPath, string Text)> ReadBlocks(string? existing)
    {
        if (existing is null)
        {
            yield break;
        }

        string? projectPath = null;
        string? name = null;
        var block = new StringBuilder();
        using var reader = new StringReader(existing);
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.StartsWith(BlockPrefix, StringComparison.Ordinal))
            {
                if (projectPath is not null && name is not null)
                {
                    yield return (name, projectPath, block.ToString());
                }

                projectPath = line.Substring(BlockPrefix.Length);
                name = null;
                block.Clear();
            }
            else if (projectPath is not null && name is null && line.StartsWith("  ", StringComparison.Ordinal) && line.EndsWith(":", StringComparison.Ordinal))
            {
                name = line.Trim().TrimEnd(':');
            }

            if (projectPath is not null)
            {
                block.Append(line).Append('\n');
            }
        }

        if (projectPath is not null && name is not null)
        {
            yield return (name, projectPath, block.ToString());
        }
    }
}
