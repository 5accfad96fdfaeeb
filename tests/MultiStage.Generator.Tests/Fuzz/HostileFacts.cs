using System.Text;
using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Frameworks;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// Random project facts whose every project-controlled value is drawn from text heavy in what breaks Dockerfiles:
/// line breaks of every kind, quotes, backslashes, '$', '#', backticks, braces, control characters, unicode
/// (astral characters too), leading and trailing spaces, and strings of a few KB. Case <c>i</c> of seed <c>s</c>
/// is always the same facts, so a failure names the seed and case that reproduce it.
/// </summary>
internal static partial class HostileFacts
{
    // Pieces that each break some quoting or line rule when placed raw.
    private static readonly string[] Dangerous =
    {
        "\n", "\r", "\r\n", "\t", "\0", "\u0085", "\u2028", "\u2029", "\v", "\f", "\u001b", "\u007f", "\u0090", "\u009f",
        "\"", "'", "\\", "$", "#", "`", "{", "}", " ", "=", "[", "]", ",", "*", "?", "<<EOF", "$(", "${", ":-", "%",
        "&", ";", "|", "<", ">", "(", ")", "!", "~", "\\\"", "\\\\", "\"\"", "''", "\\n", "\\u0000", "]]", "\\ ",
    };

    // Whole values aimed at the usual holes: instruction injection, variable expansion, comments, JSON breakouts.
    private static readonly string[] Nasty =
    {
        "\nRUN rm -rf /", "\\", "$HOME", "${X:-y}", "\\\n", "\" && id && \"", "'; id; '", "\"]\nRUN id\n[\"", "# comment",
        "\\\"", "\\$", "$$", "\\\\", "\r\nUSER root", "\u2028RUN id", "`id`", "$(id)", "--from=build", "ENV X=1", " ", "",
        "a\\", "\\ ", "\"\"", "''", "%PATH%", "$(echo hi)", "\\\r\n", "\u0085RUN id", "x\\\nRUN id", "\"\\", "]", "[\"a\"]",
        "${APP_UID:-0}", "$APP_UID", "\t", "#", "\\#", "a # b", "\ufeff", "\ufeffx",
    };

    private static readonly string[] Unicode =
    {
        "é", "ü", "ß", "Ω", "中", "文", "日本語", "😀", "👩‍💻", "𝄞", "e\u0301", "\u00A0", "\u3000", "\u2003", "\u202E", "\u200B",
        "\u200D", "ﬁ", "İ", "ı", "Ⅻ", "٣", "１２",
    };

    private static readonly string Printable =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._-/:@+,%=";

    private static readonly string[] PathPieces =
    {
        "App", "src", "My App", "Über", "中文", "a'b", "a\"b", "x#y", "{x}", "(v2)", "a&b", "a;b", "<<EOF", "-rf", "😀",
        " lead", "trail ", "~", "%20", "a=b", ",", "--from=build", "Api.Core", "e\u0301", "\u00A0", "!", "a b  c", "\ufeff",
    };

    private static readonly string[] Frameworks = { "net6.0", "net8.0", "net9.0", "net10.0", "net10.0" };

    private static readonly string[][] RuntimeIdentifiers =
    {
        Array.Empty<string>(), Array.Empty<string>(), new[] { "linux-x64" }, new[] { "linux-arm64" }, new[] { "linux-musl-x64" },
    };

