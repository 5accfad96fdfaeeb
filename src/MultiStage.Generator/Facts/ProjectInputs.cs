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
        var location = new ProjectLocation(
            read.Text("ProjectFile") ?? throw new ArgumentException("The generator inputs name no ProjectFile."),
            read.Text("MultiStageBuildContext"),
            read.Text("MultiStageDockerfilePath"),
            read.Items("ProjectReference").Select(r => r.Item).ToList())
        {
            BuildOutputFolders = read.Items("BuildOutputFolder").Select(f => f.Item).ToList(),
            ImageFiles = read.Items("MultiStageImageFile").Select(f => (f.Item, f.Metadata("Destination"), f.Metadata("Owner"))).ToList(),
            CaCertificates = read.Items("MultiStageCaCertificate").Select(c => (c.Item, IsTrue(c.Metadata("Runtime")))).ToList(),
            Fragments = read.Items("MultiStageDockerfileFragment").Select(f => (f.Item, f.Metadata("Point"))).ToList(),
        };
        var values = new ProjectFacts
        {
            AssemblyName = read.Text("AssemblyName") ?? string.Empty,
            TargetFramework = read.Text("TargetFramework") ?? string.Empty,
            IsMultiTargeted = read.List("TargetFrameworks").Count > 0,
            IsWebApp = read.Flag("MultiStageWebApp"),
            UsesAspNetCore = read.Flag("UsesAspNetCore"),
            SelfContained = read.Flag("SelfContained"),
            PublishAot = read.Flag("PublishAot"),
            PublishTrimmed = read.Flag("PublishTrimmed"),
            PublishSingleFile = read.Flag("PublishSingleFile"),
            InvariantGlobalization = read.Flag("InvariantGlobalization"),
            RuntimeIdentifiers = read.List("MultiStageRuntimeIdentifiers"),
            Ports = read.Items("ContainerPort").Select(p => new ContainerPort(p.Item, p.Metadata("Type"))).ToList(),
            EnvironmentVariables = read.Items("ContainerEnvironmentVariable").Select(e => new NameValue(e.Item, e.Value)).ToList(),
            Labels = Labels(read),
            AppCommandArgs = read.Items("ContainerAppCommandArgs").Select(a => a.Item).ToList(),
            DefaultArgs = read.Items("ContainerDefaultArgs").Select(a => a.Item).ToList(),
            ContainerUser = read.Text("ContainerUser"),
            ContainerWorkingDirectory = read.Text("ContainerWorkingDirectory"),
            ContainerRepository = read.Text("ContainerRepository"),
            ContainerFamily = read.Text("ContainerFamily"),
            ContainerBaseImage = read.Text("ContainerBaseImage"),
            BuildImage = read.Text("MultiStageBuildImage"),
            ImageRegistry = read.Text("MultiStageImageRegistry"),
            DockerfileSyntax = read.Text("MultiStageDockerfileSyntax"),
            PinDigests = read.Flag("MultiStagePinDigests"),
            OsPackages = read.Items("MultiStageOsPackage").Where(p => !IsBuildStage(p)).Select(p => p.Item).ToList(),
            BuildOsPackages = read.Items("MultiStageOsPackage").Where(IsBuildStage).Select(p => p.Item).ToList(),
            OsPackageStages = read.Items("MultiStageOsPackage").Select(p => (p.Item, p.Metadata("Stage"))).ToList(),
            WritableFolders = read.Items("MultiStageWritableFolder").Select(f => new WritableFolder(f.Item, IsTrue(f.Metadata("Volume")))).ToList(),
            RestoreWorkloads = read.Flag("MultiStageRestoreWorkloads"),
            AppLayers = read.Flag("MultiStageAppLayers"),
            IncrementalCompilation = read.Flag("MultiStageIncrementalCompilation"),
            HealthChecks = read.Items("ContainerHealthCheck")
                .Select(h => new HealthCheckItem(h.Item, h.Metadata("Interval"), h.Metadata("Timeout"), h.Metadata("StartPeriod"), h.Metadata("Retries")))
                .ToList(),
            ImageDigests = read.Items("MultiStageImageDigest")
                .GroupBy(d => d.Item, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Metadata("Digest").Trim(), StringComparer.Ordinal),
        };
        var client = new ClientSettings
        {
            Enabled = !string.Equals(read.Text("MultiStageClient"), "false", StringComparison.OrdinalIgnoreCase),
            ClientPath = read.Text("MultiStageClientPath"),
            SpaRoot = read.Text("SpaRoot"),
            BuildScript = read.Text("MultiStageClientBuildScript"),
            OutputPath = read.Text("MultiStageClientOutputPath"),
            Target = read.Text("MultiStageClientTarget"),
            NodeVersion = read.Text("MultiStageNodeVersion"),
            NodeImage = read.Text("MultiStageNodeImage"),
        };
        var nuGetSecret = bool.TryParse(read.Text("MultiStageNuGetSecret"), out var forced) ? forced : (bool?)null;
        var project = new ProjectInputs(
            location,
            values,
            client,
            nuGetSecret,
            !string.Equals(read.Text("MultiStageGenerateDockerignore"), "false", StringComparison.OrdinalIgnoreCase),
            read.Flag("MultiStageGenerateCompose"));
        read.EnsureAllRead();
        return project;
    }

    /// <summary>
    /// The labels from package metadata, then ContainerLabel, whose key (exactly: keys are case-sensitive) wins over a
    /// generated one. Multi-line descriptions are common, so a generated label's whitespace runs become one space;
    /// done here because in the targets a property function would take the value as part of its expression.
    /// </summary>
    private static IReadOnlyList<NameValue> Labels(Reader read)
    {
        var own = read.Items("ContainerLabel").Select(l => new NameValue(l.Item, l.Value)).ToList();
        return read.Items("GeneratedLabel")
            .Select(l => new NameValue(l.Item, Whitespace.Replace(l.Value, " ").Trim()))
            .Where(l => l.Value.Length > 0 && !own.Any(o => o.Name == l.Name))
            .Concat(own)
            .ToList();
    }

    private static bool IsTrue(string value) => string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    private static bool IsBuildStage(GeneratorInput package) => string.Equals(package.Metadata("Stage").Trim(), "build", StringComparison.OrdinalIgnoreCase);

    /// <summary>Looks inputs up by name and remembers which names were read, so an input nobody reads is caught.</summary>
    private sealed class Reader
    {
        private readonly ILookup<string, GeneratorInput> byName;
        private readonly HashSet<string> read = new(StringComparer.Ordinal);

        public Reader(IEnumerable<GeneratorInput> inputs) => byName = inputs.ToLookup(i => i.Name, StringComparer.Ordinal);

        public IReadOnlyList<GeneratorInput> Items(string name)
        {
            read.Add(name);
            return byName[name].ToList();
        }

        /// <summary>A property's value, trimmed; null when unset or blank.</summary>
        public string? Text(string name) => MSBuildList.Blank(Items(name).LastOrDefault()?.Value);

        public bool Flag(string name) => string.Equals(Text(name), "true", StringComparison.OrdinalIgnoreCase);

        public IReadOnlyList<string> List(string name) => MSBuildList.Split(Text(name));

        public void EnsureAllRead()
        {
            var unread = byName.Select(g => g.Key).Where(n => !read.Contains(n)).OrderBy(n => n, StringComparer.Ordinal).ToList();
            if (unread.Count > 0)
            {
                throw new ArgumentException("Generator inputs nobody reads: " + string.Join(", ", unread));
            }
        }
    }
}
