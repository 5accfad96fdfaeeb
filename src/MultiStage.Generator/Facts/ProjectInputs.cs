using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Client;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Facts;

/// <summary>Where a project is and what it references, as MSBuild reports it (absolute or project-relative paths).</summary>
internal sealed record ProjectLocation(
    string ProjectFile,
    string? BuildContext,
    string? DockerfilePath,
    IReadOnlyList<string> ProjectReferences)
{
    /// <summary>The folders MSBuild writes the project's build output to (absolute or project-relative).</summary>
    public IReadOnlyList<string> BuildOutputFolders { get; init; } = Array.Empty<string>();

    /// <summary>MultiStageImageFile items: Include (project-relative), Destination, Owner.</summary>
    public IReadOnlyList<(string Path, string Destination, string Owner)> ImageFiles { get; init; } = Array.Empty<(string, string, string)>();

    /// <summary>MultiStageCaCertificate items: Include (project-relative) and Runtime.</summary>
    public IReadOnlyList<(string Path, bool Runtime)> CaCertificates { get; init; } = Array.Empty<(string, bool)>();

    /// <summary>MultiStageDockerfileFragment items: Include (project-relative) and Point.</summary>
    public IReadOnlyList<(string Path, string Point)> Fragments { get; init; } = Array.Empty<(string, string)>();

    /// <summary>MultiStageTestProject items (project-relative); none: the solution's test projects.</summary>
    public IReadOnlyList<string> TestProjects { get; init; } = Array.Empty<string>();

    /// <summary>MultiStageTestStage: false, no test stages at all.</summary>
    public bool TestStage { get; init; } = true;
}

