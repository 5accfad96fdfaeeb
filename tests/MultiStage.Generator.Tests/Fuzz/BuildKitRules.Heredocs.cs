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

// The words BuildKit looks at for heredocs, and the quoting inside them.
public static partial class BuildKitRules
{
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
