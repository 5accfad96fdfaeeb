using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;

namespace MultiStage.Generator.Plan;

/// <summary>
/// Every road by which a project makes root the app's user, each the MULTISTAGE1017 warning. The final USER is the
/// number <see cref="AppUserId"/>, never $APP_UID, so no ENV can redirect it; APP_UID set to root is still warned
/// about, since whatever in the image reads it (scripts, a fragment's own USER $APP_UID) would then run as root.
/// </summary>
internal static class RootUser
{
    /// <summary>The uid of the non-root 'app' user every official .NET image since 8.0 defines (APP_UID), in every family.</summary>
    public const string AppUserId = "1654";

    private const string AppUidVariable = "APP_UID";

    /// <summary>A user spec (user[:group]) whose user is root: the name root, or a number that is 0 ("0", "00").</summary>
    public static bool IsRoot(string? spec)
    {
        var user = (spec ?? string.Empty).Trim().Split(':')[0].Trim();
        return user == "root" || (user.Length > 0 && user.All(c => c == '0'));
    }

    /// <summary>ContainerUser as written in USER: $APP_UID (the images' app user) becomes its number, so no ENV can change it.</summary>
    public static string Resolve(string? containerUser) =>
        string.IsNullOrEmpty(containerUser) ? AppUserId
        : containerUser!.StartsWith("$" + AppUidVariable, StringComparison.Ordinal) ? AppUserId + containerUser.Substring(AppUidVariable.Length + 1)
        : containerUser;

    /// <summary>APP_UID set to root by a ContainerEnvironmentVariable or by an ENV of a fragment in the app's stages.</summary>
    public static void CheckAppUid(ProjectFacts facts, List<Diagnostic> diagnostics)
    {
        // Linux variable names are case-sensitive: app_uid is another variable, which nothing reads.
        foreach (var variable in facts.EnvironmentVariables.Where(v => v.Name == AppUidVariable && IsRoot(v.Value)))
        {
            diagnostics.Add(DiagnosticDescriptors.RootUser.Create($"ContainerEnvironmentVariable '{AppUidVariable}' with Value '{variable.Value}'"));
        }

        foreach (var fragment in facts.Fragments.Where(f => f.Point is FragmentPoint.BeforeAppCopy or FragmentPoint.AfterAppCopy))
        {
            foreach (var (line, value) in EnvAssignments(fragment.Lines).Where(a => a.Name == AppUidVariable && IsRoot(a.Value)).Select(a => (a.Line, a.Value)))
            {
                diagnostics.Add(DiagnosticDescriptors.RootUser.Create($"MultiStageDockerfileFragment '{fragment.Path}' line {line} (ENV {AppUidVariable}={value})"));
            }
        }
    }

    /// <summary>The variables the fragment's ENV instructions set: (first line of the instruction, name, unquoted value).</summary>
    internal static IEnumerable<(int Line, string Name, string Value)> EnvAssignments(IReadOnlyList<string> lines)
    {
        foreach (var (line, text) in Instructions(lines))
        {
            var words = Words(text);
            if (words.Count < 2 || !words[0].Equals("ENV", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!words[1].Contains("="))
            {
                // The old form: ENV NAME value, the rest of the line being the value.
                yield return (line, words[1], string.Join(" ", words.Skip(2)));
                continue;
            }

            foreach (var pair in words.Skip(1))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0)
                {
                    yield return (line, pair.Substring(0, equals), pair.Substring(equals + 1));
                }
            }
        }
    }

    /// <summary>Whole instructions, continuation lines joined and comments left out, with the line each starts on.</summary>
    private static IEnumerable<(int Line, string Text)> Instructions(IReadOnlyList<string> lines)
    {
        var current = new StringBuilder();
        var start = 0;
        for (var n = 0; n < lines.Count; n++)
        {
            var text = lines[n].Trim();
            if (text.StartsWith("#", StringComparison.Ordinal) || (text.Length == 0 && current.Length > 0))
            {
                continue;
            }

            if (current.Length == 0)
            {
                start = n + 1;
            }

            var continued = text.EndsWith("\\", StringComparison.Ordinal);
            current.Append(continued ? text.Substring(0, text.Length - 1) : text).Append(' ');
            if (!continued && current.ToString().Trim().Length > 0)
            {
                yield return (start, current.ToString().Trim());
                current.Clear();
            }
            else if (!continued)
            {
                current.Clear();
            }
        }
    }

    /// <summary>Whitespace-separated words with quotes removed; a quoted part keeps its spaces, a backslash escapes the next character.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && quote != '\'' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
                inWord = true;
            }
            else if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
