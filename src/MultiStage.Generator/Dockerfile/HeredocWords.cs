using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Dockerfile;

/// <summary>
/// Where BuildKit's parser finds heredocs: which instructions may hold them, and which words of a joined line open
/// one (parser.heredocsFromLine). Part of <see cref="DockerfileReader"/>; anything it cannot tell for certain is a problem.
/// </summary>
internal static class HeredocWords
{
    // parser.reHeredoc: a shell word that starts a heredoc, optionally with a file descriptor and '-' (strip tabs).
    private static readonly Regex HeredocWord = new(@"^(\d*)<<(-?)([^<]*)\z", RegexOptions.CultureInvariant);

    // A delimiter whose name needs no shell processing to know: plain, or wholly in one pair of quotes.
    private static readonly Regex PlainDelimiter = new(@"^(?:[A-Za-z0-9_.\-]+|'[A-Za-z0-9_.\-]+'|""[A-Za-z0-9_.\-]+"")\z", RegexOptions.CultureInvariant);

    /// <summary>Node.canContainHeredoc: RUN, COPY and ADD, also under ONBUILD.</summary>
    public static bool CanHoldHeredoc(string keyword, string arguments)
    {
        if (keyword.Equals("ONBUILD", StringComparison.OrdinalIgnoreCase))
        {
            keyword = DockerfileReader.Keyword(arguments, out arguments);
        }

        return keyword.ToUpperInvariant() is "RUN" or "COPY" or "ADD";
    }

    /// <summary>Whether the arguments (after any --flags) are JSON (exec) form, which holds no heredoc.</summary>
    public static bool IsJson(string arguments)
    {
        var rest = arguments;
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            DockerfileReader.Keyword(rest, out rest);
        }

        try
        {
            return rest.StartsWith("[", StringComparison.Ordinal) && MiniJson.Parse(rest) is List<object?> items && items.TrueForAll(i => i is string);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The heredocs a line opens (parser.heredocsFromLine): each shell word, quotes and escapes kept, that matches
    /// reHeredoc. Where BuildKit's lexer would expand a variable into such a word, or cannot end a quote, or the
    /// delimiter needs shell processing to know, the line is refused rather than guessed at.
    /// </summary>
    public static (List<(string Name, bool Chomp)> Delimiters, string? Problem) Delimiters(string line, bool json)
    {
        var delimiters = new List<(string, bool)>();
        if (line.IndexOf("<<", StringComparison.Ordinal) < 0)
        {
            return (delimiters, null);
        }

        if (line.IndexOf("${", StringComparison.Ordinal) >= 0)
        {
            return (delimiters, "it holds '<<' and a ${...} expansion, so where a heredoc starts depends on the frontend's expansion; write the line without one of them.");
        }

        var words = RawWords(line);
        if (words is null)
        {
            return (delimiters, "it holds '<<' and a quote that does not end, so whether it starts a heredoc cannot be told.");
        }

        foreach (var word in words)
        {
            var match = HeredocWord.Match(word);
            if (word.IndexOf('$') >= 0 && word.IndexOf("<<", StringComparison.Ordinal) >= 0)
            {
                return (delimiters, $"the word '{word}' holds '<<' and '$', so whether it starts a heredoc depends on the frontend's expansion.");
            }

            if (!match.Success || match.Groups[3].Value.Length == 0)
            {
                continue;
            }

            if (json)
            {
                return (delimiters, $"it is JSON form, yet its word '{word}' would start a heredoc if a frontend read it otherwise; write it without '<<'.");
            }

            var delimiter = match.Groups[3].Value;
            if (!PlainDelimiter.IsMatch(delimiter))
            {
                return (delimiters, $"the heredoc '{word}' has a delimiter that is not a plain word; use letters, digits, '_', '.' and '-', quoted or not (<<EOF, <<'EOF').");
            }

            delimiters.Add((delimiter.Trim('\'', '"'), match.Groups[2].Value == "-"));
        }

        return (delimiters, null);
    }

    /// <summary>Shell words with quotes and escapes kept (shell.Lex with RawQuotes and RawEscapes); null when a quote does not end.</summary>
    private static List<string>? RawWords(string line)
    {
        var words = new List<string>();
        var word = new System.Text.StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (DockerfileReader.IsSpace(c))
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else if (c is '\'' or '"')
            {
                var close = i + 1;
                while (close < line.Length && line[close] != c)
                {
                    close += c == '"' && line[close] == '\\' ? 2 : 1;
                }

                if (close >= line.Length)
                {
                    return null;
                }

                word.Append(line, i, close - i + 1);
                i = close;
            }
            else
            {
                word.Append(c);
                if (c == '\\' && i + 1 < line.Length)
                {
                    word.Append(line[++i]);
                }
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
