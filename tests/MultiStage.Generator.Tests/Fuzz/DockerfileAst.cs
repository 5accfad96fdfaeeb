using System.Text.Json;
using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using MultiStage.Tests.Shared;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>One Dockerfile as dockerfile-ast sees it (tests/tools/parse-dockerfiles.mjs).</summary>
public sealed record ParsedDockerfile(IReadOnlyList<ParsedInstruction>? Instructions, string? Error);

/// <summary>
/// One instruction: from dockerfile-ast (parse-dockerfiles.mjs says which parts it reports for which instruction)
/// or, with <see cref="Model"/> set, as BuildKit reads it (<see cref="BuildKitRules.Parse"/>, which gives the
/// joined logical line as <see cref="Text"/> and JSON form as <see cref="ParsedJson.Raw"/>).
/// </summary>
public sealed record ParsedInstruction(
    string Keyword,
    int Line,
    int EndLine,
    string? Text,
    IReadOnlyList<string>? Args,
    IReadOnlyList<string>? Flags,
    IReadOnlyList<ParsedProperty>? Properties,
    ParsedJson? Json)
{
    public bool Model { get; init; }

    /// <summary>The model's first heredoc body line, or -1: lines from it to <see cref="EndLine"/> are content.</summary>
    public int HeredocLine { get; init; } = -1;
}

/// <summary>An ENV, LABEL or ARG pair as dockerfile-ast's getName() and getValue() give it.</summary>
public sealed record ParsedProperty(string Name, string? Value);

/// <summary>A JSON-form argument list: the array's text (BuildKit), or the source text between each string's quotes (dockerfile-ast).</summary>
public sealed record ParsedJson(string? Raw, IReadOnlyList<string>? Strings);

/// <summary>Parses many Dockerfiles with dockerfile-ast in one node process.</summary>
public static class DockerfileAst
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<ParsedDockerfile> Parse(IReadOnlyList<string> dockerfiles)
    {
        // The default encoder writes every non-ASCII character as \u escapes: standard input stays ASCII.
        var (exitCode, output) = NodeTools.RunScript("parse-dockerfiles.mjs", JsonSerializer.Serialize(dockerfiles));
        var firstLine = output.IndexOf('\n') is var newline and >= 0 ? output.Substring(0, newline) : output;
        if (exitCode != 0 || !firstLine.StartsWith('['))
        {
            throw new InvalidOperationException($"parse-dockerfiles.mjs exited with {exitCode}:\n{Shorten(output)}");
        }

        var parsed = JsonSerializer.Deserialize<List<ParsedDockerfile>>(firstLine, Options)!;
        if (parsed.Count != dockerfiles.Count)
        {
            throw new InvalidOperationException($"parse-dockerfiles.mjs returned {parsed.Count} results for {dockerfiles.Count} Dockerfiles");
        }

        return parsed;
    }

    private static string Shorten(string text) => text.Length > 4000 ? text.Substring(0, 4000) + "..." : text;
}
