using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Facts;

namespace MultiStage.Generator.Plan;

/// <summary>The paths in the image, each parsed once (<see cref="ImagePath"/>): what the writers place.</summary>
internal sealed record ValidatedImagePaths(string WorkingDirectory, IReadOnlyList<ImageFile> ImageFiles, IReadOnlyList<WritableFolder> WritableFolders);

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

    // A trailing '-' makes apt-get remove the package, so "ca-certificates-" would take the trust store away; a
    // trailing lone '+' is apt's install marker. "++" ends real names (g++), so it stays.
    private static readonly Regex PackageName = new(@"^[A-Za-z0-9]([A-Za-z0-9+._:=~\-]*([A-Za-z0-9._:=~]|\+\+))?\z", RegexOptions.CultureInvariant);

    /// <summary>Adds a diagnostic for every value that cannot be placed; returns the ports that are valid.</summary>
    public static IReadOnlyList<PortSpec> Validate(ProjectFacts facts, List<Diagnostic> diagnostics) => Validate(facts, diagnostics, out _);

    /// <summary>As <see cref="Validate(ProjectFacts, List{Diagnostic})"/>, with the paths in the image parsed (valid ones only).</summary>
    public static IReadOnlyList<PortSpec> Validate(ProjectFacts facts, List<Diagnostic> diagnostics, out ValidatedImagePaths paths)
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

        var workingDirectory = ImagePlanner.DefaultWorkingDirectory;
        if (!string.IsNullOrEmpty(facts.ContainerWorkingDirectory))
        {
            var written = facts.ContainerWorkingDirectory!;
            if (!AbsoluteLinuxPath.IsMatch(written))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidWorkingDirectory.Create(written));
            }
            else if (ImagePath.Parse(written, ImagePathUse.WorkingDirectory, "/", out var refusal) is { } parsed)
            {
                workingDirectory = parsed.Value;
            }
            else
            {
                diagnostics.Add(DiagnosticDescriptors.ImagePathNotAllowed.Create("ContainerWorkingDirectory", written, refusal!));
            }
        }

        CheckPath("The project path", facts.ProjectPath, diagnostics);
        CheckPath("MultiStageDockerfilePath", facts.DockerfilePath, diagnostics);
        foreach (var path in facts.RestoreFiles.Concat(facts.RestoreFolders))
        {
            CheckPath("A file restore reads", path, diagnostics);
        }

        CheckPlaceable("AssemblyName", facts.AssemblyName, diagnostics);
        paths = ValidateCustomization(facts, workingDirectory, diagnostics);
        return ports;
    }

    /// <summary>The customization items: package names, stages, paths in the image, owners, fragments.</summary>
    private static ValidatedImagePaths ValidateCustomization(ProjectFacts facts, string workingDirectory, List<Diagnostic> diagnostics)
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

        foreach (var flag in facts.InvalidItemFlags)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidBooleanMetadata.Create(flag.ItemType, flag.Include, flag.Metadata, flag.Value));
        }

        var imageFiles = new List<ImageFile>();
        foreach (var file in facts.ImageFiles)
        {
            CheckPath("MultiStageImageFile", file.Source, diagnostics);
            var what = $"MultiStageImageFile '{file.Source}' Destination";
            if (!AbsoluteLinuxPath.IsMatch(file.Destination))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidImagePath.Create(what, file.Destination, "an absolute path"));
            }
            else if (ImagePath.Parse(file.Destination, ImagePathUse.CopyDestination, workingDirectory, out var refusal) is { } destination)
            {
                // A destination written with a final '/' is a folder the file goes into: keep saying so.
                imageFiles.Add(file with { Destination = destination.Value + (file.Destination.EndsWith("/", StringComparison.Ordinal) ? "/" : string.Empty) });
            }
            else
            {
                diagnostics.Add(DiagnosticDescriptors.ImagePathNotAllowed.Create(what, file.Destination, refusal!));
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

        var writableFolders = new List<WritableFolder>();
        foreach (var folder in facts.WritableFolders)
        {
            if (!ImagePath.IsPlain(folder.Path))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidImagePath.Create("MultiStageWritableFolder", folder.Path, "absolute, or relative to the working directory"));
            }
            else if (ImagePath.Parse(folder.Path, ImagePathUse.WritableFolder, workingDirectory, out var refusal) is { } path)
            {
                writableFolders.Add(folder with { Path = path.Value });
            }
            else
            {
                diagnostics.Add(DiagnosticDescriptors.ImagePathNotAllowed.Create("MultiStageWritableFolder", folder.Path, refusal!));
            }
        }

        foreach (var fragment in facts.Fragments)
        {
            CheckPath("MultiStageDockerfileFragment", fragment.Path, diagnostics);
            if (FragmentRules.Check(fragment, facts.DockerfileSyntax) is { } problem)
            {
                diagnostics.Add(problem);
            }
        }

        return new ValidatedImagePaths(workingDirectory, imageFiles, writableFolders);
    }

    private static IReadOnlyList<PortSpec> ValidatePorts(IEnumerable<ContainerPort> ports, List<Diagnostic> diagnostics)
    {
        var valid = new List<PortSpec>();
        foreach (var port in ports)
        {
            var spec = PortSpec.Parse(port.Port, port.Type, out var problem);
            if (problem == PortProblem.Number)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidPort.Create(port.Port));
            }
            else if (problem == PortProblem.Protocol)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidPortType.Create(port.Port, port.Type));
            }
            else if (spec is not null && !valid.Contains(spec))
            {
                valid.Add(spec);
            }
        }

        return valid;
    }

    private static void CheckPlaceable(string what, string value, List<Diagnostic> diagnostics)
    {
        if (DockerfileQuoting.FindUnplaceableCharacter(value) is { } c)
        {
            diagnostics.Add(DiagnosticDescriptors.UnplaceableValue.Create(what, value, DockerfileQuoting.DescribeCharacter(c)));
        }
    }

    private static void CheckPath(string what, string path, List<Diagnostic> diagnostics)
    {
        if (DockerfileQuoting.FindUnplaceablePathCharacter(path) is { } c)
        {
            diagnostics.Add(DiagnosticDescriptors.UnplaceableValue.Create(what, path, DockerfileQuoting.DescribeCharacter(c)));
        }
    }
}
