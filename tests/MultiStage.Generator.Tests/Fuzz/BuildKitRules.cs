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
public static class BuildKitRules
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

    /// <summary>
    /// parser.parseWords, which splits ENV and LABEL arguments into name=value words: white space ends a word
    /// outside quotes; an escape token keeps itself and the next character; quotes are kept for the later pass.
    /// </summary>
    public static IReadOnlyList<string> ParseWords(string rest)
    {
        const int InSpaces = 0, InWord = 1, InQuote = 2;
        var words = new List<string>();
        var phase = InSpaces;
        var word = new StringBuilder();
        var quote = '\0';
        var blankOk = false;
        for (var pos = 0; pos <= rest.Length; pos++)
        {
            var ch = pos < rest.Length ? rest[pos] : '\0';
            if (phase == InSpaces)
            {
                if (pos == rest.Length)
                {
                    break;
                }

                if (IsSpace(ch))
                {
                    continue;
                }

                phase = InWord;
            }

            if (pos == rest.Length)
            {
                if (blankOk || word.Length > 0)
                {
                    words.Add(word.ToString());
                }

                break;
            }

            if (phase == InWord)
            {
                if (IsSpace(ch))
                {
                    phase = InSpaces;
                    if (blankOk || word.Length > 0)
                    {
                        words.Add(word.ToString());
                    }

                    word.Clear();
                    blankOk = false;
                    continue;
                }

                if (ch is '\'' or '"')
                {
                    quote = ch;
                    blankOk = true;
                    phase = InQuote;
                }

                if (ch == '\\')
                {
                    if (pos + 1 == rest.Length)
                    {
                        continue;
                    }

                    word.Append(ch);
                    pos++;
                    ch = rest[pos];
                }

                word.Append(ch);
                continue;
            }

            // In a quote.
            if (ch == quote)
            {
                phase = InWord;
            }

            if (ch == '\\' && quote != '\'')
            {
                if (pos + 1 == rest.Length)
                {
                    phase = InWord;
                    continue;
                }

                word.Append(ch);
                pos++;
                ch = rest[pos];
            }

            word.Append(ch);
        }

        return words;
    }

    /// <summary>
    /// shell.Lex.ProcessWord with the default escape token, as BuildKit applies it to ENV and LABEL names and values
    /// and to each COPY source and destination (after reading the JSON): quotes are removed, '\' escapes the next
    /// character outside quotes, and inside double quotes only '"', '$' and '\' (any other '\' stays). Any '$'
    /// that is not escaped would expand a variable, so it throws, as do unterminated quotes. Like Go's
    /// text/scanner, it skips a byte order mark that starts the word.
    /// </summary>
    public static string ProcessWord(string word)
    {
        var result = new StringBuilder(word.Length);
        var i = word.Length > 0 && word[0] == '\uFEFF' ? 1 : 0;
        while (i < word.Length)
        {
            var c = word[i];
            switch (c)
            {
                case '\'':
                    var close = word.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new WordException("unexpected end of statement while looking for matching single-quote");
                    }

                    result.Append(word, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                case '"':
                    i = DoubleQuoted(word, i + 1, result);
                    break;
                case '$':
                    throw new WordException($"'$' at {i} would expand a variable");
                case '\\':
                    if (i + 1 < word.Length)
                    {
                        result.Append(word[i + 1]);
                    }

                    i += 2;
                    break;
                default:
                    result.Append(c);
                    i++;
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>A name=value word as ENV and LABEL take it: split at the first '=', each side processed.</summary>
    public static (string Name, string Value) NameValue(string word)
    {
        var equals = word.IndexOf('=');
        if (equals < 0)
        {
            throw new WordException($"no '=' in {word}");
        }

        return (ProcessWord(word.Substring(0, equals)), ProcessWord(word.Substring(equals + 1)));
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

    /// <summary>The words heredocsFromLine looks at: split at white space outside quotes, quotes and escapes kept.</summary>
    private static IEnumerable<string> RawWords(string line)
    {
        var word = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (IsSpace(c))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                var close = c == '\'' ? line.IndexOf('\'', i + 1) : ClosingDoubleQuote(line, i + 1);
                close = close < 0 ? line.Length - 1 : close;
                word.Append(line, i, close - i + 1);
                i = close;
                continue;
            }

            if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(c).Append(line[i + 1]);
                i++;
                continue;
            }

            word.Append(c);
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    private static int ClosingDoubleQuote(string line, int i)
    {
        for (; i < line.Length; i++)
        {
            if (line[i] == '\\')
            {
                i++;
            }
            else if (line[i] == '"')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsHeredoc(string word) => Heredoc.Match(word) is { Success: true } match && match.Groups[3].Value.Length > 0;

    private static int DoubleQuoted(string word, int i, StringBuilder result)
    {
        while (true)
        {
            if (i >= word.Length)
            {
                throw new WordException("unexpected end of statement while looking for matching double-quote");
            }

            var c = word[i];
            if (c == '"')
            {
                return i + 1;
            }

            if (c == '$')
            {
                throw new WordException($"'$' at {i} inside double quotes would expand a variable");
            }

            i++;
            if (c == '\\')
            {
                if (i >= word.Length)
                {
                    continue;
                }

                if (word[i] is '"' or '$' or '\\')
                {
                    c = word[i];
                    i++;
                }
            }

            result.Append(c);
        }
    }
}

/// <summary>
/// How POSIX sh (dash, the SDK images' /bin/sh) splits the shell-form RUN line a project path lands in: enough
/// to tell the word a path becomes and whether the shell would expand, glob or split any of it.
/// </summary>
public static class ShellWords
{
    public sealed record Word(string Value, bool Expands, bool Special);

    /// <summary>The words of a shell command line, after the Dockerfile joined its continuation lines.</summary>
    public static IReadOnlyList<Word> Split(string line)
    {
        var words = new List<Word>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t' or '\n')
            {
                i++;
            }

            if (i >= line.Length)
            {
                return words;
            }

            var value = new StringBuilder();
            var expands = false;
            var special = line[i] is '#' or '~';
            while (i < line.Length && line[i] is not (' ' or '\t' or '\n'))
            {
                var c = line[i];
                switch (c)
                {
                    case '\'':
                        var close = line.IndexOf('\'', i + 1);
                        if (close < 0)
                        {
                            return words.Append(new Word(line.Substring(i), true, true)).ToList();
                        }

                        value.Append(line, i + 1, close - i - 1);
                        i = close + 1;
                        break;
                    case '"':
                        i++;
                        while (i < line.Length && line[i] != '"')
                        {
                            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '$' or '`' or '"' or '\\' or '\n')
                            {
                                value.Append(line[i + 1]);
                                i += 2;
                                continue;
                            }

                            expands |= line[i] is '$' or '`';
                            value.Append(line[i]);
                            i++;
                        }

                        if (i >= line.Length)
                        {
                            return words.Append(new Word(value.ToString(), true, true)).ToList();
                        }

                        i++;
                        break;
                    case '\\':
                        if (i + 1 < line.Length)
                        {
                            value.Append(line[i + 1]);
                        }

                        i += 2;
                        break;
                    default:
                        expands |= c is '$' or '`';
                        special |= c is '|' or '&' or ';' or '<' or '>' or '(' or ')' or '*' or '?' or '[';
                        value.Append(c);
                        i++;
                        break;
                }
            }

            words.Add(new Word(value.ToString(), expands, special));
        }
    }
}
