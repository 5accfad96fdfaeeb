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
