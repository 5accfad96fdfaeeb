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

// The instructions a Dockerfile must hold for given facts, and the images they name.
internal static partial class DockerfileExpectations
{
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
}
