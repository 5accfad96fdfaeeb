using MultiStage.Generator.InImageBuild;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text;
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
using MultiStage.Generator.Tests.Infrastructure;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// What a generated Dockerfile must be for given facts, checked against dockerfile-ast's parse and BuildKit's
/// rules: exactly the expected instructions in order, every project value back out unchanged, and nothing a value
/// could use to start a line (raw line breaks, control characters, stray line continuations).
/// </summary>
internal static partial class DockerfileExpectations
{
    private static readonly Regex InstructionLine = new(
        @"^\s*(ADD|ARG|CMD|COPY|ENTRYPOINT|ENV|EXPOSE|FROM|HEALTHCHECK|LABEL|MAINTAINER|ONBUILD|RUN|SHELL|STOPSIGNAL|USER|VOLUME|WORKDIR)(\s|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // BuildKit joins a line ending in the escape token (then only spaces or tabs) with the next.
    private static readonly Regex Continuation = new(@"\\[ \t]*$", RegexOptions.CultureInvariant);

    // A parser directive (# name=value) is read from each comment line at the top until one is not one.
    private static readonly Regex Directive = new(@"^#\s*[A-Za-z][A-Za-z0-9]*\s*=", RegexOptions.CultureInvariant);

    private static readonly Regex JoinedContinuation = new(@"\\[ \t]*\n", RegexOptions.CultureInvariant);

    /// <summary>A rejection: no text, and every error is the code that names one offending value (and every one is named).</summary>
    public static void CheckRejection(ProjectFacts facts, GeneratedDockerfile result, List<string> problems)
    {
        var violations = PlacementRules.Violations(facts);
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        if (result.Text is not null)
        {
            problems.Add("errors were reported but text was produced");
        }

        if (violations.Count == 0)
        {
            problems.Add("every value is placeable, yet the generator reported: " + string.Join(" | ", errors));
            return;
        }

        foreach (var error in errors)
        {
            if (!Regex.IsMatch(error.Code, @"^MULTISTAGE1\d{3}$") && error.Code != DiagnosticDescriptors.InvalidDigest.Code)
            {
                problems.Add($"error {error.Code} is not a project-input (1xxx) code: {error}");
            }

            if (!violations.Any(v => v.Code == error.Code && Names(error, v.Subject)))
            {
                problems.Add($"error names no offending value's property: {error}");
            }
        }

        var imageErrors = errors.Any(e => violations.Any(v => v.ImageSelection && v.Code == e.Code));
        foreach (var violation in violations)
        {
            var named = errors.Any(e => e.Code == violation.Code && Names(e, violation.Subject));
            if (!named && !(violation.ImageSelection && imageErrors))
            {
                problems.Add($"no {violation.Code} names {HostileFacts.Literal(violation.Subject)}");
            }
        }
    }

    /// <summary>Messages show values printably (control characters spelled out, long values cut short).</summary>
    private static bool Names(Diagnostic error, string subject)
    {
        var shown = DiagnosticDescriptor.Printable(subject);
        return error.Message.Contains(shown.EndsWith("...", StringComparison.Ordinal) ? shown.Substring(0, shown.Length - 3) : shown, StringComparison.Ordinal);
    }

    /// <summary>dockerfile-ast misreads a JSON-form COPY whose path has a word starting with "&lt;&lt;" as a heredoc.</summary>
    public const string AstHeredocMisread = "a JSON-form COPY taken for a heredoc";

    /// <summary>dockerfile-ast takes a word starting with "--" inside a JSON-form COPY for a flag.</summary>
    public const string AstFlagMisread = "a word inside a JSON-form COPY taken for a flag";

    /// <summary>
    /// An accepted project: the text parses into exactly the expected instructions and every value round-trips,
    /// both as BuildKit reads it (<see cref="BuildKitRules.Parse"/>) and as dockerfile-ast does.
    /// </summary>
    /// <returns>
    /// Where dockerfile-ast is known to read differently from BuildKit (<see cref="AstHeredocMisread"/>,
    /// <see cref="AstFlagMisread"/>): it is then checked only up to that point, or apart from that COPY.
    /// </returns>
    public static IReadOnlyList<string> CheckDockerfile(ProjectFacts facts, GeneratedDockerfile result, ParsedDockerfile parsed, List<string> problems)
    {
        var violations = PlacementRules.Violations(facts);
        if (violations.Count > 0)
        {
            problems.Add("accepted values it must reject: " + string.Join(", ", violations.Select(v => $"{v.Code} {HostileFacts.Literal(v.Subject)}")));
        }

        var text = result.Text!;
        var restoreSources = new List<string>();
        var expected = Expected(facts, result.Plan!, problems, restoreSources);
        IReadOnlyList<ParsedInstruction> model;
        try
        {
            model = BuildKitRules.Parse(text);
        }
        catch (BuildKitRules.WordException e)
        {
            problems.Add("BuildKit: " + e.Message);
            model = Array.Empty<ParsedInstruction>();
        }

        CheckLines(text, facts.DockerfileSyntax is null ? null : result.Plan!.DockerfileSyntax, expected.Count, model, problems);
        CheckInstructions("BuildKit", model, expected, _ => false, problems);
        var copied = facts.RestoreFiles.Append(facts.ProjectPath).Concat(facts.RestoreFolders.Select(f => f.TrimEnd('/') + "/")).ToHashSet(StringComparer.Ordinal);
        if (model.Count > 0 && !restoreSources.ToHashSet(StringComparer.Ordinal).SetEquals(copied))
        {
            problems.Add($"BuildKit: the restore layer copies {Show(restoreSources)}, expected {Show(copied)}");
        }
        if (parsed.Error is not null || parsed.Instructions is null)
        {
            problems.Add("dockerfile-ast failed: " + parsed.Error);
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
            expected = expected.Take(heredoc).ToList();
        }

        // dockerfile-ast looks for COPY flags in every word that contains "--" (BuildKit stops at the first word
        // not starting with "--", here the JSON array's "["): such a COPY is left to the BuildKit check.
        bool FlagMisread(int n) =>
            ast[n] is { Keyword: "COPY", Json: null, Flags: { Count: > 0 } flags } && n < model.Count && model[n].Json?.Raw is { } raw
            && flags.All(f => raw.Contains(f.TrimEnd('"', ','), StringComparison.Ordinal));
        if (Enumerable.Range(0, Math.Min(ast.Count, expected.Count)).Any(FlagMisread))
        {
            deviations.Add(AstFlagMisread);
        }

        CheckInstructions("dockerfile-ast", ast, expected, FlagMisread, problems);
        return deviations;
    }

    private static void CheckInstructions(
        string parser, IReadOnlyList<ParsedInstruction> instructions, IReadOnlyList<ExpectedInstruction> expected, Func<int, bool> skip, List<string> problems)
    {
        var found = new List<string>();
        var keywords = instructions.Select(i => i.Keyword).ToList();
        if (!keywords.SequenceEqual(expected.Select(e => e.Keyword)))
        {
            problems.Add($"{parser}: instructions are {string.Join(" ", keywords)}\n  expected {string.Join(" ", expected.Select(e => e.Keyword))}");
            return;
        }

        for (var n = 0; n < expected.Count; n++)
        {
            var instruction = instructions[n];
            if (skip(n))
            {
                continue;
            }

            if (instruction.Keyword != "RUN" && instruction.Line != instruction.EndLine)
            {
                found.Add($"{instruction.Keyword} on line {instruction.Line + 1} spans lines {instruction.Line + 1}-{instruction.EndLine + 1}");
            }

            try
            {
                expected[n].Check(instruction, found);
            }
            catch (Exception e) when (e is BuildKitRules.WordException or JsonException)
            {
                found.Add($"{Show(instruction)}: {e.Message}");
            }
        }

        problems.AddRange(found.Select(f => $"{parser}: {f}"));
    }

    private sealed record ExpectedInstruction(string Keyword, Action<ParsedInstruction, List<string>> Check);

    private static void CheckLines(string text, string? syntax, int expectedInstructions, IReadOnlyList<ParsedInstruction> instructions, List<string> problems)
    {
        if (!text.EndsWith('\n'))
        {
            problems.Add("the text does not end with a line break");
        }

        // The only parser directive is an asked-for syntax line; no value may start one.
        var lines = text.Split('\n');
        var directives = syntax is null ? 0 : 1;
        if (syntax is not null && lines[0] != "# syntax=" + syntax)
        {
            problems.Add($"the first line is {HostileFacts.Literal(Shorten(lines[0]))}, not the syntax directive");
        }

        if (Directive.IsMatch(lines[directives]))
        {
            problems.Add("a value reached the parser directives at the top of the file");
        }

        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var quotedValueLine = line.StartsWith("ENV ", StringComparison.Ordinal) || line.StartsWith("LABEL ", StringComparison.Ordinal);
            foreach (var c in line)
            {
                // A tab is the one control character a quoted ENV or LABEL value holds as it is: a Dockerfile has no escape for it.
                if ((char.IsControl(c) && !(c == '\t' && quotedValueLine)) || c is '\u2028' or '\u2029')
                {
                    problems.Add($"line {n + 1} holds the raw character U+{(int)c:X4}: {HostileFacts.Literal(Shorten(line))}");
                    break;
                }
            }

            // BuildKit reads lines with a bufio.Scanner of the default 64 KiB buffer, line break included.
            if (Encoding.UTF8.GetByteCount(line) >= 65536)
            {
                problems.Add($"line {n + 1} is {Encoding.UTF8.GetByteCount(line)} bytes, longer than BuildKit reads");
            }

            if (Continuation.IsMatch(line) && !instructions.Any(i => i.Keyword == "RUN" && i.Line <= n && n < i.EndLine))
            {
                problems.Add($"line {n + 1} ends with a line continuation outside a RUN: {HostileFacts.Literal(Shorten(line))}");
            }
        }

        var instructionLines = lines.Count(l => InstructionLine.IsMatch(l));
        if (instructionLines != expectedInstructions)
        {
            problems.Add($"{instructionLines} lines start with an instruction keyword; expected {expectedInstructions}");
        }
    }

    private static string Show(ParsedInstruction instruction) =>
        $"line {instruction.Line + 1} {(instruction.Text is null ? instruction.Keyword : HostileFacts.Literal(Shorten(instruction.Text)))}";

    private static string Show(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(v => HostileFacts.Literal(Shorten(v)))) + "]";

    private static string Shorten(string text) => text.Length > 300 ? text.Substring(0, 300) + "..." : text;
}
