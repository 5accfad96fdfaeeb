using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// What a generated Dockerfile must be for given facts, checked against dockerfile-ast's parse and BuildKit's
/// rules: exactly the expected instructions in order, every project value back out unchanged, and nothing a value
/// could use to start a line (raw line breaks, control characters, stray line continuations).
/// </summary>
public static class DockerfileExpectations
{
    private static readonly Regex InstructionLine = new(
        @"^\s*(ADD|ARG|CMD|COPY|ENTRYPOINT|ENV|EXPOSE|FROM|HEALTHCHECK|LABEL|MAINTAINER|ONBUILD|RUN|SHELL|STOPSIGNAL|USER|VOLUME|WORKDIR)(\s|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // BuildKit joins a line ending in the escape token (then only spaces or tabs) with the next.
    private static readonly Regex Continuation = new(@"\\[ \t]*$", RegexOptions.CultureInvariant);

    // A parser directive (# name=value) is read from each comment line at the top until one is not one.
    private static readonly Regex Directive = new(@"^#\s*[A-Za-z][A-Za-z0-9]*\s*=", RegexOptions.CultureInvariant);

    private static readonly Regex JoinedContinuation = new(@"\\[ \t]*\n", RegexOptions.CultureInvariant);

    /// <summary>A rejection: no text, and every error is the code that names one offending value (and every one is named).</summary>
    public static void CheckRejection(ProjectFacts facts, GeneratedDockerfile result, List<string> problems)
    {
        var violations = PlacementRules.Violations(facts);
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        if (result.Text is not null)
        {
            problems.Add("errors were reported but text was produced");
        }

        if (violations.Count == 0)
        {
            problems.Add("every value is placeable, yet the generator reported: " + string.Join(" | ", errors));
            return;
        }

        foreach (var error in errors)
        {
            if (!Regex.IsMatch(error.Code, @"^MULTISTAGE1\d{3}$") && error.Code != DiagnosticDescriptors.InvalidDigest.Code)
            {
                problems.Add($"error {error.Code} is not a project-input (1xxx) code: {error}");
            }

            if (!violations.Any(v => v.Code == error.Code && Names(error, v.Subject)))
            {
                problems.Add($"error names no offending value's property: {error}");
            }
        }

        var imageErrors = errors.Any(e => violations.Any(v => v.ImageSelection && v.Code == e.Code));
        foreach (var violation in violations)
        {
            var named = errors.Any(e => e.Code == violation.Code && Names(e, violation.Subject));
            if (!named && !(violation.ImageSelection && imageErrors))
            {
                problems.Add($"no {violation.Code} names {HostileFacts.Literal(violation.Subject)}");
            }
        }
    }

    /// <summary>Messages show values printably (control characters spelled out, long values cut short).</summary>
    private static bool Names(Diagnostic error, string subject)
    {
        var shown = DiagnosticDescriptor.Printable(subject);
        return error.Message.Contains(shown.EndsWith("...", StringComparison.Ordinal) ? shown.Substring(0, shown.Length - 3) : shown, StringComparison.Ordinal);
    }

    /// <summary>dockerfile-ast misreads a JSON-form COPY whose path has a word starting with "&lt;&lt;" as a heredoc.</summary>
    public const string AstHeredocMisread = "a JSON-form COPY taken for a heredoc";

    /// <summary>dockerfile-ast takes a word starting with "--" inside a JSON-form COPY for a flag.</summary>
    public const string AstFlagMisread = "a word inside a JSON-form COPY taken for a flag";

    /// <summary>
    /// An accepted project: the text parses into exactly the expected instructions and every value round-trips,
    /// both as BuildKit reads it (<see cref="BuildKitRules.Parse"/>) and as dockerfile-ast does.
    /// </summary>
    /// <returns>
    /// Where dockerfile-ast is known to read differently from BuildKit (<see cref="AstHeredocMisread"/>,
    /// <see cref="AstFlagMisread"/>): it is then checked only up to that point, or apart from that COPY.
    /// </returns>
    public static IReadOnlyList<string> CheckDockerfile(ProjectFacts facts, GeneratedDockerfile result, ParsedDockerfile parsed, List<string> problems)
    {
        var violations = PlacementRules.Violations(facts);
        if (violations.Count > 0)
        {
            problems.Add("accepted values it must reject: " + string.Join(", ", violations.Select(v => $"{v.Code} {HostileFacts.Literal(v.Subject)}")));
        }

        var text = result.Text!;
        var expected = Expected(facts, result.Images!);
        IReadOnlyList<ParsedInstruction> model;
        try
        {
            model = BuildKitRules.Parse(text);
        }
        catch (BuildKitRules.WordException e)
        {
            problems.Add("BuildKit: " + e.Message);
            model = Array.Empty<ParsedInstruction>();
        }

        CheckLines(text, expected.Count, model, problems);
        CheckInstructions("BuildKit", model, expected, _ => false, problems);
        if (parsed.Error is not null || parsed.Instructions is null)
        {
            problems.Add("dockerfile-ast failed: " + parsed.Error);
            return Array.Empty<string>();
        }

        // dockerfile-ast looks for heredocs in JSON-form COPY too (BuildKit does not: parser.canContainHeredoc), so
        // a path with a word starting with "<<" makes it swallow the lines that follow. Up to there it must agree.
        var ast = parsed.Instructions;
        var deviations = new List<string>();
        var heredoc = Enumerable.Range(0, ast.Count).FirstOrDefault(
            n => ast[n] is { Keyword: "COPY", Json.Strings: { } strings } copy && copy.EndLine > copy.Line && strings.Any(s => s.Contains("<<", StringComparison.Ordinal)),
            -1);
        if (heredoc >= 0)
        {
            deviations.Add(AstHeredocMisread);
            ast = ast.Take(heredoc).ToList();
            expected = expected.Take(heredoc).ToList();
        }

        // dockerfile-ast looks for COPY flags in every word that contains "--" (BuildKit stops at the first word
        // not starting with "--", here the JSON array's "["): such a COPY is left to the BuildKit check.
        bool FlagMisread(int n) =>
            ast[n] is { Keyword: "COPY", Json: null, Flags: { Count: > 0 } flags } && n < model.Count && model[n].Json?.Raw is { } raw
            && flags.All(f => raw.Contains(f.TrimEnd('"', ','), StringComparison.Ordinal));
        if (Enumerable.Range(0, Math.Min(ast.Count, expected.Count)).Any(FlagMisread))
        {
            deviations.Add(AstFlagMisread);
        }

        CheckInstructions("dockerfile-ast", ast, expected, FlagMisread, problems);
        return deviations;
    }

    private static void CheckInstructions(
        string parser, IReadOnlyList<ParsedInstruction> instructions, IReadOnlyList<ExpectedInstruction> expected, Func<int, bool> skip, List<string> problems)
    {
        var found = new List<string>();
        var keywords = instructions.Select(i => i.Keyword).ToList();
        if (!keywords.SequenceEqual(expected.Select(e => e.Keyword)))
        {
            problems.Add($"{parser}: instructions are {string.Join(" ", keywords)}\n  expected {string.Join(" ", expected.Select(e => e.Keyword))}");
            return;
        }

        for (var n = 0; n < expected.Count; n++)
        {
            var instruction = instructions[n];
            if (skip(n))
            {
                continue;
            }

            if (instruction.Keyword != "RUN" && instruction.Line != instruction.EndLine)
            {
                found.Add($"{instruction.Keyword} on line {instruction.Line + 1} spans lines {instruction.Line + 1}-{instruction.EndLine + 1}");
            }

            try
            {
                expected[n].Check(instruction, found);
            }
            catch (Exception e) when (e is BuildKitRules.WordException or JsonException)
            {
                found.Add($"{Show(instruction)}: {e.Message}");
            }
        }

        problems.AddRange(found.Select(f => $"{parser}: {f}"));
    }

    private sealed record ExpectedInstruction(string Keyword, Action<ParsedInstruction, List<string>> Check);

    private static void CheckLines(string text, int expectedInstructions, IReadOnlyList<ParsedInstruction> instructions, List<string> problems)
    {
        if (!text.EndsWith('\n'))
        {
            problems.Add("the text does not end with a line break");
        }

        var lines = text.Split('\n');
        if (Directive.IsMatch(lines[0]))
        {
            problems.Add("the file starts with a parser directive (a value reached the first line)");
        }

        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var quotedValueLine = line.StartsWith("ENV ", StringComparison.Ordinal) || line.StartsWith("LABEL ", StringComparison.Ordinal);
            foreach (var c in line)
            {
                // A tab is the one control character a quoted ENV or LABEL value holds as it is: a Dockerfile has no escape for it.
                if ((char.IsControl(c) && !(c == '\t' && quotedValueLine)) || c is '\u2028' or '\u2029')
                {
                    problems.Add($"line {n + 1} holds the raw character U+{(int)c:X4}: {HostileFacts.Literal(Shorten(line))}");
                    break;
                }
            }

            // BuildKit reads lines with a bufio.Scanner of the default 64 KiB buffer, line break included.
            if (Encoding.UTF8.GetByteCount(line) >= 65536)
            {
                problems.Add($"line {n + 1} is {Encoding.UTF8.GetByteCount(line)} bytes, longer than BuildKit reads");
            }

            if (Continuation.IsMatch(line) && !instructions.Any(i => i.Keyword == "RUN" && i.Line <= n && n < i.EndLine))
            {
                problems.Add($"line {n + 1} ends with a line continuation outside a RUN: {HostileFacts.Literal(Shorten(line))}");
            }
        }

        var instructionLines = lines.Count(l => InstructionLine.IsMatch(l));
        if (instructionLines != expectedInstructions)
        {
            problems.Add($"{instructionLines} lines start with an instruction keyword; expected {expectedInstructions}");
        }
    }

