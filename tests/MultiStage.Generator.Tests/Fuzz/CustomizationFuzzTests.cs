using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// The customization items' routes into the Dockerfile under hostile values: package names, file paths, owners,
/// writable folders, certificate paths and fragment content. Each value set is either refused with the code that
/// names the offending value (an oracle stated here, on its own), or written so that BuildKit's reading gives every
/// value back whole, the stages stay as they were, and nothing starts a line it should not.
/// MULTISTAGE_FUZZ_COUNT and MULTISTAGE_FUZZ_SEED work as in <see cref="FuzzTests"/> (a quarter of the count here).
/// </summary>
[Trait("Category", "Fuzz")]
public class CustomizationFuzzTests(ITestOutputHelper output)
{
    // No trailing '-' (apt-get: remove) or lone '+' (apt-get: install marker); "++" ends real names such as g++.
    private static readonly Regex PackageName = new(@"^[A-Za-z0-9][A-Za-z0-9+._:=~\-]*\z", RegexOptions.CultureInvariant);

    private static bool IsPackageName(string package) =>
        PackageName.IsMatch(package) && !package.EndsWith('-') && (!package.EndsWith('+') || package.EndsWith("++", StringComparison.Ordinal));
    private static readonly Regex AbsolutePath = new(@"^/[A-Za-z0-9_.\-/]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex PlainPath = new(@"^[A-Za-z0-9_.\-/]+\z", RegexOptions.CultureInvariant);
    private static readonly Regex User = new(@"^([A-Za-z0-9_][A-Za-z0-9_.\-]*|\$APP_UID)(:[A-Za-z0-9_][A-Za-z0-9_.\-]*)?\z", RegexOptions.CultureInvariant);

    private static readonly string[] Hostile =
    {
        "\n", "\r", "\t", "\u0085", "\u2028", "\"", "'", "\\", "$", "$(id)", "${X}", "`id`", " ", ";", "&&", "|", "*", "?", "[", "]", "#",
        "\nRUN id", "\\\n", "--from=build", "-y", "~", "=", ":", "😀", "é",
    };

    private static readonly string[] Packages = { "fontconfig", "libgdiplus", "tzdata", "krb5-user", "libc++1", "curl=8.5.0-2", "python3.11", "g++", "ca-certificates-", "curl+", "-curl" };

    // Paths in the image that climb ('..'), repeat slashes, or name the root, the app's folder or the OS's own folders.
    private static readonly string[] Destinations = { "/opt/otel", "/opt/otel/", "//opt//./otel", "/usr/local/bin/agent", "/opt/../etc", "/etc", "/", "/..", "/proc/x", "/usr", "/var/lib", "/lib64/x", "/srv/a/../b" };

    private static readonly string[] WritableFolders = { "keys", "/var/uploads", "/var/lib/app", "/tmp", "data/./cache", "../../../etc", "../../../etc/ssl", ".", "/app", "/", "/etc/ssl", "../x", "/var/../run/x", "a/../b" };

    private static readonly string[] FragmentLines =
    {
        "ENV A=\"{0}\"", "LABEL com.example.note=\"{0}\"", "RUN echo {0}", "# {0}", "ARG X={0}", "STOPSIGNAL SIGINT", "FROM alpine",
        "WORKDIR /srv/{0}", "{0}", "RUN a \\", "HEALTHCHECK NONE", "USER root",

        // Continuations the frontends read alike, and ones they do not (an escaped '\', a no-break space after '\').
        "RUN a \\\n    # {0}\n\n    && b", "RUN echo C:\\\\", "ENV WINDIR=C:\\\\", "ENV WINDIR=\"C:\\\\\"", "RUN a \\\u00a0", "# escape=`",

        // Heredocs: whole ones, an unterminated one, and the opener and closer of one split across fragments.
        "RUN <<EOF\necho {0}\nEOF", "COPY <<'EOF' /note\n{0}\nFROM x\nEOF", "RUN <<-END\n\techo {0}\n\tEND", "RUN cat <<EOF\n{0}", "RUN cat <<USER >/dev/null", "USER",
    };

    private static readonly string?[] Frontends = { null, "docker/dockerfile:1", "docker/dockerfile:1.3", "docker/dockerfile:1.7-labs" };

    [Fact]
    public void Every_hostile_customization_value_is_placed_safely_or_rejected_with_a_coded_error()
    {
        var seed = Setting("MULTISTAGE_FUZZ_SEED", FuzzTests.DefaultSeed);
        var count = Math.Max(1, Setting("MULTISTAGE_FUZZ_COUNT", FuzzTests.DefaultCount) / 4);
        var failures = new List<string>();
        int written = 0, rejected = 0;
        for (var index = 0; index < count; index++)
        {
            var facts = Create(seed, index);
            var result = Generate.Dockerfile(facts);
            var problems = new List<string>();
            var violations = Violations(facts);
            if (result.HasErrors)
            {
                rejected++;
                CheckRejection(result, violations, problems);
            }
            else
            {
                written++;
                if (violations.Count > 0)
                {
                    problems.Add("accepted values it must reject: " + string.Join(", ", violations.Select(v => $"{v.Code} {HostileFacts.Literal(v.Subject)}")));
                }

                CheckDockerfile(facts, result.Text!, problems);
            }

            if (problems.Count > 0 && failures.Count < 8)
            {
                failures.Add($"Seed {seed}, case {index}:\n  - {string.Join("\n  - ", problems)}\n{Describe(facts)}\n{result.Text}");
            }
        }

        output.WriteLine($"{count} customization value sets from seed {seed}: {written} written, {rejected} rejected.");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(written > count / 8 && rejected > count / 10, $"{written} written and {rejected} rejected: the generator of value sets does not exercise both outcomes");
    }

    private static ProjectFacts Create(int seed, int index)
    {
        var random = new Random(unchecked((seed * 7_000_003) ^ index));
        var hostile = random.NextDouble() < 0.5 ? 0.0 : 0.25;
        string Value(string plain) => random.NextDouble() < hostile ? InsertHostile(random, plain) : plain;
        IReadOnlyList<T> Some<T>(int max, Func<T> item) => Enumerable.Range(0, random.Next(max + 1)).Select(_ => item()).ToList();

        var shape = random.Next(3);
        var facts = shape switch
        {
            0 => Projects.Web("net10.0"),
            1 => Projects.Web("net8.0"),
            _ => Projects.Console("net10.0") with { ContainerFamily = "alpine", SelfContained = true },
        };
        var packages = Some(3, () => (Value(Packages[random.Next(Packages.Length)]), random.Next(4) == 0 ? Value("build") : ""));
        return facts with
        {
            DockerfileSyntax = Frontends[random.Next(Frontends.Length)],
            OsPackageStages = packages,
            OsPackages = packages.Where(p => p.Item2 != "build").Select(p => p.Item1).ToList(),
            BuildOsPackages = packages.Where(p => p.Item2 == "build").Select(p => p.Item1).ToList(),
            ImageFiles = Some(2, () => new ImageFile(Value("agents/otel"), random.Next(2) == 0, Value(random.Next(3) == 0 ? Destinations[random.Next(Destinations.Length)] : "/opt/otel"), random.Next(4) switch { 0 => null, 1 => "app", 2 => "root", _ => Value("1000") })),
            WritableFolders = Some(2, () => new WritableFolder(Value(random.Next(3) == 0 ? WritableFolders[random.Next(WritableFolders.Length)] : random.Next(2) == 0 ? "keys" : "/var/uploads"), random.Next(2) == 0)),
            CaCertificates = Some(2, () => new CaCertificate(Value("certs/corp.crt"), random.Next(2) == 0)),
            Fragments = Some(2, () => new DockerfileFragment(
                "docker/extra.dockerfile",
                (FragmentPoint)random.Next(4),
                Some(3, () => string.Format(CultureInfo.InvariantCulture, FragmentLines[random.Next(FragmentLines.Length)], Value("value"))).SelectMany(l => l.Split('\n')).ToList())),
        };
    }

    private static string InsertHostile(Random random, string plain)
    {
        var at = random.Next(plain.Length + 1);
        return plain.Substring(0, at) + Hostile[random.Next(Hostile.Length)] + plain.Substring(at);
    }

    /// <summary>The values the generator must refuse, by the rules each item's documentation states.</summary>
    private static List<PlacementRules.Violation> Violations(ProjectFacts facts)
    {
        var violations = new List<PlacementRules.Violation>();
        foreach (var (package, stage) in facts.OsPackageStages)
        {
            if (!IsPackageName(package))
            {
                violations.Add(new("MULTISTAGE1041", $"MultiStageOsPackage '{package}'"));
            }

            if (stage.Length > 0 && stage.Trim() is not ("build" or "final"))
            {
                violations.Add(new("MULTISTAGE1049", $"has Stage '{stage}'"));
            }
        }

        foreach (var file in facts.ImageFiles)
        {
            if (!PlacementRules.IsPlaceablePath(file.Source))
            {
                violations.Add(new("MULTISTAGE1014", $"MultiStageImageFile '{file.Source}'"));
            }

            if (!AbsolutePath.IsMatch(file.Destination))
            {
                violations.Add(new("MULTISTAGE1046", $"Destination '{file.Destination}'"));
            }
            else if (ImagePathRules.IsRefused(file.Destination, ImagePathRules.Use.CopyDestination))
            {
                violations.Add(new("MULTISTAGE1055", $"Destination '{file.Destination}'"));
            }

            if (file.Owner is { } owner && owner != "app" && !User.IsMatch(owner))
            {
                violations.Add(new("MULTISTAGE1047", $"has Owner '{owner}'"));
            }
        }

        violations.AddRange(facts.WritableFolders.Where(f => !PlainPath.IsMatch(f.Path)).Select(f => new PlacementRules.Violation("MULTISTAGE1046", $"MultiStageWritableFolder '{f.Path}'")));
        violations.AddRange(facts.WritableFolders.Where(f => PlainPath.IsMatch(f.Path) && ImagePathRules.IsRefused(f.Path, ImagePathRules.Use.WritableFolder))
            .Select(f => new PlacementRules.Violation("MULTISTAGE1055", $"MultiStageWritableFolder '{f.Path}'")));
        violations.AddRange(facts.CaCertificates.Where(c => !PlacementRules.IsPlaceablePath(c.Path)).Select(c => new PlacementRules.Violation("MULTISTAGE1014", $"MultiStageCaCertificate '{c.Path}'")));
        foreach (var fragment in facts.Fragments)
        {
            var heredocs = FragmentOracle.ReadsHeredocs(facts.DockerfileSyntax);
            var whole = FragmentOracle.KeepsStagesWhole(fragment.Lines, heredocs: true);
            if (!whole || (!heredocs && !FragmentOracle.KeepsStagesWhole(fragment.Lines, heredocs: false)))
            {
                // Read with heredocs the fragment is broken for every frontend (1040); read without them only, it needs one that has them (1038).
                violations.Add(new(whole ? "MULTISTAGE1038" : "MULTISTAGE1040", $"MultiStageDockerfileFragment '{fragment.Path}'"));
            }
        }

        return violations;
    }

    private static void CheckRejection(GeneratedDockerfile result, List<PlacementRules.Violation> violations, List<string> problems)
    {
        if (violations.Count == 0)
        {
            problems.Add("every value is placeable, yet: " + string.Join(" | ", result.Diagnostics.Where(d => d.IsError)));
        }

        foreach (var violation in violations.Where(v => !result.Diagnostics.Any(d => d.Code == v.Code && d.Message.Contains(Diagnostics.DiagnosticDescriptor.Printable(v.Subject).TrimEnd('.'), StringComparison.Ordinal))))
        {
            problems.Add($"no {violation.Code} names {HostileFacts.Literal(violation.Subject)}");
        }
    }

    /// <summary>BuildKit's reading of the written file gives every value back, and the stages stay as they are.</summary>
    private static void CheckDockerfile(ProjectFacts facts, string text, List<string> problems)
    {
        IReadOnlyList<ParsedInstruction> model;
        try
        {
            model = BuildKitRules.Parse(text, FragmentOracle.ReadsHeredocs(facts.DockerfileSyntax));
        }
        catch (BuildKitRules.WordException e)
        {
            problems.Add("BuildKit: " + e.Message);
            return;
        }

        var stages = model.Where(i => i.Keyword == "FROM").Select(i => i.Args![^1]).ToList();
        var expected = new[] { "base", "build", "final" };
        if (!expected.All(stages.Contains) || stages.Count(s => !s.EndsWith("-parts", StringComparison.Ordinal)) != 3)
        {
            problems.Add("the stages are " + string.Join(", ", stages));
        }

        foreach (var line in text.Split('\n'))
        {
            if (!PlacementRules.IsPlaceableValue(line))
            {
                problems.Add("a line holds a raw control character: " + HostileFacts.Literal(line));
            }
        }

        foreach (var package in facts.OsPackages.Concat(facts.BuildOsPackages))
        {
            if (!model.Any(i => i.Keyword == "RUN" && ShellWords.Split(i.Text!).Any(w => w.Value == package && !w.Expands && !w.Special)))
            {
                problems.Add($"no RUN installs {HostileFacts.Literal(package)} as one plain shell word");
            }
        }

        foreach (var file in facts.ImageFiles)
        {
            var source = file.IsFolder ? file.Source.TrimEnd('/') + "/" : file.Source;
            var copies = model.Where(i => i.Keyword == "COPY" && i.Json?.Raw is { } raw
                && JsonSerializer.Deserialize<string[]>(raw)!.Select(BuildKitRules.ProcessWord).FirstOrDefault() == source).ToList();
            var chown = file.Owner is null or "root" ? null : file.Owner == "app" ? "--chown=1654:1654" : "--chown=" + (file.Owner.Contains(':') ? file.Owner : file.Owner + ":" + file.Owner);
            if (!copies.Any(c => c.Flags!.SingleOrDefault() == chown))
            {
                problems.Add($"the COPY of {HostileFacts.Literal(source)} is missing or not owned by {chown ?? "root"}");
            }
        }

        foreach (var certificate in facts.CaCertificates)
        {
            if (!model.Any(i => i.Keyword == "COPY" && i.Json?.Raw is { } raw && JsonSerializer.Deserialize<string[]>(raw)!.Select(BuildKitRules.ProcessWord).First() == certificate.Path))
            {
                problems.Add($"no COPY takes the certificate {HostileFacts.Literal(certificate.Path)}");
            }
        }

        foreach (var fragment in facts.Fragments)
        {
            if (!text.Contains("\n" + string.Join("\n", fragment.Lines) + "\n", StringComparison.Ordinal))
            {
                problems.Add($"fragment lines {HostileFacts.Literal(string.Join("\n", fragment.Lines))} are not in the file as written");
            }
        }
    }

    private static string Describe(ProjectFacts facts) =>
        $"OsPackageStages = {string.Join(", ", facts.OsPackageStages.Select(p => $"({HostileFacts.Literal(p.Package)}, {HostileFacts.Literal(p.Stage)})"))}\n"
        + $"ImageFiles = {string.Join(", ", facts.ImageFiles.Select(f => $"({HostileFacts.Literal(f.Source)}, {f.IsFolder}, {HostileFacts.Literal(f.Destination)}, {HostileFacts.Literal(f.Owner ?? "null")})"))}\n"
        + $"WritableFolders = {string.Join(", ", facts.WritableFolders.Select(f => HostileFacts.Literal(f.Path)))}\n"
        + $"CaCertificates = {string.Join(", ", facts.CaCertificates.Select(c => HostileFacts.Literal(c.Path)))}\n"
        + $"DockerfileSyntax = {facts.DockerfileSyntax ?? "null"}\n"
        + $"Fragments = {string.Join(" | ", facts.Fragments.Select(f => $"{f.Point}: {HostileFacts.Literal(string.Join("\n", f.Lines))}"))}";

    private static int Setting(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
