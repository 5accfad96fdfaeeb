using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace MultiStage.Generator.Client;

/// <summary>
/// Node.js versions as a client's files state them: a version or alias (.nvmrc, .node-version, MultiStageNodeVersion)
/// or a semver range (package.json engines.node). Only the major version matters: it picks the image tag.
/// </summary>
internal static class ClientNodeVersion
{
    /// <summary>
    /// The Active LTS line, used when nothing names a version: Node.js 26 became LTS in October 2026 (24 is in
    /// maintenance). Move it when the next line becomes LTS.
    /// </summary>
    public const int DefaultMajor = 26;

    // nvm's "lts/<codename>" aliases name release lines by codename.
    private static readonly Dictionary<string, int> LtsCodenames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["argon"] = 4, ["boron"] = 6, ["carbon"] = 8, ["dubnium"] = 10, ["erbium"] = 12, ["fermium"] = 14,
        ["gallium"] = 16, ["hydrogen"] = 18, ["iron"] = 20, ["jod"] = 22, ["krypton"] = 24, ["lithium"] = 26,
    };

    // Aliases that follow the newest LTS or release: the default line stands for them.
    private static readonly string[] LatestAliases = { "lts/*", "lts/-0", "lts/latest", "lts", "node", "stable", "latest", "current" };

    private static readonly Regex Version = new(
        @"^[vV]?(?<major>\d+)(\.(\d+|[xX*]))?(\.(\d+|[xX*]))?([-+][0-9A-Za-z.+-]*)?\z", RegexOptions.CultureInvariant);

    private static readonly Regex Comparator = new(
        @"^(?<op>>=|<=|>|<|=|\^|~>?)?[vV]?(?<major>\d+|[xX*])(\.(?<minor>\d+|[xX*]))?(\.(?<patch>\d+|[xX*]))?([-+][0-9A-Za-z.+-]*)?\z",
        RegexOptions.CultureInvariant);

    /// <summary>
    /// A version or alias: "20", "v20.11.1", "22.x", "lts/iron", "lts/*". True with a null major for aliases of the
    /// newest line (the default stands for them); false when the text is not a version at all.
    /// </summary>
    public static bool TryParseVersion(string? text, out int? major)
    {
        major = null;
        var value = FirstLine(text);
        if (value.Length == 0)
        {
            return false;
        }

        if (LatestAliases.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        if (value.StartsWith("lts/", StringComparison.OrdinalIgnoreCase) && LtsCodenames.TryGetValue(value.Substring(4), out var lts))
        {
            major = lts;
            return true;
        }

        var match = Version.Match(value);
        if (!match.Success || !int.TryParse(match.Groups["major"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        major = parsed;
        return true;
    }

    /// <summary>
    /// The major version to build with under a semver range (engines.node): <paramref name="preferred"/> when the
    /// range allows it, else the newest allowed line below it, else the oldest allowed line above it. Null when
    /// the range is not understood or allows no line.
    /// </summary>
    public static int? FromRange(string? range, int preferred = DefaultMajor)
    {
        var text = (range ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var intervals = new List<(int Min, int Max)>();
        foreach (var alternative in text.Split(new[] { "||" }, StringSplitOptions.None))
        {
            if (ParseAlternative(alternative) is not { } interval)
            {
                return null;
            }

            if (interval.Min <= interval.Max)
            {
                intervals.Add(interval);
            }
        }

        if (intervals.Count == 0)
        {
            return null;
        }

        if (intervals.Any(i => i.Min <= preferred && preferred <= i.Max))
        {
            return preferred;
        }

        var below = intervals.Where(i => i.Min <= preferred).Select(i => Math.Min(i.Max, preferred)).DefaultIfEmpty(-1).Max();
        return below >= 0 ? below : intervals.Min(i => i.Min);
    }

    /// <summary>One '||' alternative: comparators that all hold, as the interval of major versions they allow.</summary>
    private static (int Min, int Max)? ParseAlternative(string alternative)
    {
        var text = alternative.Trim();
        var hyphen = Regex.Match(text, @"^(?<from>\S+)\s+-\s+(?<to>\S+)\z");
        if (hyphen.Success)
        {
            text = $">={hyphen.Groups["from"].Value} <={hyphen.Groups["to"].Value}";
        }

        // ">= 20" is ">=20".
        text = Regex.Replace(text, @"(>=|<=|>|<|=|\^|~>?)\s+", "$1");
        var min = 0;
        var max = int.MaxValue;
        foreach (var token in text.Split(new[] { ' ', '\t', ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            if (ComparatorBounds(token) is not { } bounds)
            {
                return null;
            }

            min = Math.Max(min, bounds.Min);
            max = Math.Min(max, bounds.Max);
        }

        return (min, max);
    }

    /// <summary>The major versions one comparator allows: some version of the line must satisfy it.</summary>
    private static (int Min, int Max)? ComparatorBounds(string token)
    {
        var match = Comparator.Match(token);
        if (!match.Success)
        {
            return null;
        }

        var op = match.Groups["op"].Value;
        var majorText = match.Groups["major"].Value;
        if (!int.TryParse(majorText, NumberStyles.None, CultureInfo.InvariantCulture, out var major))
        {
            // "*" or "x": any version, whatever the operator.
            return (0, int.MaxValue);
        }

        // ">20" (or ">20.x") is above the whole line 20, ">20.0.0" is not; "<20.0" is below the whole line 20.
        var lineOnly = IsMissingOrWildcard(match.Groups["minor"]) && IsMissingOrWildcard(match.Groups["patch"]);
        var startOfLine = IsZeroOrMissing(match.Groups["minor"]) && IsZeroOrMissing(match.Groups["patch"]);
        return op switch
        {
            ">=" => (major, int.MaxValue),
            ">" => (lineOnly ? major + 1 : major, int.MaxValue),
            "<=" => (0, major),
            "<" => (0, startOfLine ? major - 1 : major),
            _ => (major, major),
        };
    }

    private static bool IsZeroOrMissing(Group group) => IsMissingOrWildcard(group) || group.Value == "0";

    private static bool IsMissingOrWildcard(Group group) => !group.Success || group.Value is "x" or "X" or "*";

    /// <summary>The first line that is not empty or a comment, trimmed ("# comment" lines are allowed in .nvmrc).</summary>
    private static string FirstLine(string? text)
    {
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw.Substring(0, hash) : raw).Trim().Trim('\uFEFF').Trim();
            if (line.Length > 0)
            {
                return line;
            }
        }

        return string.Empty;
    }
}