    private static List<ExpectedInstruction> Expected(ProjectFacts facts, ImageChoice images)
    {
        var major = TargetFrameworkMoniker.Parse(facts.TargetFramework).Major;
        var selfContained = facts.SelfContained || facts.PublishAot || facts.PublishSingleFile || facts.PublishTrimmed;
        var list = new List<ExpectedInstruction>
        {
            new("FROM", (i, p) =>
            {
                Same(p, i, "flags", new[] { "--platform=$BUILDPLATFORM" }, i.Flags);
                Same(p, i, "arguments", new[] { ExpectedImage(facts.BuildImage, images.BuildImage, facts), "AS", "build" }, i.Args);
            }),
            new("ARG", (i, p) => Same(p, i, "arguments", new[] { "TARGETARCH" }, i.Args)),
            new("ARG", (i, p) => Same(p, i, "arguments", new[] { "BUILD_CONFIGURATION=Release" }, i.Args)),
            new("WORKDIR", (i, p) => Same(p, i, "arguments", new[] { "/src" }, i.Args)),
        };

        if (images.AotToolchainInstall != PackageManager.None)
        {
            list.Add(new("RUN", (_, _) => { }));
        }

        foreach (var (sources, destination) in RestoreCopyGroups(facts))
        {
            list.Add(new("COPY", (i, p) => CheckCopyJson(i, sources.Append(destination).ToList(), p)));
        }

        var secretFlags = 1 + (facts.MountNuGetConfigSecret ? 1 : 0) + facts.NuGetSecretVariables.Count;
        list.Add(new("RUN", (i, p) =>
        {
            if (i.Flags?.Count != secretFlags)
            {
                p.Add($"{Show(i)}: expected {secretFlags} --mount flags");
            }

            CheckShellProject(i, "restore", facts, p);
        }));
        list.Add(new("COPY", (i, p) => Same(p, i, "arguments", new[] { ".", "." }, i.Args)));
        list.Add(new("RUN", (i, p) => CheckShellProject(i, "publish", facts, p)));
        list.Add(new("FROM", (i, p) =>
        {
            Same(p, i, "flags", Array.Empty<string>(), i.Flags);
            Same(p, i, "arguments", new[] { ExpectedImage(facts.ContainerBaseImage, images.FinalImage, facts), "AS", "final" }, i.Args);
        }));

        var workingDirectory = string.IsNullOrEmpty(facts.ContainerWorkingDirectory) ? "/app"
            : facts.ContainerWorkingDirectory.TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";
        list.Add(new("WORKDIR", (i, p) => Same(p, i, "arguments", new[] { workingDirectory }, i.Args)));

        var ports = new List<(int Number, string Protocol)>();
        foreach (var port in facts.Ports.Select(PlacementRules.ValidPort).OfType<(int, string)>())
        {
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }

        if (ports.Count == 0 && facts.IsWebApp)
        {
            ports.Add((8080, "tcp"));
        }

        foreach (var (number, protocol) in ports)
        {
            var expected = protocol == "tcp" ? $"{number}" : $"{number}/{protocol}";
            list.Add(new("EXPOSE", (i, p) => Same(p, i, "arguments", new[] { expected }, i.Args)));
        }

        foreach (var variable in EnvironmentVariables(facts, major, ports))
        {
            list.Add(new("ENV", (i, p) => CheckPair(i, variable, p)));
        }

        foreach (var label in Labels(facts))
        {
            list.Add(new("LABEL", (i, p) => CheckPair(i, label, p)));
        }

        list.Add(new("COPY", (i, p) =>
        {
            Same(p, i, "flags", new[] { "--from=build" }, i.Flags);
            Same(p, i, "arguments", new[] { "/app/publish", "." }, i.Args);
        }));

        var user = !string.IsNullOrEmpty(facts.ContainerUser) ? facts.ContainerUser
            : major < 8 ? "1654"
            : string.IsNullOrEmpty(facts.ContainerBaseImage) ? "$APP_UID"
            : "${APP_UID:-1654}";
        list.Add(new("USER", (i, p) => Same(p, i, "arguments", new[] { user }, i.Args)));

        var command = selfContained ? new[] { "./" + facts.AssemblyName } : new[] { "dotnet", facts.AssemblyName + ".dll" };
        list.Add(new("ENTRYPOINT", (i, p) => CheckExecJson(i, command.Concat(facts.AppCommandArgs).ToList(), p)));
        if (facts.DefaultArgs.Count > 0)
        {
            list.Add(new("CMD", (i, p) => CheckExecJson(i, facts.DefaultArgs, p)));
        }

        return list;
    }

