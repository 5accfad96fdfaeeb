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

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// How BuildKit (moby/buildkit, frontend/dockerfile) reads the parts of a Dockerfile that project values land in,
/// written out so a test can check a value survives the trip. dockerfile-ast finds the instructions and their
/// parts, but it does not unescape quoted words the way BuildKit does (it keeps the '\' of an escaped '$', and it
/// drops any JSON escape other than \" and \\), so the values themselves are decoded here.
/// </summary>
public static partial class BuildKitRules
{
    private static readonly Regex LineContinuation = new(@"([^\\])\\[ \t]*$|^\\[ \t]*$", RegexOptions.CultureInvariant);
    private static readonly Regex DirectiveLine = new(@"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$", RegexOptions.CultureInvariant);
    private static readonly Regex Heredoc = new(@"^(\d*)<<(-?)([^<]*)$", RegexOptions.CultureInvariant);

    /// <summary>Thrown where BuildKit would expand a variable or reject the word.</summary>
    public sealed class WordException(string message) : Exception(message);

    /// <summary>
    /// parser.Parse: the instructions BuildKit reads, as <see cref="ParsedInstruction"/>s whose text is the
    /// instruction's joined logical line. Comment lines, parser directives and line continuations are handled as
    /// BuildKit does. A heredoc in a RUN, COPY or ADD outside JSON form is read as Dockerfile syntax 1.4 and newer
    /// read it when <paramref name="heredocs"/> is set (its body is then part of the instruction), else reported by throwing.
    /// </summary>
    public static IReadOnlyList<ParsedInstruction> Parse(string dockerfile, bool heredocs = false)
    {
        var lines = dockerfile.Split('\n');
        var count = dockerfile.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        var instructions = new List<ParsedInstruction>();
        var directivesDone = false;
        for (var n = 0; n < count; n++)
        {
            var raw = n == 0 ? lines[0].TrimStart('\uFEFF') : lines[n];
            var token = TrimLeadingSpace(raw.TrimEnd('\r'));
            if (!directivesDone)
            {
                var match = DirectiveLine.Match(token);
                directivesDone = !match.Success || match.Groups[1].Value.ToLowerInvariant() is not ("syntax" or "escape");
                if (match.Success && match.Groups[1].Value.Equals("escape", StringComparison.OrdinalIgnoreCase))
                {
                    throw new WordException("an escape directive changes the escape character");
                }
            }

            if (token.StartsWith('#'))
            {
                continue;
            }

            var start = n;
            var (line, endOfLine) = TrimContinuation(token);
            if (endOfLine && line.Length == 0)
            {
                continue;
            }

            while (!endOfLine && n + 1 < count)
            {
                n++;
                var next = lines[n].TrimEnd('\r');
                if (TrimLeadingSpace(next).StartsWith('#') || TrimLeadingSpace(next).Length == 0)
                {
                    continue;
                }

                var (continued, end) = TrimContinuation(next);
                line += continued;
                endOfLine = end;
            }

            var (keyword, arguments) = SplitCommand(line);
            var fields = arguments.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            var flags = fields.TakeWhile(f => f.StartsWith("--", StringComparison.Ordinal)).ToList();
            var rest = TrimSpace(string.Join(" ", fields.Skip(flags.Count)));
            var restText = flags.Count == 0 ? arguments : TrimSpace(arguments.Substring(arguments.IndexOf(flags[^1], StringComparison.Ordinal) + flags[^1].Length));
            var json = JsonArguments(restText);
            var heredocKeyword = keyword.ToUpperInvariant() == "ONBUILD" ? SplitCommand(arguments).Keyword.ToUpperInvariant() : keyword.ToUpperInvariant();
            var heredocWords = heredocKeyword is "RUN" or "COPY" or "ADD" && json is null ? RawWords(line).Where(IsHeredoc).ToList() : new List<string>();
            if (heredocWords.Count > 0 && !heredocs)
            {
                throw new WordException($"line {start + 1} starts a heredoc with the word {heredocWords[0]}");
            }

            var heredocLine = heredocWords.Count > 0 ? n + 1 : -1;
            foreach (var word in heredocWords)
            {
                // The delimiter is the word after "<<" or "<<-" with its quotes removed; the body ends at a line that is
                // exactly the delimiter (after leading tabs, with '-').
                var match = Heredoc.Match(word);
                var delimiter = ProcessWord(match.Groups[3].Value);
                do
                {
                    n++;
                    if (n >= count)
                    {
                        throw new WordException($"line {start + 1}: unterminated heredoc {word}");
                    }
                }
                while ((match.Groups[2].Value == "-" ? lines[n].TrimEnd('\r').TrimStart('\t') : lines[n].TrimEnd('\r')) != delimiter);
            }

            instructions.Add(new ParsedInstruction(
                keyword.ToUpperInvariant(), start, n, line, rest.Length == 0 ? Array.Empty<string>() : rest.Split(' '), flags, null, json)
            {
                Model = true,
                HeredocLine = heredocLine,
            });
        }

        return instructions;
    }

    /// <summary>parser.splitCommand: the keyword, then the arguments with surrounding white space trimmed.</summary>
    public static (string Keyword, string Arguments) SplitCommand(string line)
    {
        var trimmed = TrimSpace(line);
        var end = 0;
        while (end < trimmed.Length && trimmed[end] is not ('\t' or '\v' or '\f' or '\r' or ' '))
        {
            end++;
        }

        var start = end;
        while (start < trimmed.Length && trimmed[start] is '\t' or '\v' or '\f' or '\r' or ' ')
        {
            start++;
        }

        return (trimmed.Substring(0, end), TrimSpace(trimmed.Substring(start)));
    }

    /// <summary>Go's unicode.IsSpace, which BuildKit's parser uses to split and trim.</summary>
    public static bool IsSpace(char c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0' or '\u1680' or '\u2028' or '\u2029'
            or '\u202F' or '\u205F' or '\u3000' || c is >= '\u2000' and <= '\u200A';

    /// <summary>Go's strings.TrimSpace.</summary>
    public static string TrimSpace(string value)
    {
        var start = 0;
        var end = value.Length;
        while (start < end && IsSpace(value[start]))
        {
            start++;
        }

        while (end > start && IsSpace(value[end - 1]))
        {
            end--;
        }

        return value.Substring(start, end - start);
    }

    private static (string Line, bool EndOfLine) TrimContinuation(string line) =>
        LineContinuation.IsMatch(line) ? (LineContinuation.Replace(line, "$1"), false) : (line, true);

    private static string TrimLeadingSpace(string value)
    {
        var start = 0;
        while (start < value.Length && IsSpace(value[start]))
        {
            start++;
        }

        return value.Substring(start);
    }

    /// <summary>parser.parseJSON: the arguments as JSON form when they are a JSON array of strings.</summary>
    private static ParsedJson? JsonArguments(string arguments)
    {
        var text = TrimLeadingSpace(arguments);
        if (!text.StartsWith('['))
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<string[]>(text) is not null ? new ParsedJson(text, null) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
