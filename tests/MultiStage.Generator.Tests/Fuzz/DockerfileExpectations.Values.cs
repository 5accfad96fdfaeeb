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

// Every project value back out of the plan and the Dockerfile unchanged: exec-form JSON, shell words, pairs.
internal static partial class DockerfileExpectations
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
}
