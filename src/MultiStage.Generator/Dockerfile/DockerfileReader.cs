using System;
using System.Collections.Generic;

namespace MultiStage.Generator.Dockerfile;

/// <summary>One instruction as BuildKit reads it: its keyword (upper case) and its lines (0-based, heredoc bodies included).</summary>
internal sealed record ReadInstruction(string Keyword, int FirstLine, int LastLine, int HeredocFirstLine = -1)
{
    /// <summary>Whether a line of the instruction is heredoc content, which no reader takes as a comment or an instruction.</summary>
    public bool IsHeredocLine(int line) => HeredocFirstLine >= 0 && line >= HeredocFirstLine && line <= LastLine;
}

/// <summary>What <see cref="DockerfileReader.Read"/> found: the instructions, and the first line it cannot read with certainty.</summary>
internal sealed record DockerfileReading(IReadOnlyList<ReadInstruction> Instructions, int ProblemLine, string? Problem, bool OpenAtEnd, int FirstHeredocLine)
{
    public bool HasHeredoc => FirstHeredocLine >= 0;
}

/// <summary>
/// Reads Dockerfile lines the way BuildKit's parser (moby/buildkit frontend/dockerfile/parser) does with the default
/// escape character '\': comment lines, line continuations (comment and empty lines inside them skipped), and
/// heredocs on RUN, COPY and ADD. Where the frontends a generated file may meet read a line differently (Docker
/// 20.10's built-in frontend against the current one) it reports the line instead of picking one reading.
/// </summary>
internal static class DockerfileReader
{
    /// <summary>
    /// The instructions of <paramref name="lines"/>. <paramref name="heredocs"/> says whether heredoc bodies are
    /// consumed; without it a heredoc is still found (<see cref="DockerfileReading.FirstHeredocLine"/>) so the caller
    /// can refuse it, and the lines after it are read as instructions, as a frontend without heredocs would.
    /// </summary>
    public static DockerfileReading Read(IReadOnlyList<string> lines, bool heredocs)
    {
        var instructions = new List<ReadInstruction>();
        var firstHeredoc = -1;
        for (var n = 0; n < lines.Count; n++)
        {
            var raw = n == 0 ? lines[0].TrimStart('\uFEFF') : lines[n];
            var token = TrimLeadingSpace(raw);
            if (token.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            var start = n;
            if (ContinuationProblem(raw) is { } problem)
            {
                return new DockerfileReading(instructions, n, problem, false, firstHeredoc);
            }

            var (line, endOfLine) = TrimContinuation(token);
            if (endOfLine && line.Length == 0)
            {
                continue;
            }

            while (!endOfLine && n + 1 < lines.Count)
            {
                n++;
                var next = TrimLeadingSpace(lines[n]);
                if (next.Length == 0 || next.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                if (ContinuationProblem(lines[n]) is { } nextProblem)
                {
                    return new DockerfileReading(instructions, n, nextProblem, false, firstHeredoc);
                }

                var (continued, end) = TrimContinuation(lines[n]);
                line += continued;
                endOfLine = end;
            }

            var keyword = Keyword(line, out var arguments);
            var bodyStart = -1;
            if (HeredocWords.CanHoldHeredoc(keyword, arguments))
            {
                var (delimiters, wordProblem) = HeredocWords.Delimiters(line, HeredocWords.IsJson(arguments));
                if (wordProblem is not null)
                {
                    return new DockerfileReading(instructions, start, wordProblem, false, firstHeredoc);
                }

                firstHeredoc = delimiters.Count > 0 && firstHeredoc < 0 ? start : firstHeredoc;
                if (heredocs && delimiters.Count > 0)
                {
                    bodyStart = n + 1;
                    foreach (var (name, chomp) in delimiters)
                    {
                        n++;
                        while (n < lines.Count && (chomp ? lines[n].TrimStart('\t') : lines[n]) != name)
                        {
                            n++;
                        }

                        if (n >= lines.Count)
                        {
                            return new DockerfileReading(instructions, start, $"its heredoc '<<{(chomp ? "-" : "")}{name}' has no line '{name}' to end it, so it would take every line after it.", false, firstHeredoc);
                        }
                    }
                }
            }

            instructions.Add(new ReadInstruction(keyword.ToUpperInvariant(), start, n, bodyStart));
            if (!endOfLine)
            {
                return new DockerfileReading(instructions, -1, null, true, firstHeredoc);
            }
        }

        return new DockerfileReading(instructions, -1, null, false, firstHeredoc);
    }

    /// <summary>Go's unicode.IsSpace, which BuildKit trims lines and splits words with.</summary>
    public static bool IsSpace(char c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0' or '\u1680' or '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000'
        || (c >= '\u2000' && c <= '\u200A');

    /// <summary>
    /// Why the frontends would disagree about whether a line goes on, or null. The current parser continues a line
    /// ending in '\' (then spaces or tabs) only when no '\' comes before it, so `ENV WINDIR=C:\\` is a whole instruction
    /// there; Docker 20.10's built-in one (`\\[ \t]*$`) continues it and swallows the next line. A line that agrees
    /// in both is read; this one is refused, since no reading of it is safe. A '\' followed by other white space
    /// (a no-break space) continues nothing in either, though it reads as a continuation: refused too.
    /// </summary>
    private static string? ContinuationProblem(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] is ' ' or '\t')
        {
            end--;
        }

        if (end > 0 && line[end - 1] == '\\')
        {
            return end > 1 && line[end - 2] == '\\'
                ? "it ends with an escaped '\\' ('\\\\'), which Docker 20.10's frontend takes as a line continuation and newer ones do not; end the line with another character (quote the value, for instance)."
                : null;
        }

        var visible = end;
        while (visible > 0 && IsSpace(line[visible - 1]))
        {
            visible--;
        }

        return visible < end && visible > 0 && line[visible - 1] == '\\'
            ? $"it ends with '\\' and then the white space U+{(int)line[visible]:X4}, which no frontend takes as a line continuation though it looks like one; remove the white space after the '\\', or the '\\'."
            : null;
    }

    /// <summary>parser.trimContinuationCharacter, once <see cref="ContinuationProblem"/> has ruled out an escaped '\'.</summary>
    private static (string Line, bool EndOfLine) TrimContinuation(string line)
    {
        var end = line.Length;
        while (end > 0 && line[end - 1] is ' ' or '\t')
        {
            end--;
        }

        return end > 0 && line[end - 1] == '\\' ? (line.Substring(0, end - 1), false) : (line, true);
    }

    /// <summary>parser.splitCommand: the keyword ends at a space, tab, \v, \f or \r (not at other Unicode space).</summary>
    internal static string Keyword(string line, out string arguments)
    {
        var text = TrimLeadingSpace(line);
        var end = 0;
        while (end < text.Length && text[end] is not (' ' or '\t' or '\v' or '\f' or '\r'))
        {
            end++;
        }

        arguments = TrimLeadingSpace(text.Substring(end));
        return text.Substring(0, end);
    }

    private static string TrimLeadingSpace(string value)
    {
        var start = 0;
        while (start < value.Length && IsSpace(value[start]))
        {
            start++;
        }

        return value.Substring(start);
    }
}
