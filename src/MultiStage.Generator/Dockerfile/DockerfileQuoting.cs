using System.Collections.Generic;
using System.Linq;
using System.Text;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Dockerfile;

/// <summary>
/// Quoting for each place a project value can land in a Dockerfile (exec-form JSON arrays, COPY arrays, quoted
/// ENV/LABEL words, shell arguments) and the characters no place can hold. A value must never be able to end its
/// instruction early or start a new one, so line breaks are either escaped (JSON) or rejected beforehand.
/// </summary>
internal static class DockerfileQuoting
{
    /// <summary>A JSON array of strings, as exec-form ENTRYPOINT and CMD take it.</summary>
    public static string JsonArray(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(JsonQuoting.Quote)) + "]";

    /// <summary>
    /// A JSON array for COPY. COPY also expands variables and quotes in each source and destination after the
    /// JSON is read, so '\', '"', '\'' and '$' are escaped for that pass first. So is U+FEFF: that pass reads
    /// each word with Go's text/scanner, which drops a byte order mark at the start of the word.
    /// </summary>
    public static string CopyArray(IEnumerable<string> paths) =>
        JsonArray(paths.Select(p => EscapeWith(p, '\\', "\\\"'$\uFEFF")));

    /// <summary>
    /// A double-quoted ENV or LABEL value. Inside double quotes the Dockerfile processes '\' escapes and
    /// expands '$', so '\', '"' and '$' are escaped. Callers reject line breaks and control characters first.
    /// </summary>
    public static string QuotedWord(string value) => "\"" + EscapeWith(value, '\\', "\\\"$") + "\"";

    /// <summary>A word for a command line a user copies: as it is when plainly safe (no space), else single-quoted.</summary>
    public static string ShellWord(string value) =>
        value.Length > 0 && value.All(c => c != ' ' && IsShellSafe(c)) ? value : "'" + value.Replace("'", "'\\''") + "'";

    /// <summary>An argument for a shell-form RUN line (POSIX sh, also dash): single-quoted unless plainly safe.</summary>
    public static string ShellArgument(string value)
    {
        if (value.Length > 0 && value.All(IsShellSafe))
        {
            return "\"" + value + "\"";
        }

        return "'" + value.Replace("'", "'\\''") + "'";
    }

    /// <summary>
    /// The first character that cannot stand in a quoted ENV/LABEL value or a comment, if any: control characters
    /// but tab (C0, DEL and all of C1, whose U+0085 some readers take as a line break) and the Unicode line and
    /// paragraph separators. A double-quoted Dockerfile word has no escape for any of them.
    /// </summary>
    public static char? FindUnplaceableCharacter(string value)
    {
        foreach (var c in value)
        {
            if ((c < ' ' && c != '\t') || (c >= '\u007f' && c <= '\u009f') || c == '\u2028' || c == '\u2029')
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>The first character a path cannot have in COPY or RUN: line breaks, controls, and glob characters.</summary>
    public static char? FindUnplaceablePathCharacter(string path)
    {
        var control = FindUnplaceableCharacter(path);
        if (control is not null || path.IndexOf('\t') >= 0)
        {
            return control ?? '\t';
        }

        foreach (var c in path)
        {
            if (c is '*' or '?' or '[' or ']' or '\\' or '$' or '`')
            {
                return c;
            }
        }

        return null;
    }

    public static string DescribeCharacter(char c) => c switch
    {
        '\n' => "a line break (\\n)",
        '\r' => "a carriage return (\\r)",
        '\t' => "a tab",
        _ when c < ' ' || c == '\u007f' || c >= '\u0080' && c <= '\u009f' => $"the control character U+{(int)c:X4}",
        '\u2028' or '\u2029' => $"the line separator U+{(int)c:X4}",
        _ => $"the character '{c}'",
    };

    private static bool IsShellSafe(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '.' or '_' or '-' or '/' or '+' or '@' or ',' or ':' or '=' or '%' or ' ';

    private static string EscapeWith(string value, char escape, string special)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (special.IndexOf(c) >= 0)
            {
                builder.Append(escape);
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
