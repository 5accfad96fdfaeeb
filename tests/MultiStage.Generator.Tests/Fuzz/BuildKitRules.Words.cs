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

// How BuildKit splits and expands an instruction's words: shell words, variables, name=value pairs.
public static partial class BuildKitRules
{
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
}