    /// <summary>The facts of case <paramref name="index"/>: placeable values only in about half the cases.</summary>
    public static ProjectFacts Create(int seed, int index)
    {
        var random = new Random(unchecked((seed * 1_000_003) ^ index));
        var hostility = random.Next(2) == 0 ? 0.0 : 0.04 + (random.NextDouble() * 0.2);
        var draw = new Draw(random, hostility);

        var framework = draw.Pick(Frameworks);
        var major = TargetFrameworkMoniker.Parse(framework).Major;
        var web = draw.Chance(0.5);
        var rids = draw.Pick(RuntimeIdentifiers);
        var projectFolder = draw.Folder();
        var assembly = draw.Text(TextKind.Value, 40);
        var projectPath = (projectFolder.Length > 0 ? projectFolder + "/" : string.Empty) + draw.PathSegment() + ".csproj";

        var facts = new ProjectFacts
        {
            ProjectPath = draw.Hostile() ? draw.HostilePath() : projectPath,
            DockerfilePath = draw.Hostile() ? draw.HostilePath() : (projectFolder.Length > 0 ? projectFolder + "/" : string.Empty) + "Dockerfile",
            RestoreFiles = draw.List(4, () => draw.Hostile() ? draw.HostilePath() : draw.RestoreFile()),
            RestoreFolders = draw.List(2, () => draw.Hostile() ? draw.HostilePath() : draw.Folder(minimum: 1)),
            AssemblyName = assembly.Length == 0 ? "App" : assembly,
            TargetFramework = framework,
            IsMultiTargeted = draw.Chance(0.2),
            IsWebApp = web,
            UsesAspNetCore = web || draw.Chance(0.2),
            SelfContained = draw.Chance(0.15),
            PublishAot = major >= 8 && draw.Chance(0.15),
            InvariantGlobalization = draw.Chance(0.3),
            RuntimeIdentifiers = rids,
            Ports = draw.List(3, draw.Port),
            EnvironmentVariables = draw.List(4, () => new NameValue(draw.EnvironmentName(), draw.Text(TextKind.Value, 90))),
            Labels = draw.List(4, () => new NameValue(draw.LabelKey(), draw.Text(TextKind.Value, 90))),
            ContainerUser = draw.User(),
            ContainerWorkingDirectory = draw.WorkingDirectory(),
            AppCommandArgs = draw.List(3, () => draw.Text(TextKind.Any, 90)),
            DefaultArgs = draw.List(3, () => draw.Text(TextKind.Any, 90)),
            ContainerRepository = draw.Chance(0.2) ? draw.Text(TextKind.Any, 40) : null,
            ContainerBaseImage = draw.Image(),
            BuildImage = draw.Image(),
            ImageRegistry = draw.Registry(),
            MountNuGetConfigSecret = draw.Chance(0.2),
            NuGetSecretVariables = draw.Chance(0.2) ? new[] { "FEED_TOKEN", "FEED_USER" }.Take(1 + random.Next(2)).ToArray() : Array.Empty<string>(),
            DockerfileSyntax = draw.Chance(0.1) ? (draw.Hostile() ? draw.Text(TextKind.Any, 40) : "docker/dockerfile:1") : null,
        };

        // Before 8.0, Alpine images have no "-extra" variant with ICU: such apps need invariant globalization.
        if (major < 8 && rids.Any(r => r.StartsWith("linux-musl", StringComparison.Ordinal)))
        {
            facts = facts with { InvariantGlobalization = true };
        }

        // Digest pinning needs a digest for each image the generator picks; one may be hostile.
        if (draw.Chance(0.1) && ImageSelector.Select(facts).Choice is { } images)
        {
            facts = facts with
            {
                PinDigests = true,
                ImageDigests = new Dictionary<string, string>
                {
                    [images.BuildImage] = draw.Digest(),
                    [images.BaseImage] = draw.Digest(),
                    [images.FinalImage] = draw.Digest(),
                },
            };
        }

        return facts;
    }

    /// <summary>The facts as C# source, every string escaped: what a failure shows and a regression test copies.</summary>
    public static string Describe(ProjectFacts facts)
    {
        static string S(string? value) => value is null ? "null" : Literal(value);
        static string L(IEnumerable<string> values) => "new[] { " + string.Join(", ", values.Select(S)) + " }";
        static string Nv(IEnumerable<NameValue> values) => "new[] { " + string.Join(", ", values.Select(v => $"new NameValue({S(v.Name)}, {S(v.Value)})")) + " }";

        return string.Join("\n", new[]
        {
            $"ProjectPath = {S(facts.ProjectPath)}",
            $"DockerfilePath = {S(facts.DockerfilePath)}",
            $"RestoreFiles = {L(facts.RestoreFiles)}",
            $"RestoreFolders = {L(facts.RestoreFolders)}",
            $"AssemblyName = {S(facts.AssemblyName)}",
            $"TargetFramework = {S(facts.TargetFramework)}, IsMultiTargeted = {facts.IsMultiTargeted}, IsWebApp = {facts.IsWebApp}, UsesAspNetCore = {facts.UsesAspNetCore}",
            $"SelfContained = {facts.SelfContained}, PublishAot = {facts.PublishAot}, InvariantGlobalization = {facts.InvariantGlobalization}, RuntimeIdentifiers = {L(facts.RuntimeIdentifiers)}",
            $"Ports = new[] {{ {string.Join(", ", facts.Ports.Select(p => $"new ContainerPort({S(p.Port)}, {S(p.Type)})"))} }}",
            $"EnvironmentVariables = {Nv(facts.EnvironmentVariables)}",
            $"Labels = {Nv(facts.Labels)}",
            $"ContainerUser = {S(facts.ContainerUser)}",
            $"ContainerWorkingDirectory = {S(facts.ContainerWorkingDirectory)}",
            $"AppCommandArgs = {L(facts.AppCommandArgs)}",
            $"DefaultArgs = {L(facts.DefaultArgs)}",
            $"ContainerRepository = {S(facts.ContainerRepository)}",
            $"ContainerBaseImage = {S(facts.ContainerBaseImage)}, BuildImage = {S(facts.BuildImage)}, ImageRegistry = {S(facts.ImageRegistry)}",
            $"PinDigests = {facts.PinDigests}, ImageDigests = {{ {string.Join(", ", facts.ImageDigests.Select(d => $"[{S(d.Key)}] = {S(d.Value)}"))} }}",
            $"MountNuGetConfigSecret = {facts.MountNuGetConfigSecret}, NuGetSecretVariables = {L(facts.NuGetSecretVariables)}",
            $"DockerfileSyntax = {S(facts.DockerfileSyntax)}",
        });
    }

    /// <summary>A C# string literal with everything outside printable ASCII escaped.</summary>
    public static string Literal(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || c > '~' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
