using MultiStage.Generator.InImageBuild;
using System.Text.Json;
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
using MultiStage.Generator.Tests.Infrastructure;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// What a generated Dockerfile must be for given facts, checked against dockerfile-ast's parse and BuildKit's
/// rules: exactly the expected instructions in order, every project value back out unchanged, and nothing a value
/// could use to start a line (raw line breaks, control characters, stray line continuations).
/// </summary>
internal static class DockerfileExpectations
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
        var restoreSources = new List<string>();
        var expected = Expected(facts, result.Plan!, problems, restoreSources);
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

        CheckLines(text, facts.DockerfileSyntax is null ? null : result.Plan!.DockerfileSyntax, expected.Count, model, problems);
        CheckInstructions("BuildKit", model, expected, _ => false, problems);
        var copied = facts.RestoreFiles.Append(facts.ProjectPath).Concat(facts.RestoreFolders.Select(f => f.TrimEnd('/') + "/")).ToHashSet(StringComparer.Ordinal);
        if (model.Count > 0 && !restoreSources.ToHashSet(StringComparer.Ordinal).SetEquals(copied))
        {
            problems.Add($"BuildKit: the restore layer copies {Show(restoreSources)}, expected {Show(copied)}");
        }
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

    private static void CheckLines(string text, string? syntax, int expectedInstructions, IReadOnlyList<ParsedInstruction> instructions, List<string> problems)
    {
        if (!text.EndsWith('\n'))
        {
            problems.Add("the text does not end with a line break");
        }

        // The only parser directive is an asked-for syntax line; no value may start one.
        var lines = text.Split('\n');
        var directives = syntax is null ? 0 : 1;
        if (syntax is not null && lines[0] != "# syntax=" + syntax)
        {
            problems.Add($"the first line is {HostileFacts.Literal(Shorten(lines[0]))}, not the syntax directive");
        }

        if (Directive.IsMatch(lines[directives]))
        {
            problems.Add("a value reached the parser directives at the top of the file");
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

    /// <summary>
    /// The instructions the text must hold, from the plan the writer was given: the check is that every planned value
    /// comes back out of both parsers unchanged, not a second opinion on what the plan should be. The plan's values
    /// are in turn held to the facts where they are the project's own (names, labels, variables, arguments).
    /// </summary>
    private static List<ExpectedInstruction> Expected(ProjectFacts facts, ImagePlan plan, List<string> problems, ICollection<string> restoreSources)
    {
        CheckPlanKeepsValues(facts, plan, problems);
        var selfContained = plan.Images.BaseImage != plan.Images.FinalImage;
        var list = new List<ExpectedInstruction>
        {
            new("FROM", (i, p) =>
            {
                Same(p, i, "flags", Array.Empty<string>(), i.Flags);
                Same(p, i, "arguments", new[] { ExpectedImage(selfContained ? null : facts.ContainerBaseImage, plan.Images.BaseImage, facts), "AS", "base" }, i.Args);
            }),
        };
        list.AddRange(SharedSettings(plan));
        list.Add(new("USER", (i, p) => Same(p, i, "arguments", new[] { plan.User }, i.Args)));
        list.AddRange(new ExpectedInstruction[]
        {
            new("FROM", (i, p) =>
            {
                Same(p, i, "flags", new[] { "--platform=$BUILDPLATFORM" }, i.Flags);
                Same(p, i, "arguments", new[] { ExpectedImage(facts.BuildImage, plan.Images.BuildImage, facts), "AS", "build" }, i.Args);
            }),
            new("ARG", (i, p) => Same(p, i, "arguments", new[] { "TARGETARCH" }, i.Args)),
            new("ARG", (i, p) => Same(p, i, "arguments", new[] { "BUILD_CONFIGURATION=Release" }, i.Args)),
            new("WORKDIR", (i, p) => Same(p, i, "arguments", new[] { "/src" }, i.Args)),
        });

        if (plan.Images.AotToolchainInstall != OsPackageManager.None)
        {
            list.Add(new("RUN", (_, _) => { }));
        }

        // One COPY per destination folder; each one's sources land at their own relative path (checked per COPY),
        // and together they copy exactly the files and folders restore reads (checked once the text is read).
        static string Folder(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path.Substring(0, slash) : string.Empty;
        var restoreFiles = facts.RestoreFiles.Append(facts.ProjectPath).Distinct(StringComparer.Ordinal).ToList();
        var restoreFolders = facts.RestoreFolders.Select(f => f.TrimEnd('/') + "/").Distinct(StringComparer.Ordinal).ToList();
        var copies = restoreFiles.Select(Folder).Distinct(StringComparer.Ordinal).Count() + restoreFolders.Count;
        for (var n = 0; n < copies; n++)
        {
            list.Add(new("COPY", (i, p) =>
            {
                var words = DecodeJson(i, null, p)?.Select(BuildKitRules.ProcessWord).ToList();
                if (words is null || words.Count < 2)
                {
                    return;
                }

                var destination = words[^1];
                foreach (var source in words.Take(words.Count - 1))
                {
                    var expected = restoreFolders.Contains(source) ? source : Folder(source) is { Length: > 0 } folder ? folder + "/" : "./";
                    if (destination != expected)
                    {
                        p.Add($"{Show(i)}: {HostileFacts.Literal(source)} lands in {HostileFacts.Literal(destination)}, not {HostileFacts.Literal(expected)}");
                    }

                    if (i.Model)
                    {
                        restoreSources.Add(source);
                    }
                }
            }));
        }

        list.Add(new("RUN", (i, p) =>
        {
            if (i.Flags?.Count != 1 + plan.Secrets.Count)
            {
                p.Add($"{Show(i)}: expected {1 + plan.Secrets.Count} --mount flags");
            }

            CheckShellProject(i, "restore", facts, p);
        }));
        list.Add(new("COPY", (i, p) => Same(p, i, "arguments", new[] { ".", "." }, i.Args)));
        list.Add(new("RUN", (i, p) => CheckShellProject(i, "publish", facts, p)));
        // The published app: one COPY per layer, or the publish folder as one.
        var appSources = facts.AppLayers
            ? AppLayers.For(plan.Images.IsSelfContained, facts.PublishAot).Select(l => $"/app/layers/{AppLayers.FolderName(l)}/").ToList()
            : new List<string> { "/app/publish" };
        var copyApp = appSources.Select(source => new ExpectedInstruction("COPY", (i, p) =>
        {
            Same(p, i, "flags", new[] { "--from=build" }, i.Flags);
            Same(p, i, "arguments", new[] { source, "." }, i.Args);
        })).ToList();
        if (selfContained)
        {
            list.Add(new("FROM", (i, p) =>
            {
                Same(p, i, "flags", Array.Empty<string>(), i.Flags);
                Same(p, i, "arguments", new[] { ExpectedImage(facts.ContainerBaseImage, plan.Images.FinalImage, facts), "AS", "final" }, i.Args);
            }));
            list.AddRange(SharedSettings(plan));
            list.AddRange(copyApp);
            list.Add(new("USER", (i, p) => Same(p, i, "arguments", new[] { plan.User }, i.Args)));
        }
        else
        {
            list.Add(new("FROM", (i, p) => Same(p, i, "arguments", new[] { "base", "AS", "final" }, i.Args)));
            list.AddRange(copyApp);
        }

        list.Add(new("ENTRYPOINT", (i, p) => CheckExecJson(i, plan.EntryPoint, p)));
        if (facts.DefaultArgs.Count > 0)
        {
            list.Add(new("CMD", (i, p) => CheckExecJson(i, facts.DefaultArgs, p)));
        }

        return list;
    }

    /// <summary>What the base stage sets and a self-contained app's final stage sets again.</summary>
    private static IEnumerable<ExpectedInstruction> SharedSettings(ImagePlan plan) =>
        new[] { new ExpectedInstruction("WORKDIR", (i, p) => Same(p, i, "arguments", new[] { plan.WorkingDirectory }, i.Args)) }
            .Concat(plan.Ports.Select(port => new ExpectedInstruction("EXPOSE", (i, p) => Same(p, i, "arguments", new[] { port.ToString() }, i.Args))))
            .Concat(plan.Environment.Select(variable => new ExpectedInstruction("ENV", (i, p) => CheckPair(i, variable, p))))
            .Concat(plan.Labels.Select(label => new ExpectedInstruction("LABEL", (i, p) => CheckPair(i, label, p))));

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

    /// <summary>The project's own values reach the plan as they are: only what the image needs is added around them.</summary>
    private static void CheckPlanKeepsValues(ProjectFacts facts, ImagePlan plan, List<string> problems)
    {
        if (!plan.Labels.SequenceEqual(facts.Labels))
        {
            problems.Add("the plan's labels are not the project's");
        }

        if (!plan.Environment.Skip(plan.Environment.Count - facts.EnvironmentVariables.Count).SequenceEqual(facts.EnvironmentVariables))
        {
            problems.Add("the plan's environment does not end with the project's variables");
        }

        if (!plan.EntryPoint.Skip(plan.EntryPoint.Count - facts.AppCommandArgs.Count).SequenceEqual(facts.AppCommandArgs, StringComparer.Ordinal)
            || !plan.EntryPoint.Any(a => a.Contains(facts.AssemblyName, StringComparison.Ordinal)))
        {
            problems.Add($"the entry point {Show(plan.EntryPoint)} is not the app followed by its arguments");
        }

        // $APP_UID is written as the app user's number, so that no ENV can redirect USER.
        var expectedUser = string.IsNullOrEmpty(facts.ContainerUser) ? "1654"
            : facts.ContainerUser!.StartsWith("$APP_UID", StringComparison.Ordinal) ? "1654" + facts.ContainerUser.Substring("$APP_UID".Length)
            : facts.ContainerUser;
        if (plan.User != expectedUser)
        {
            problems.Add($"USER is {HostileFacts.Literal(plan.User)}, not {HostileFacts.Literal(expectedUser)} (ContainerUser {HostileFacts.Literal(facts.ContainerUser ?? "")})");
        }

        var validPorts = facts.Ports.Select(PlacementRules.ValidPort).OfType<(int Number, string Protocol)>().Distinct().ToList();
        if (validPorts.Count > 0 && !plan.Ports.Select(p => (p.Number, p.Protocol)).SequenceEqual(validPorts))
        {
            problems.Add($"EXPOSE holds {string.Join(", ", plan.Ports)}, not the project's ports in order");
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

    /// <summary>
    /// The strings of a JSON-form instruction: BuildKit decodes the whole array; dockerfile-ast reports each
    /// string's source text, decoded here (its own getJSONValue() drops any escape but \" and \\).
    /// </summary>
    private static string[]? DecodeJson(ParsedInstruction instruction, int? expectedCount, List<string> problems)
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
        else if (expectedCount is not null && decoded.Length != expectedCount)
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