/// <summary>
/// The generator's inputs read into their types: the one place that knows each input's name. Every name the
/// targets list must be known here, and each is read once.
/// </summary>
internal sealed record ProjectInputs(
    ProjectLocation Location,
    ProjectFacts Values,
    ClientSettings Client,
    bool? NuGetSecret,
    bool GenerateDockerignore,
    bool GenerateCompose)
{
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);

    public static ProjectInputs Read(IEnumerable<GeneratorInput> inputs)
    {
        var read = new Reader(inputs);
        var invalidFlags = new List<InvalidItemFlag>();
        var location = new ProjectLocation(
            read.Text(InputCatalog.ProjectFile) ?? throw new ArgumentException($"The generator inputs name no {InputCatalog.ProjectFile}."),
            read.Text(InputCatalog.MultiStageBuildContext),
            read.Text(InputCatalog.MultiStageDockerfilePath),
            read.Items(InputCatalog.ProjectReference).Select(r => r.Item).ToList())
        {
            BuildOutputFolders = read.Items(InputCatalog.BuildOutputFolder).Select(f => f.Item).ToList(),
            ImageFiles = read.Items(InputCatalog.MultiStageImageFile).Select(f => (f.Item, f.Metadata(InputMetadata.Destination), f.Metadata(InputMetadata.Owner))).ToList(),
            CaCertificates = read.Items(InputCatalog.MultiStageCaCertificate).Select(c => (c.Item, ItemFlag.Parse(InputCatalog.MultiStageCaCertificate.Name, c.Item, InputMetadata.Runtime, c.Metadata(InputMetadata.Runtime), invalidFlags))).ToList(),
            Fragments = read.Items(InputCatalog.MultiStageDockerfileFragment).Select(f => (f.Item, f.Metadata(InputMetadata.Point))).ToList(),
            TestProjects = read.Items(InputCatalog.MultiStageTestProject).Select(t => t.Item).ToList(),
            TestStage = !string.Equals(read.Text(InputCatalog.MultiStageTestStage), "false", StringComparison.OrdinalIgnoreCase),
        };
        var values = new ProjectFacts
        {
            AssemblyName = read.Text(InputCatalog.AssemblyName) ?? string.Empty,
            TargetFramework = read.Text(InputCatalog.TargetFramework) ?? string.Empty,
            IsMultiTargeted = read.List(InputCatalog.TargetFrameworks).Count > 0,
            IsWebApp = read.Flag(InputCatalog.MultiStageWebApp),
            UsesAspNetCore = read.Flag(InputCatalog.UsesAspNetCore),
            SelfContained = read.Flag(InputCatalog.SelfContained),
            PublishAot = read.Flag(InputCatalog.PublishAot),
            PublishTrimmed = read.Flag(InputCatalog.PublishTrimmed),
            PublishSingleFile = read.Flag(InputCatalog.PublishSingleFile),
            InvariantGlobalization = read.Flag(InputCatalog.InvariantGlobalization),
            RuntimeIdentifiers = read.List(InputCatalog.MultiStageRuntimeIdentifiers),
            Ports = read.Items(InputCatalog.ContainerPort).Select(p => new ContainerPort(p.Item, p.Metadata(InputMetadata.Type))).ToList(),
            EnvironmentVariables = read.Items(InputCatalog.ContainerEnvironmentVariable).Select(e => new NameValue(e.Item, e.Value)).ToList(),
            Labels = Labels(read),
            BuildLabels = Plan.BuildLabels.Requested(read.Items(InputCatalog.BuildLabel).Select(l => l.Item), read.Items(InputCatalog.ContainerLabel).Select(l => new NameValue(l.Item, l.Value))),
            AppCommandArgs = read.Items(InputCatalog.ContainerAppCommandArgs).Select(a => a.Item).ToList(),
            DefaultArgs = read.Items(InputCatalog.ContainerDefaultArgs).Select(a => a.Item).ToList(),
            ContainerUser = read.Text(InputCatalog.ContainerUser),
            ContainerWorkingDirectory = read.Text(InputCatalog.ContainerWorkingDirectory),
            ContainerRepository = read.Text(InputCatalog.ContainerRepository),
            ContainerFamily = read.Text(InputCatalog.ContainerFamily),
            ContainerBaseImage = read.Text(InputCatalog.ContainerBaseImage),
            BuildImage = read.Text(InputCatalog.MultiStageBuildImage),
            ImageRegistry = read.Text(InputCatalog.MultiStageImageRegistry),
            DockerfileSyntax = read.Text(InputCatalog.MultiStageDockerfileSyntax),
            PinDigests = read.Flag(InputCatalog.MultiStagePinDigests),
            OsPackages = read.Items(InputCatalog.MultiStageOsPackage).Where(p => !IsBuildStage(p)).Select(p => p.Item).ToList(),
            BuildOsPackages = read.Items(InputCatalog.MultiStageOsPackage).Where(IsBuildStage).Select(p => p.Item).ToList(),
            OsPackageStages = read.Items(InputCatalog.MultiStageOsPackage).Select(p => (p.Item, p.Metadata(InputMetadata.Stage))).ToList(),
            WritableFolders = read.Items(InputCatalog.MultiStageWritableFolder).Select(f => new WritableFolder(f.Item, ItemFlag.Parse(InputCatalog.MultiStageWritableFolder.Name, f.Item, InputMetadata.Volume, f.Metadata(InputMetadata.Volume), invalidFlags))).ToList(),
            InvalidItemFlags = invalidFlags,
            RestoreWorkloads = read.Flag(InputCatalog.MultiStageRestoreWorkloads),
            AppLayers = read.Flag(InputCatalog.MultiStageAppLayers),
            GenerateSbom = read.Flag(InputCatalog.ContainerGenerateSbom),
            TestFailBuild = !string.Equals(read.Text(InputCatalog.MultiStageTestFailBuild), "false", StringComparison.OrdinalIgnoreCase),
            IncrementalCompilation = read.Flag(InputCatalog.MultiStageIncrementalCompilation),
            DebugStage = read.Flag(InputCatalog.MultiStageDebugStage),
            DevStage = read.Flag(InputCatalog.MultiStageDevStage),
            HealthChecks = read.Items(InputCatalog.ContainerHealthCheck)
                .Select(h => new HealthCheckItem(h.Item, h.Metadata(InputMetadata.Interval), h.Metadata(InputMetadata.Timeout), h.Metadata(InputMetadata.StartPeriod), h.Metadata(InputMetadata.Retries)))
                .ToList(),
            ImageDigests = read.Items(InputCatalog.MultiStageImageDigest)
                .GroupBy(d => d.Item, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Metadata(InputMetadata.Digest).Trim(), StringComparer.Ordinal),
        };
        var client = new ClientSettings
        {
            Enabled = !string.Equals(read.Text(InputCatalog.MultiStageClient), "false", StringComparison.OrdinalIgnoreCase),
            ClientPath = read.Text(InputCatalog.MultiStageClientPath),
            SpaRoot = read.Text(InputCatalog.SpaRoot),
            BuildScript = read.Text(InputCatalog.MultiStageClientBuildScript),
            OutputPath = read.Text(InputCatalog.MultiStageClientOutputPath),
            Target = read.Text(InputCatalog.MultiStageClientTarget),
            NodeVersion = read.Text(InputCatalog.MultiStageNodeVersion),
            NodeImage = read.Text(InputCatalog.MultiStageNodeImage),
        };
        var nuGetSecret = bool.TryParse(read.Text(InputCatalog.MultiStageNuGetSecret), out var forced) ? forced : (bool?)null;
        var project = new ProjectInputs(
            location,
            values,
            client,
            nuGetSecret,
            !string.Equals(read.Text(InputCatalog.MultiStageGenerateDockerignore), "false", StringComparison.OrdinalIgnoreCase),
            read.Flag(InputCatalog.MultiStageGenerateCompose));
        read.EnsureAllRead();
        return project;
    }

    private static bool IsBuildStage(GeneratorInput package) => string.Equals(package.Metadata(InputMetadata.Stage).Trim(), "build", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The labels from package metadata, then ContainerLabel, whose key (exactly: keys are case-sensitive) wins over a
    /// generated one. Multi-line descriptions are common, so a generated label's whitespace runs become one space;
    /// done here because in the targets a property function would take the value as part of its expression.
    /// </summary>
    private static IReadOnlyList<NameValue> Labels(Reader read)
    {
        var own = read.Items(InputCatalog.ContainerLabel).Select(l => new NameValue(l.Item, l.Value)).ToList();
        return read.Items(InputCatalog.GeneratedLabel)
            .Select(l => new NameValue(l.Item, Whitespace.Replace(l.Value, " ").Trim()))
            .Where(l => l.Value.Length > 0 && !own.Any(o => o.Name == l.Name))
            .Concat(own)
            .ToList();
    }

    /// <summary>
    /// Looks inputs up by their declaration and remembers which were read, so an input nobody reads is caught, and
    /// so is a read of one the catalog does not declare as a generator input of that kind.
    /// </summary>
    private sealed class Reader
    {
        private readonly ILookup<string, GeneratorInput> byName;
        private readonly HashSet<string> read = new(StringComparer.Ordinal);

        public Reader(IEnumerable<GeneratorInput> inputs) => byName = inputs.ToLookup(i => i.Name, StringComparer.Ordinal);

        public IReadOnlyList<GeneratorInput> Items(Input input) => Entries(input, InputKind.Item);

        /// <summary>A property's value, trimmed; null when unset or blank.</summary>
        public string? Text(Input input) => MSBuildList.Blank(Entries(input, InputKind.Property).LastOrDefault()?.Value);

        public bool Flag(Input input) => string.Equals(Text(input), "true", StringComparison.OrdinalIgnoreCase);

        public IReadOnlyList<string> List(Input input) => MSBuildList.Split(Text(input));

        public void EnsureAllRead()
        {
            var unread = byName.Select(g => g.Key).Where(n => !read.Contains(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (unread.Count > 0)
            {
                throw new ArgumentException("Generator inputs nobody reads: " + string.Join(", ", unread));
            }
        }

        private IReadOnlyList<GeneratorInput> Entries(Input input, InputKind kind)
        {
            if (input.ReadBy != InputReader.Generator || input.Kind != kind)
            {
                throw new InvalidOperationException($"{input.Name} is declared as a {input.Kind} read by {input.ReadBy}, not a {kind} the generator reads.");
            }

            read.Add(input.Name);
            return byName[input.Name].ToList();
        }
    }
}
