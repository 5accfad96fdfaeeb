using System.Text;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Tests.Infrastructure;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>What the fuzz test of one accepted project found: dockerfile-ast's known misreadings, and how many hostile values it compared in place.</summary>
internal sealed record DockerfileCheck(IReadOnlyList<string> Deviations, int ComparedValues);

/// <summary>
/// What a generated Dockerfile must be for hostile facts, stated so it holds for any layout the writer chooses: the
/// skeleton and arguments of its <see cref="BenignTwin"/>'s Dockerfile with the hostile values in the benign ones'
/// places (<see cref="TwinComparison"/>), each project value placed whole where the image takes it, nothing a value
/// could use to start a line, and dockerfile-ast reading the file as BuildKit does.
/// </summary>
internal static partial class DockerfileProperties
{
    private static readonly Regex InstructionLine = new(
        @"^\s*(ADD|ARG|CMD|COPY|ENTRYPOINT|ENV|EXPOSE|FROM|HEALTHCHECK|LABEL|MAINTAINER|ONBUILD|RUN|SHELL|STOPSIGNAL|USER|VOLUME|WORKDIR)(\s|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // BuildKit joins a line ending in the escape token (then only spaces or tabs) with the next.
    private static readonly Regex Continuation = new(@"\\[ \t]*$", RegexOptions.CultureInvariant);

    // A parser directive (# name=value) is read from each comment line at the top until one is not one.
    private static readonly Regex Directive = new(@"^#\s*[A-Za-z][A-Za-z0-9]*\s*=", RegexOptions.CultureInvariant);

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

    /// <summary>
    /// An accepted project: every property above holds, as BuildKit reads the file (<see cref="BuildKitRules.Parse"/>)
    /// and, where it reads the same, as dockerfile-ast does.
    /// </summary>
    public static DockerfileCheck CheckDockerfile(ProjectFacts facts, GeneratedDockerfile result, BenignTwin twin, GeneratedDockerfile benign, ParsedDockerfile parsed, List<string> problems)
    {
        var violations = PlacementRules.Violations(facts);
        if (violations.Count > 0)
        {
            problems.Add("accepted values it must reject: " + string.Join(", ", violations.Select(v => $"{v.Code} {HostileFacts.Literal(v.Subject)}")));
        }

        var text = result.Text!;
        CheckPlanKeepsValues(facts, result.Plan!, problems);
        var model = ParseOrReport("BuildKit", text, problems);
        CheckLines(text, facts.DockerfileSyntax is null ? null : result.Plan!.DockerfileSyntax, model, problems);
        var compared = 0;
        if (model.Count > 0)
        {
            var read = InstructionReading.Read(model);
            CheckValuesPlaced(facts, result.Plan!, read, problems);
            if (benign.Text is null)
            {
                problems.Add("the benign twin was refused: " + string.Join(" | ", benign.Diagnostics.Where(d => d.IsError)));
            }
            else if (ParseOrReport("BuildKit, benign twin", benign.Text, problems) is { Count: > 0 } benignModel)
            {
                var benignRead = InstructionReading.Read(benignModel);
                var before = problems.Count;
                TwinComparison.CheckSkeleton(read, benignRead, problems);
                if (problems.Count == before)
                {
                    compared = TwinComparison.CheckArguments(read, benignRead, twin, problems);
                }
            }
        }

        return new DockerfileCheck(CheckAstAgrees(model, parsed, problems), compared);
    }

    private static IReadOnlyList<ParsedInstruction> ParseOrReport(string reader, string text, List<string> problems)
    {
        try
        {
            return BuildKitRules.Parse(text);
        }
        catch (BuildKitRules.WordException e)
        {
            problems.Add($"{reader}: {e.Message}");
            return Array.Empty<ParsedInstruction>();
        }
    }

    private static void CheckLines(string text, string? syntax, IReadOnlyList<ParsedInstruction> instructions, List<string> problems)
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

        // A line a reader could take for an instruction is one BuildKit reads as one.
        var instructionLines = lines.Count(l => InstructionLine.IsMatch(l));
        if (instructions.Count > 0 && instructionLines != instructions.Count)
        {
            problems.Add($"{instructionLines} lines start with an instruction keyword; BuildKit reads {instructions.Count} instructions");
        }

        foreach (var instruction in instructions.Where(i => i.Keyword != "RUN" && i.Line != i.EndLine))
        {
            problems.Add($"BuildKit: {instruction.Keyword} on line {instruction.Line + 1} spans lines {instruction.Line + 1}-{instruction.EndLine + 1}");
        }
    }

    private static string Show(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(v => HostileFacts.Literal(Shorten(v)))) + "]";

    private static string Shorten(string text) => text.Length > 300 ? text.Substring(0, 300) + "..." : text;
}
