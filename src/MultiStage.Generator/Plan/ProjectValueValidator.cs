using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Facts;

namespace MultiStage.Generator.Plan;

/// <summary>
/// Checks every project-controlled value once, before anything is written: each is either placeable in its
/// Dockerfile position or reported with a code naming the property and the value.
/// </summary>
internal static class ProjectValueValidator
{
    // Anchored with \z, not '$': '$' also matches before a final line break, which would let "NAME\n" through.
    private static readonly Regex EnvironmentName = new(@"^[A-Za-z_][A-Za-z0-9_.\-]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex LabelKey = new(@"^[A-Za-z0-9][A-Za-z0-9._\-/]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex User = new(@"^([A-Za-z0-9_][A-Za-z0-9_.\-]*|\$APP_UID)(:[A-Za-z0-9_][A-Za-z0-9_.\-]*)?\z", RegexOptions.CultureInvariant);
    private static readonly Regex AbsoluteLinuxPath = new(@"^/[A-Za-z0-9_.\-/]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex LinuxPath = new(@"^[A-Za-z0-9_.\-/]+\z", RegexOptions.CultureInvariant);
    private static readonly Regex PackageName = new(@"^[A-Za-z0-9][A-Za-z0-9+._:=~\-]*\z", RegexOptions.CultureInvariant);

    /// <summary>Adds a diagnostic for every value that cannot be placed; returns the ports that are valid.</summary>
    public static IReadOnlyList<PortSpec> Validate(ProjectFacts facts, List<Diagnostic> diagnostics)
    {
        var ports = ValidatePorts(facts.Ports, diagnostics);

        foreach (var variable in facts.EnvironmentVariables)
        {
            if (!EnvironmentName.IsMatch(variable.Name))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidEnvironmentVariableName.Create(variable.Name));
            }

            CheckPlaceable($"ContainerEnvironmentVariable '{variable.Name}' Value", variable.Value, diagnostics);
        }

        foreach (var label in facts.Labels)
        {
            if (!LabelKey.IsMatch(label.Name))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidLabelKey.Create(label.Name));
            }

            CheckPlaceable($"ContainerLabel '{label.Name}' Value", label.Value, diagnostics);
        }

        if (!string.IsNullOrEmpty(facts.ContainerUser))
        {
            var user = facts.ContainerUser!;
            if (!User.IsMatch(user))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidContainerUser.Create(user));
            }
            else if (RootUser.IsRoot(user))
            {
                diagnostics.Add(DiagnosticDescriptors.RootUser.Create($"ContainerUser '{user}'"));
            }
        }

        RootUser.CheckAppUid(facts, diagnostics);

        if (!string.IsNullOrEmpty(facts.ContainerWorkingDirectory) && !AbsoluteLinuxPath.IsMatch(facts.ContainerWorkingDirectory!))
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidWorkingDirectory.Create(facts.ContainerWorkingDirectory!));
        }

        CheckPath("The project path", facts.ProjectPath, diagnostics);
        CheckPath("MultiStageDockerfilePath", facts.DockerfilePath, diagnostics);
        foreach (var path in facts.RestoreFiles.Concat(facts.RestoreFolders))
        {
            CheckPath("A file restore reads", path, diagnostics);
        }

        CheckPlaceable("AssemblyName", facts.AssemblyName, diagnostics);
        ValidateCustomization(facts, diagnostics);
        return ports;
    }

    /// <summary>The customization items: package names, stages, paths in the image, owners, fragments.</summary>
    private static void ValidateCustomization(ProjectFacts facts, List<Diagnostic> diagnostics)
    {
        foreach (var (package, stage) in facts.OsPackageStages)
        {
            if (!PackageName.IsMatch(package))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidOsPackage.Create(package));
            }

            if (stage.Trim().Length > 0 && !stage.Trim().Equals("final", StringComparison.OrdinalIgnoreCase) && !stage.Trim().Equals("build", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidOsPackageStage.Create(package, stage));
            }
        }

        foreach (var file in facts.ImageFiles)
        {
            CheckPath("MultiStageImageFile", file.Source, diagnostics);
            if (!AbsoluteLinuxPath.IsMatch(file.Destination))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidImagePath.Create($"MultiStageImageFile '{file.Source}' Destination", file.Destination, "an absolute path"));
            }

            if (file.Owner is { } owner && !owner.Equals("app", StringComparison.OrdinalIgnoreCase) && !User.IsMatch(owner))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidOwner.Create(file.Source, owner));
            }
        }

        foreach (var certificate in facts.CaCertificates)
        {
            CheckPath("MultiStageCaCertificate", certificate.Path, diagnostics);
        }

        foreach (var folder in facts.WritableFolders)
        {
            if (!LinuxPath.IsMatch(folder.Path))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidImagePath.Create("MultiStageWritableFolder", folder.Path, "absolute, or relative to the working directory"));
            }
        }

        foreach (var fragment in facts.Fragments)
        {
            CheckPath("MultiStageDockerfileFragment", fragment.Path, diagnostics);
            if (FragmentRules.FirstProblem(fragment.Lines) is { } problem)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidFragment.Create(fragment.Path, problem.Line, problem.Problem));
            }
        }
    }

    private static IReadOnlyList<PortSpec> ValidatePorts(IEnumerable<ContainerPort> ports, List<Diagnostic> diagnostics)
    {
        var valid = new List<PortSpec>();
        foreach (var port in ports)
        {
            var text = port.Port.Trim();
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > 65535)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidPort.Create(port.Port));
                continue;
            }

            var protocol = string.IsNullOrWhiteSpace(port.Type) ? "tcp" : port.Type.Trim().ToLowerInvariant();
            if (protocol is not ("tcp" or "udp"))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidPortType.Create(port.Port, port.Type));
                continue;
            }

            var spec = new PortSpec(number, protocol);
            if (!valid.Contains(spec))
            {
                valid.Add(spec);
            }
        }

        return valid;
    }

    private static void CheckPlaceable(string what, string value, List<Diagnostic> diagnostics)
    {
        if (DockerfileSyntax.FindUnplaceableCharacter(value) is { } c)
        {
            diagnostics.Add(DiagnosticDescriptors.UnplaceableValue.Create(what, value, DockerfileSyntax.DescribeCharacter(c)));
        }
    }

    private static void CheckPath(string what, string path, List<Diagnostic> diagnostics)
    {
        if (DockerfileSyntax.FindUnplaceablePathCharacter(path) is { } c)
        {
            diagnostics.Add(DiagnosticDescriptors.UnplaceableValue.Create(what, path, DockerfileSyntax.DescribeCharacter(c)));
        }
    }
}
