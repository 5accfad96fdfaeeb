using System.Text.Json;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>One argument as BuildKit hands it on: its text, and how it is read (<see cref="Reading"/>).</summary>
/// <param name="Reading">
/// Empty for text taken as it is; "expands" where BuildKit would expand a variable or refuse the word (the text is
/// then the word as written); for a shell word, which of "expands" and "special" the shell does with it.
/// </param>
public sealed record ReadArgument(string Text, string Reading);

/// <summary>
/// An instruction as BuildKit reads it, in the terms every layout shares: keyword, form (JSON, name=value pairs,
/// shell words or words), flags, and the arguments one by one after BuildKit's unquoting.
/// </summary>
public sealed record ReadInstruction(string Keyword, string Form, IReadOnlyList<string> Flags, IReadOnlyList<ReadArgument> Arguments, int Line)
{
    /// <summary>
    /// What a value may never change: keyword, form, the flags by name (a --mount by its type, --from and --platform
    /// whole) and, for FROM, the stage it names and whether it starts from an earlier stage.
    /// </summary>
    public string Skeleton(IReadOnlyCollection<string> earlierStages)
    {
        var flags = Flags.Select(FlagKind);
        var stage = string.Empty;
        if (Keyword == "FROM" && Arguments.Count == 3 && Arguments[1].Text.Equals("AS", StringComparison.OrdinalIgnoreCase))
        {
            stage = (earlierStages.Contains(Arguments[0].Text) ? " from stage " + Arguments[0].Text : " from an image") + " as stage " + Arguments[2].Text;
        }
        else if (Keyword == "FROM")
        {
            stage = $" with {Arguments.Count} arguments";
        }

        return $"{Keyword} ({Form}){string.Concat(flags.Select(f => " " + f))}{stage}";
    }

    /// <summary>The stage a FROM names, if it names one.</summary>
    public string? StageName => Keyword == "FROM" && Arguments.Count == 3 ? Arguments[2].Text : null;

    private static string FlagKind(string flag)
    {
        var equals = flag.IndexOf('=');
        var name = equals < 0 ? flag : flag.Substring(0, equals);
        return name switch
        {
            "--from" or "--platform" => flag,
            "--mount" => name + "=" + MountKeys(flag).FirstOrDefault(k => k.StartsWith("type=", StringComparison.Ordinal)),
            _ => name,
        };
    }

    /// <summary>A --mount flag's comma-separated fields (BuildKit reads them as CSV): each key with, for type, its value.</summary>
    public static IReadOnlyList<string> MountKeys(string flag) =>
        flag.Substring(flag.IndexOf('=') + 1).Split(',').Select(f => f.StartsWith("type=", StringComparison.Ordinal) ? f : f.Split('=')[0]).ToList();
}

/// <summary>Reads each instruction of <see cref="BuildKitRules.Parse"/>'s model the way BuildKit hands its arguments on.</summary>
public static class InstructionReading
{
    public const string Expands = "expands";

    // Instructions whose JSON strings BuildKit also reads as words (quotes, escapes, variables) after decoding them.
    private static readonly HashSet<string> JsonWordInstructions = new(StringComparer.Ordinal) { "COPY", "ADD" };

    public static IReadOnlyList<ReadInstruction> Read(IReadOnlyList<ParsedInstruction> model) => model.Select(Read).ToList();

    public static ReadInstruction Read(ParsedInstruction instruction)
    {
        var (_, arguments) = BuildKitRules.SplitCommand(instruction.Text!);
        var keyword = instruction.Keyword;
        var flags = instruction.Flags ?? Array.Empty<string>();
        if (instruction.Json?.Raw is { } raw)
        {
            var strings = JsonSerializer.Deserialize<string[]>(raw)!;
            var read = JsonWordInstructions.Contains(keyword) ? strings.Select(Word) : strings.Select(s => new ReadArgument(s, string.Empty));
            return new ReadInstruction(keyword, "JSON", flags, read.ToList(), instruction.Line);
        }

        if (keyword is "ENV" or "LABEL")
        {
            // parser.parseNameVal: no flags; name=value words, each side unquoted.
            var pairs = BuildKitRules.ParseWords(arguments).SelectMany(Pair).ToList();
            return new ReadInstruction(keyword, "pairs", Array.Empty<string>(), pairs, instruction.Line);
        }

        var rest = AfterFlags(arguments, flags.Count);
        if (keyword == "RUN")
        {
            var words = ShellWords.Split(rest).Select(w => new ReadArgument(w.Value, (w.Expands ? Expands : string.Empty) + (w.Special ? " special" : string.Empty)));
            return new ReadInstruction(keyword, "shell", flags, words.ToList(), instruction.Line);
        }

        return new ReadInstruction(keyword, "words", flags, BuildKitRules.ParseWords(rest).Select(Word).ToList(), instruction.Line);
    }

    /// <summary>A word with its quotes and escapes removed; one that would expand a variable stays as written.</summary>
    public static ReadArgument Word(string word)
    {
        try
        {
            return new ReadArgument(BuildKitRules.ProcessWord(word), string.Empty);
        }
        catch (BuildKitRules.WordException)
        {
            return new ReadArgument(word, Expands);
        }
    }

    private static IEnumerable<ReadArgument> Pair(string word)
    {
        var equals = word.IndexOf('=');
        return equals < 0
            ? new[] { Word(word) }
            : new[] { Word(word.Substring(0, equals)), Word(word.Substring(equals + 1)) };
    }

    /// <summary>The arguments after the leading flags (BuildKit takes as flags the first fields that start with "--").</summary>
    private static string AfterFlags(string arguments, int flags)
    {
        var rest = arguments;
        for (var n = 0; n < flags; n++)
        {
            rest = BuildKitRules.TrimSpace(rest);
            var end = 0;
            while (end < rest.Length && rest[end] is not (' ' or '\t'))
            {
                end++;
            }

            rest = rest.Substring(end);
        }

        return BuildKitRules.TrimSpace(rest);
    }
}