    /// <summary>An image override lands trimmed (with its pinned digest); a chosen image must still be a plain reference.</summary>
    private static string ExpectedImage(string? overrideImage, string chosen, ProjectFacts facts)
    {
        if (string.IsNullOrWhiteSpace(overrideImage))
        {
            return PlacementRules.IsValidImageReference(chosen) ? chosen : "(a valid image reference, not " + HostileFacts.Literal(chosen) + ")";
        }

        var image = overrideImage.Trim();
        return facts.PinDigests && !image.Contains('@') && facts.ImageDigests.TryGetValue(image, out var digest) ? image + "@" + digest : image;
    }

    private static IEnumerable<(IReadOnlyList<string> Sources, string Destination)> RestoreCopyGroups(ProjectFacts facts)
    {
        static string Folder(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path.Substring(0, slash) : string.Empty;

        var files = facts.RestoreFiles.Append(facts.ProjectPath).Distinct(StringComparer.Ordinal)
            .GroupBy(Folder, StringComparer.Ordinal)
            .OrderBy(g => g.Key.Length == 0 ? 0 : 1)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ((IReadOnlyList<string>)g.OrderBy(f => f, StringComparer.Ordinal).ToList(), g.Key.Length == 0 ? "./" : g.Key + "/"));
        var folders = facts.RestoreFolders.Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => ((IReadOnlyList<string>)new[] { f.TrimEnd('/') + "/" }, f.TrimEnd('/') + "/"));
        return files.Concat(folders).ToList();
    }

    private static IEnumerable<NameValue> EnvironmentVariables(ProjectFacts facts, int major, IReadOnlyList<(int Number, string Protocol)> ports)
    {
        var variables = facts.EnvironmentVariables.ToList();
        var tcp = ports.Where(p => p.Protocol == "tcp").Select(p => p.Number).ToList();
        if (facts.IsWebApp && tcp.Count > 0 && !variables.Any(v => v.Name is "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_URLS"))
        {
            if (major >= 8 && !tcp.Contains(8080))
            {
                variables.Insert(0, new NameValue("ASPNETCORE_HTTP_PORTS", $"{tcp[0]}"));
            }
            else if (major < 8)
            {
                variables.Insert(0, new NameValue("ASPNETCORE_URLS", $"http://+:{tcp[0]}"));
            }
        }

        return variables;
    }

    private static IEnumerable<NameValue> Labels(ProjectFacts facts)
    {
        var m = facts.Metadata;
        var userKeys = facts.Labels.Select(l => l.Name).ToHashSet(StringComparer.Ordinal);
        var oci = new[]
        {
            ("org.opencontainers.image.title", m.Title), ("org.opencontainers.image.description", m.Description),
            ("org.opencontainers.image.authors", m.Authors), ("org.opencontainers.image.licenses", m.License),
            ("org.opencontainers.image.url", m.ProjectUrl), ("org.opencontainers.image.source", m.RepositoryUrl),
            ("org.opencontainers.image.vendor", m.Vendor),
        };
        foreach (var (key, value) in oci)
        {
            var collapsed = PlacementRules.CollapseWhitespace(value).Trim();
            if (collapsed.Length > 0 && !userKeys.Contains(key))
            {
                yield return new NameValue(key, collapsed);
            }
        }

        foreach (var label in facts.Labels)
        {
            yield return label;
        }
    }

    /// <summary>
    /// One name=value pair per ENV or LABEL line. BuildKit's reading must give back the name and value exactly.
    /// dockerfile-ast must see the same pair, except that its getValue() keeps the '\' of an escaped '$' (it
    /// leaves variables for a later expansion step that BuildKit does in the same pass).
    /// </summary>
    private static void CheckPair(ParsedInstruction instruction, NameValue expected, List<string> problems)
    {
        if (!instruction.Model)
        {
            if (instruction.Properties is not [var property])
            {
                problems.Add($"{Show(instruction)}: dockerfile-ast sees {instruction.Properties?.Count ?? 0} name=value pairs, expected 1");
            }
            else if (property.Name != expected.Name || property.Value != expected.Value.Replace("$", "\\$"))
            {
                problems.Add($"{Show(instruction)}: dockerfile-ast reads {HostileFacts.Literal(property.Name)}={HostileFacts.Literal(property.Value ?? "(none)")}, "
                    + $"expected {HostileFacts.Literal(expected.Name)}={HostileFacts.Literal(expected.Value)}");
            }

            return;
        }

        var (keyword, arguments) = BuildKitRules.SplitCommand(instruction.Text!);
        var words = BuildKitRules.ParseWords(arguments);
        if (keyword != instruction.Keyword || arguments.StartsWith("--", StringComparison.Ordinal) || words.Count != 1)
        {
            problems.Add($"{Show(instruction)}: BuildKit reads {keyword} with {words.Count} words");
            return;
        }

        var (name, value) = BuildKitRules.NameValue(words[0]);
        if (name != expected.Name || value != expected.Value)
        {
            problems.Add($"{Show(instruction)}: BuildKit reads {HostileFacts.Literal(name)}={HostileFacts.Literal(value)}, "
                + $"expected {HostileFacts.Literal(expected.Name)}={HostileFacts.Literal(expected.Value)}");
        }
    }

    /// <summary>Exec form: the JSON array decodes to exactly the arguments (no word processing follows).</summary>
    private static void CheckExecJson(ParsedInstruction instruction, IReadOnlyList<string> expected, List<string> problems)
    {
        var decoded = DecodeJson(instruction, expected.Count, problems);
        if (decoded is not null && !decoded.SequenceEqual(expected, StringComparer.Ordinal))
        {
            problems.Add($"{Show(instruction)}: decodes to {Show(decoded)}, expected {Show(expected)}");
        }
    }

    /// <summary>COPY's JSON form: each decoded string then goes through BuildKit's word processing.</summary>
    private static void CheckCopyJson(ParsedInstruction instruction, IReadOnlyList<string> expected, List<string> problems)
    {
        if (instruction.Flags is { Count: > 0 })
        {
            problems.Add($"{Show(instruction)}: unexpected flags");
        }

        var decoded = DecodeJson(instruction, expected.Count, problems);
        if (decoded is null)
        {
            return;
        }

        var processed = decoded.Select(BuildKitRules.ProcessWord).ToList();
        if (!processed.SequenceEqual(expected, StringComparer.Ordinal))
        {
            problems.Add($"{Show(instruction)}: BuildKit copies {Show(processed)}, expected {Show(expected)}");
        }
    }

    /// <summary>
    /// The strings of a JSON-form instruction: BuildKit decodes the whole array; dockerfile-ast reports each
    /// string's source text, decoded here (its own getJSONValue() drops any escape but \" and \\).
    /// </summary>
    private static string[]? DecodeJson(ParsedInstruction instruction, int expectedCount, List<string> problems)
    {
        var decoded = instruction.Json switch
        {
            { Raw: { } raw } => JsonSerializer.Deserialize<string[]>(raw)!,
            { Strings: { } strings } => strings.Select(s => JsonSerializer.Deserialize<string>("\"" + s + "\"")!).ToArray(),
            _ => null,
        };
        if (decoded is null)
        {
            problems.Add($"{Show(instruction)}: not in JSON form");
        }
        else if (decoded.Length != expectedCount)
        {
            problems.Add($"{Show(instruction)}: {decoded.Length} strings {Show(decoded)}, expected {expectedCount}");
        }

        return decoded;
    }

    /// <summary>The project path is one shell word on the restore and publish lines, neither expanded nor globbed.</summary>
    private static void CheckShellProject(ParsedInstruction instruction, string verb, ProjectFacts facts, List<string> problems)
    {
        var words = ShellWords.Split(JoinedContinuation.Replace(instruction.Text ?? string.Empty, " "));
        var at = Enumerable.Range(0, Math.Max(0, words.Count - 2)).FirstOrDefault(n => words[n].Value == "dotnet" && words[n + 1].Value == verb, -1);
        if (at < 0)
        {
            problems.Add($"{Show(instruction)}: no 'dotnet {verb}'");
            return;
        }

        var project = words[at + 2];
        if (project.Value != facts.ProjectPath || project.Expands || project.Special)
        {
            problems.Add($"{Show(instruction)}: the shell reads the project as {HostileFacts.Literal(project.Value)} (expands: {project.Expands}, "
                + $"special: {project.Special}), expected {HostileFacts.Literal(facts.ProjectPath)}");
        }

        if (verb == "publish" && facts.IsMultiTargeted)
        {
            var framework = words.SkipWhile(w => w.Value != "-f").Skip(1).FirstOrDefault();
            if (framework?.Value != facts.TargetFramework || framework.Expands || framework.Special)
            {
                problems.Add($"{Show(instruction)}: -f is not followed by {facts.TargetFramework}");
            }
        }
    }

    private static void Same(List<string> problems, ParsedInstruction instruction, string what, IReadOnlyList<string> expected, IReadOnlyList<string>? actual)
    {
        if (actual is null || !actual.SequenceEqual(expected, StringComparer.Ordinal))
        {
            problems.Add($"{Show(instruction)}: {what} are {Show(actual ?? Array.Empty<string>())}, expected {Show(expected)}");
        }
    }

    private static string Show(ParsedInstruction instruction) =>
        $"line {instruction.Line + 1} {(instruction.Text is null ? instruction.Keyword : HostileFacts.Literal(Shorten(instruction.Text)))}";

    private static string Show(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(v => HostileFacts.Literal(Shorten(v)))) + "]";

    private static string Shorten(string text) => text.Length > 300 ? text.Substring(0, 300) + "..." : text;
}
