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
using Xunit.Sdk;

namespace MultiStage.Generator.Tests.Infrastructure;

/// <summary>
/// Whole-output expectations kept in Golden/ beside the tests and reviewed like code. A mismatch fails with a
/// line diff; with MULTISTAGE_UPDATE_GOLDEN=1 the golden file in the source tree is rewritten instead.
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "MULTISTAGE_UPDATE_GOLDEN";

    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    private static readonly Lazy<string> SourceFolder = new(FindSourceFolder);

    /// <summary>tests/MultiStage.Generator.Tests/Golden in the source tree (not the copy in bin/).</summary>
    public static string Folder => SourceFolder.Value;

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static void AssertMatches(string name, string actual)
    {
        var path = PathOf(name);
        var actualBytes = Utf8NoBom.GetBytes(actual);
        var expectedBytes = File.Exists(path) ? File.ReadAllBytes(path) : null;
        if (expectedBytes is not null && expectedBytes.AsSpan().SequenceEqual(actualBytes))
        {
            return;
        }

        if (Updating)
        {
            File.WriteAllBytes(path, actualBytes);
            return;
        }

        if (expectedBytes is null)
        {
            throw new XunitException(
                $"Golden file {path} does not exist. Run the tests with {UpdateVariable}=1 to create it, then review it.\n"
                + "Generated output:\n" + actual);
        }

        throw new XunitException(
            $"Output differs from golden file {path} ('-' golden, '+' generated; '·' is a trailing space, '␍' a carriage return, '→' a tab).\n"
            + $"If the change is intended, run the tests with {UpdateVariable}=1 and review the golden diff.\n\n"
            + LineDiff.Describe(Utf8NoBom.GetString(expectedBytes), actual));
    }

    private static string FindSourceFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            foreach (var candidate in new[] { folder.FullName, Path.Combine(folder.FullName, "tests", "MultiStage.Generator.Tests") })
            {
                if (File.Exists(Path.Combine(candidate, "MultiStage.Generator.Tests.csproj")))
                {
                    return Path.Combine(candidate, "Golden");
                }
            }
        }

        throw new InvalidOperationException("tests/MultiStage.Generator.Tests not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A unified-style line diff with a little context, whitespace made visible.</summary>
public static class LineDiff
{
    private const int Context = 2;

    public static string Describe(string expected, string actual)
    {
        var a = SplitLines(expected);
        var b = SplitLines(actual);

        // Longest common subsequence table; golden files are small.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<(char Kind, int Line, string Text)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                lines.Add((' ', y + 1, a[x]));
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                lines.Add(('-', x + 1, a[x]));
                x++;
            }
            else
            {
                lines.Add(('+', y + 1, b[y]));
                y++;
            }
        }

        var output = new StringBuilder();
        var lastShown = -1;
        for (var k = 0; k < lines.Count; k++)
        {
            var nearChange = Enumerable.Range(Math.Max(0, k - Context), Math.Min(lines.Count, k + Context + 1) - Math.Max(0, k - Context))
                .Any(n => lines[n].Kind != ' ');
            if (!nearChange)
            {
                continue;
            }

            if (lastShown >= 0 && k > lastShown + 1)
            {
                output.Append("  ...\n");
            }

            var (kind, line, text) = lines[k];
            output.Append(kind).Append(' ').Append(line.ToString().PadLeft(4)).Append(" | ").Append(Visible(text)).Append('\n');
            lastShown = k;
        }

        if (!expected.EndsWith('\n') || !actual.EndsWith('\n'))
        {
            output.Append($"(golden ends with a newline: {expected.EndsWith('\n')}; generated: {actual.EndsWith('\n')})\n");
        }

        return output.ToString();
    }

    private static string[] SplitLines(string text) => text.Split('\n');

    private static string Visible(string line)
    {
        var trimmed = line.TrimEnd(' ');
        return (trimmed + new string('·', line.Length - trimmed.Length)).Replace("\r", "␍").Replace("\t", "→").Replace("\uFEFF", "[BOM]");
    }
}
