using MultiStage.Generator.Facts;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Tests.Fuzz;

// Each project value whole where the image takes it, wherever the writer puts the instruction that holds it.
internal static partial class DockerfileProperties
{
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
    /// As BuildKit reads the file: every variable and label is one exact name=value pair; the image's entry point and
    /// default arguments are the last ENTRYPOINT and CMD, exactly; every file restore reads is copied to its own
    /// folder; restore and publish name the project as one plain shell word; every FROM names a stage or a plain image.
    /// </summary>
    private static void CheckValuesPlaced(ProjectFacts facts, ImagePlan plan, IReadOnlyList<ReadInstruction> read, List<string> problems)
    {
        bool HasPair(string keyword, NameValue pair) => read.Any(i => i.Keyword == keyword && Enumerable.Range(0, i.Arguments.Count / 2).Any(n =>
            i.Arguments[2 * n] is { Reading: "" } name && name.Text == pair.Name && i.Arguments[(2 * n) + 1] is { Reading: "" } value && value.Text == pair.Value));
        foreach (var (keyword, pair) in facts.EnvironmentVariables.Select(v => ("ENV", v)).Concat(facts.Labels.Select(l => ("LABEL", l))))
        {
            if (!HasPair(keyword, pair))
            {
                problems.Add($"no {keyword} sets {HostileFacts.Literal(Shorten(pair.Name))} to exactly {HostileFacts.Literal(Shorten(pair.Value))}");
            }
        }

        var finalStage = read.Skip(read.ToList().FindLastIndex(i => i.Keyword == "FROM")).ToList();
        CheckExecForm(read.LastOrDefault(i => i.Keyword == "ENTRYPOINT"), "ENTRYPOINT", plan.EntryPoint, problems);
        var command = finalStage.LastOrDefault(i => i.Keyword == "CMD");
        if (facts.DefaultArgs.Count > 0 || command is not null)
        {
            CheckExecForm(command, "the final stage's CMD", facts.DefaultArgs, problems);
        }

        CheckRestoreCopies(facts, read, problems);
        var runs = read.Where(i => i.Keyword == "RUN").Select(i => i.Arguments).ToList();
        bool Runs(params string[] words) => runs.Any(arguments => Enumerable.Range(0, Math.Max(0, arguments.Count - words.Length + 1))
            .Any(n => words.Select((w, k) => arguments[n + k] is { Reading: "" } argument && argument.Text == w).All(same => same)));
        foreach (var verb in new[] { "restore", "publish" })
        {
            if (!Runs("dotnet", verb, facts.ProjectPath))
            {
                problems.Add($"no RUN has 'dotnet {verb}' with the project {HostileFacts.Literal(Shorten(facts.ProjectPath))} as one plain shell word");
            }
        }

        if (facts.IsMultiTargeted && !Runs("-f", facts.TargetFramework))
        {
            problems.Add($"no RUN publishes the framework {facts.TargetFramework} of the multi-targeted project");
        }

        CheckImages(facts, read, problems);
    }

    /// <summary>Exec form: the JSON array is exactly the arguments (no word processing follows).</summary>
    private static void CheckExecForm(ReadInstruction? instruction, string what, IReadOnlyList<string> expected, List<string> problems)
    {
        if (instruction is null)
        {
            problems.Add($"no {what}: expected {Show(expected)}");
        }
        else if (instruction.Form != "JSON" || !instruction.Arguments.Select(a => a.Text).SequenceEqual(expected, StringComparer.Ordinal))
        {
            problems.Add($"{what} on line {instruction.Line + 1} is {instruction.Form} form {Show(instruction.Arguments.Select(a => a.Text))}, expected {Show(expected)}");
        }
    }

    /// <summary>Each file restore reads is a source of a JSON-form COPY from the context that puts it at its own relative path.</summary>
    private static void CheckRestoreCopies(ProjectFacts facts, IReadOnlyList<ReadInstruction> read, List<string> problems)
    {
        static string Folder(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path.Substring(0, slash) : string.Empty;
        var folders = facts.RestoreFolders.Select(f => f.TrimEnd('/') + "/").ToHashSet(StringComparer.Ordinal);
        var inputs = facts.RestoreFiles.Append(facts.ProjectPath).Concat(folders).ToHashSet(StringComparer.Ordinal);
        var copied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var copy in read.Where(i => i.Keyword == "COPY" && i.Form == "JSON" && i.Flags.Count == 0 && i.Arguments.Count >= 2 && i.Arguments.All(a => a.Reading.Length == 0)))
        {
            var destination = copy.Arguments[^1].Text;
            foreach (var source in copy.Arguments.Take(copy.Arguments.Count - 1).Select(a => a.Text).Where(inputs.Contains))
            {
                copied.Add(source);
                var expected = folders.Contains(source) ? source : Folder(source) is { Length: > 0 } folder ? folder + "/" : "./";
                if (destination != expected)
                {
                    problems.Add($"line {copy.Line + 1}: {HostileFacts.Literal(Shorten(source))} lands in {HostileFacts.Literal(Shorten(destination))}, not {HostileFacts.Literal(Shorten(expected))}");
                }
            }
        }

        if (!copied.SetEquals(inputs))
        {
            problems.Add($"no COPY takes {Show(inputs.Except(copied))} whole from the context");
        }
    }

    /// <summary>Every FROM names an earlier stage or a plain image reference; an image override is used trimmed (with its pinned digest).</summary>
    private static void CheckImages(ProjectFacts facts, IReadOnlyList<ReadInstruction> read, List<string> problems)
    {
        var stages = new List<string>();
        var images = new List<string>();
        foreach (var from in read.Where(i => i.Keyword == "FROM"))
        {
            var image = from.Arguments.FirstOrDefault()?.Text ?? string.Empty;
            if (!stages.Contains(image))
            {
                images.Add(image);
                if (!PlacementRules.IsValidImageReference(image))
                {
                    problems.Add($"line {from.Line + 1}: FROM names {HostileFacts.Literal(Shorten(image))}, not a valid image reference");
                }
            }

            stages.AddRange(from.StageName is { } stage ? new[] { stage } : Array.Empty<string>());
        }

        foreach (var overrideImage in new[] { facts.ContainerBaseImage, facts.BuildImage }.Where(i => !string.IsNullOrWhiteSpace(i)))
        {
            var image = overrideImage!.Trim();
            var expected = facts.PinDigests && !image.Contains('@') && facts.ImageDigests.TryGetValue(image, out var digest) ? image + "@" + digest : image;
            if (!images.Contains(expected))
            {
                problems.Add($"no FROM names the image override {HostileFacts.Literal(expected)}: {Show(images)}");
            }
        }
    }
}
