using System.Text.Json;
using System.Text.RegularExpressions;

namespace MultiStage.Generator.Tests.Fuzz;

// A second reader: dockerfile-ast must read the hostile file as BuildKit does, apart from its known misreadings.
internal static partial class DockerfileProperties
{
    /// <summary>dockerfile-ast misreads a JSON-form COPY whose path has a word starting with "&lt;&lt;" as a heredoc.</summary>
    public const string AstHeredocMisread = "a JSON-form COPY taken for a heredoc";

    /// <summary>dockerfile-ast takes a word starting with "--" inside a JSON-form COPY for a flag.</summary>
    public const string AstFlagMisread = "a word inside a JSON-form COPY taken for a flag";

    private static readonly Regex JoinedContinuation = new(@"\\[ \t]*\n", RegexOptions.CultureInvariant);

    /// <returns>
    /// Where dockerfile-ast is known to read differently from BuildKit (<see cref="AstHeredocMisread"/>,
    /// <see cref="AstFlagMisread"/>): it is then compared only up to that point, or apart from that COPY.
    /// </returns>
    private static IReadOnlyList<string> CheckAstAgrees(IReadOnlyList<ParsedInstruction> model, ParsedDockerfile parsed, List<string> problems)
    {
        if (parsed.Error is not null || parsed.Instructions is null)
        {
            problems.Add("dockerfile-ast failed: " + parsed.Error);
            return Array.Empty<string>();
        }

        if (model.Count == 0)
        {
            return Array.Empty<string>();
        }

        // dockerfile-ast looks for heredocs in JSON-form COPY too (BuildKit does not: parser.canContainHeredoc), so
        // a path with a word starting with "<<" makes it swallow the lines that follow. Up to there it must agree.
        var ast = parsed.Instructions;
        var deviations = new List<string>();
        var heredoc = Enumerable.Range(0, ast.Count).FirstOrDefault(
            n => ast[n] is { Keyword: "COPY", Json.Strings: { } strings } copy && copy.EndLine > copy.Line && strings.Any(s => s.Contains("<<", StringComparison.Ordinal)),
            -1);
        if (heredoc >= 0)
        {
            deviations.Add(AstHeredocMisread);
            ast = ast.Take(heredoc).ToList();
            model = model.Take(heredoc).ToList();
        }

        var keywords = ast.Select(i => i.Keyword).ToList();
        if (!keywords.SequenceEqual(model.Select(i => i.Keyword)))
        {
            problems.Add($"dockerfile-ast: instructions are {string.Join(" ", keywords)}\n  BuildKit reads {string.Join(" ", model.Select(i => i.Keyword))}");
            return deviations;
        }

        // dockerfile-ast looks for COPY flags in every word that contains "--" (BuildKit stops at the first word
        // not starting with "--", here the JSON array's "["): such a COPY is left to BuildKit's reading.
        bool FlagMisread(int n) =>
            ast[n] is { Keyword: "COPY", Json: null, Flags: { Count: > 0 } flags } && model[n].Json?.Raw is { } raw
            && flags.All(f => raw.Contains(f.TrimEnd('"', ','), StringComparison.Ordinal));
        if (Enumerable.Range(0, ast.Count).Any(FlagMisread))
        {
            deviations.Add(AstFlagMisread);
        }

        foreach (var n in Enumerable.Range(0, ast.Count).Where(n => !FlagMisread(n)))
        {
            CheckAstInstruction(ast[n], model[n], problems);
        }

        return deviations;
    }

    private static void CheckAstInstruction(ParsedInstruction ast, ParsedInstruction model, List<string> problems)
    {
        var where = $"dockerfile-ast: {ast.Keyword} on line {ast.Line + 1}";
        if (ast.Keyword != "RUN" && ast.Line != ast.EndLine)
        {
            problems.Add($"{where} spans lines {ast.Line + 1}-{ast.EndLine + 1}");
        }

        if (ast.Flags is not null && !ast.Flags.SequenceEqual(model.Flags ?? Array.Empty<string>(), StringComparer.Ordinal))
        {
            problems.Add($"{where}: flags {Show(ast.Flags)}, BuildKit reads {Show(model.Flags ?? Array.Empty<string>())}");
        }

        var read = InstructionReading.Read(model);
        if (model.Json?.Raw is { } raw)
        {
            // dockerfile-ast reports each string's source text; its own getJSONValue() drops any escape but \" and \\.
            var strings = ast.Json?.Strings?.Select(s => JsonSerializer.Deserialize<string>("\"" + s + "\"")!).ToList();
            var decoded = JsonSerializer.Deserialize<string[]>(raw)!;
            if (strings is null || !strings.SequenceEqual(decoded, StringComparer.Ordinal))
            {
                problems.Add($"{where}: JSON strings {Show(strings ?? new List<string>())}, BuildKit reads {Show(decoded)}");
            }
        }
        else if (ast.Keyword is "ENV" or "LABEL")
        {
            // getValue() keeps the '\' of an escaped '$': it leaves variables to a later step BuildKit does in the same pass.
            // A value that reads a build argument (the build labels) is the variable, unquoted.
            static string AstValue(ReadArgument value) => value.Reading.Length == 0 ? value.Text.Replace("$", "\\$") : value.Text.Trim('"');
            var pairs = Enumerable.Range(0, read.Arguments.Count / 2).Select(p => (read.Arguments[2 * p].Text, AstValue(read.Arguments[(2 * p) + 1]))).ToList();
            var properties = (ast.Properties ?? Array.Empty<ParsedProperty>()).Select(p => (p.Name, p.Value ?? "(none)")).ToList();
            if (read.Arguments.Count % 2 != 0 || !properties.SequenceEqual(pairs))
            {
                problems.Add($"{where}: name=value pairs {Show(properties.Select(p => p.Item1 + "=" + p.Item2))}, BuildKit reads {Show(pairs.Select(p => p.Item1 + "=" + p.Item2))}");
            }
        }
        else if (ast.Keyword == "RUN")
        {
            var words = ShellWords.Split(JoinedContinuation.Replace(ast.Text ?? string.Empty, " ")).Skip(1 + (ast.Flags?.Count ?? 0)).Select(w => w.Value);
            if (!words.SequenceEqual(read.Arguments.Select(a => a.Text), StringComparer.Ordinal))
            {
                problems.Add($"{where}: shell words {Show(words)}, BuildKit reads {Show(read.Arguments.Select(a => a.Text))}");
            }
        }
        else if (ast.Args is not null && !ast.Args.SequenceEqual(model.Args ?? Array.Empty<string>(), StringComparer.Ordinal))
        {
            problems.Add($"{where}: arguments {Show(ast.Args)}, BuildKit reads {Show(model.Args ?? Array.Empty<string>())}");
        }
    }
}
