using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Client;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Frameworks;
using MultiStage.Generator.Health;
using MultiStage.Generator.ImageSelection;

namespace MultiStage.Generator.Plan;

/// <summary>The plan, or the diagnostics that stopped it (warnings may come with a plan).</summary>
internal sealed record PlanResult(ImagePlan? Plan, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Turns collected facts into an <see cref="ImagePlan"/>: validates every value once, chooses the images, and
/// works out what the Dockerfile, compose and the image targets share. Pure: the same facts give the same plan.
/// </summary>
internal static partial class ImagePlanner
{
    public const string DefaultWorkingDirectory = "/app";

    private const int MaxImageNameLength = 128;
    private static readonly Regex RepositoryUnsafe = new("[^a-z0-9._/-]+", RegexOptions.CultureInvariant);
    private static readonly Regex SeparatorRun = new("[._-]+", RegexOptions.CultureInvariant);

    public static PlanResult Plan(ProjectFacts facts)
    {
        var diagnostics = new List<Diagnostic>();
        var validPorts = ProjectValueValidator.Validate(facts, diagnostics, out var paths);
        ClientStage.Validate(facts.Client, diagnostics, paths.WorkingDirectory);
        var syntax = facts.DockerfileSyntax is { } frontend ? ImageReference.Validate("MultiStageDockerfileSyntax", frontend, diagnostics) : null;

        var images = ImageSelector.Select(facts);
        diagnostics.AddRange(images.Diagnostics);
        var clientImage = facts.Client is { } client && images.Choice is not null
            ? ClientStage.SelectImage(facts, client, images.Choice.IsMusl, diagnostics)
            : null;
        var ports = PortSpec.Exposed(facts.IsWebApp, validPorts);
        var healthCheck = images.Choice is null ? null : HealthCheckPlanner.Plan(facts, ports, images.Choice.IsSelfContained, diagnostics);
        if (diagnostics.Any(d => d.IsError) || images.Choice is null)
        {
            return new PlanResult(null, diagnostics);
        }

        var major = TargetFrameworkMoniker.Parse(facts.TargetFramework).Major;
        var appOwner = AppOwner(facts.ContainerUser);
        var imageName = ImageName(facts.ContainerRepository);
        var debug = Debug(facts, images.Choice, major);
        var plan = new ImagePlan
        {
            Paths = new ProjectPaths(facts.ProjectPath, facts.DockerfilePath, facts.BuildOutputFolders),
            Images = images.Choice,
            Restore = Restore(facts),
            Publish = Publish(facts, images.Choice, major),
            Customization = Customization(facts, images.Choice, paths, appOwner),
            Tests = Tests(facts),
            Client = facts.Client,
            ClientImage = clientImage,
            DockerfileSyntax = syntax,
            Ports = ports,
            Environment = Environment(facts, ports, major),
            ServiceEnvironment = ServiceEnvironment(facts.EnvironmentVariables),
            Labels = facts.Labels,
            BuildLabels = BuildLabels.Plan(facts.BuildLabels, images.Choice.FinalImage),
            User = RootUser.Resolve(facts.ContainerUser),
            WorkingDirectory = paths.WorkingDirectory,
            EntryPoint = (images.Choice.IsSelfContained ? new[] { "./" + facts.AssemblyName } : new[] { "dotnet", facts.AssemblyName + ".dll" })
                .Concat(facts.AppCommandArgs)
                .ToList(),
            Command = facts.DefaultArgs,
            ImageName = imageName,
            ServiceName = ServiceName(imageName),
            Secrets = Secrets(facts),
            AppOwner = appOwner,
            HealthCheck = healthCheck,
            Debug = debug,
            Dev = Dev(facts),
            BaseImages = new[] { images.Choice.BuildImage, images.Choice.BaseImage, images.Choice.FinalImage, images.Choice.PartsImage, clientImage, debug?.Image }
                .Where(i => i is not null)
                .Select(i => ImageReference.Unpinned(i!, facts.ImageDigests))
                .OfType<string>()
                .Distinct(System.StringComparer.Ordinal)
                .OrderBy(i => i, System.StringComparer.Ordinal)
                .ToList(),
        };
        return new PlanResult(plan, diagnostics);
    }

    /// <summary>
    /// The repository name the image gets, from ContainerRepository (which the targets default to the lowercased
    /// assembly name): lowercased, runs of characters a repository name cannot hold made '-', at most 128 characters.
    /// </summary>
    public static string ImageName(string? repository)
    {
        var safe = ValidComponents(RepositoryUnsafe.Replace((repository ?? string.Empty).Trim().ToLowerInvariant(), "-"));
        // Registries cap a repository name at 255 characters; a name that long is an accident, not a choice.
        safe = safe.Length > MaxImageNameLength ? ValidComponents(safe.Substring(0, MaxImageNameLength)) : safe;
        return safe.Length == 0 ? "app" : safe;
    }

    /// <summary>
    /// Each '/'-separated component as Docker's rule wants it, [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*: a run of separators
    /// that is not one of those becomes '-', none leads or ends a component, and empty components are dropped.
    /// </summary>
    private static string ValidComponents(string name) =>
        string.Join("/", name.Split('/')
            .Select(c => SeparatorRun.Replace(c, m => m.Value is "." or "_" or "__" || m.Value.All(ch => ch == '-') ? m.Value : "-").Trim('-', '.', '_'))
            .Where(c => c.Length > 0));

    /// <summary>The owner for COPY --chown: ContainerUser (a user alone owns with its own group), else the images' app user.</summary>
    private static string AppOwner(string? containerUser)
    {
        if (string.IsNullOrEmpty(containerUser) || containerUser!.StartsWith("$", System.StringComparison.Ordinal))
        {
            return RootUser.AppUserId + ":" + RootUser.AppUserId;
        }

        return containerUser.Contains(":") ? containerUser : containerUser + ":" + containerUser;
    }


    private static IReadOnlyList<NameValue> Environment(ProjectFacts facts, IReadOnlyList<PortSpec> ports, int major)
    {
        var variables = facts.EnvironmentVariables.ToList();
        var tcp = ports.Where(p => p.Protocol == "tcp").Select(p => p.Number).ToList();
        var userSetsUrls = variables.Any(v => v.Name is "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_URLS");
        if (facts.IsWebApp && !userSetsUrls && tcp.Count > 0)
        {
            if (major >= 8 && !tcp.Contains(PortSpec.DefaultHttpPort))
            {
                // The images make Kestrel listen on 8080; EXPOSE alone would advertise a port nobody serves.
                variables.Insert(0, new NameValue("ASPNETCORE_HTTP_PORTS", tcp[0].ToString(CultureInfo.InvariantCulture)));
            }
            else if (major < 8)
            {
                // Before 8.0 the images listened on port 80 through ASPNETCORE_URLS.
                variables.Insert(0, new NameValue("ASPNETCORE_URLS", $"http://+:{tcp[0]}"));
            }
        }

        return variables;
    }

    private static IReadOnlyList<DockerfileSecret> Secrets(ProjectFacts facts) =>
        (facts.MountNuGetConfigSecret
                ? new[] { new DockerfileSecret(DockerfileSecret.NuGetConfigId, "src=$HOME/.nuget/NuGet/NuGet.Config") }
                : Enumerable.Empty<DockerfileSecret>())
            .Concat(facts.NuGetSecretVariables.Select(v => new DockerfileSecret(v, "env=" + v)))
            .ToList();
}
