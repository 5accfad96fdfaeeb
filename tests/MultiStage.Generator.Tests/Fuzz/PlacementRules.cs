using System.Globalization;
using System.Text.RegularExpressions;
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

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>
/// What each project value may hold, stated on its own (docs/diagnostics/MULTISTAGE1xxx): the fuzz test's oracle
/// for which values the generator must accept and which diagnostic must name each value it rejects.
/// </summary>
internal static class PlacementRules
{
    private const string PathForbidden = "\t*?[]\\$`";

    // Anchored with \z: '$' would also match before a final line break.
    private static readonly Regex EnvironmentName = new(@"^[A-Za-z_][A-Za-z0-9_.\-]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex LabelKey = new(@"^[A-Za-z0-9][A-Za-z0-9._\-/]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex User = new(@"^([A-Za-z0-9_][A-Za-z0-9_.\-]*|\$APP_UID)(:[A-Za-z0-9_][A-Za-z0-9_.\-]*)?\z", RegexOptions.CultureInvariant);
    private static readonly Regex AbsoluteLinuxPath = new(@"^/[A-Za-z0-9_.\-/]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex ImageReference = new(@"^[A-Za-z0-9][A-Za-z0-9._\-/:@+]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex Digest = new(@"^sha256:[0-9a-f]{64}\z", RegexOptions.CultureInvariant);

    /// <summary>A value the generator should have rejected, the code it must use, and text its message must contain.</summary>
    /// <param name="ImageSelection">Image selection stops at its first error, so one such violation may hide another.</param>
    public sealed record Violation(string Code, string Subject, bool ImageSelection = false);

    /// <summary>
    /// A character no quoted ENV or LABEL value can hold: C0 controls but tab, DEL, C1 controls (U+0085 is a line
    /// break to some readers) and the Unicode line and paragraph separators. Inside double quotes a Dockerfile has
    /// no escape for any of them.
    /// </summary>
    public static bool IsUnplaceable(char c) => (c < ' ' && c != '\t') || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029';

    public static bool IsPlaceableValue(string value) => !value.Any(IsUnplaceable);

    /// <summary>Paths also cannot hold tabs, glob characters or what the shell or COPY would expand.</summary>
    public static bool IsPlaceablePath(string path) => IsPlaceableValue(path) && path.IndexOfAny(PathForbidden.ToCharArray()) < 0;

    public static string PlaceableValue(string value) => new(value.Where(c => !IsUnplaceable(c)).ToArray());

    public static string PlaceablePath(string path) => new(path.Where(c => !IsUnplaceable(c) && PathForbidden.IndexOf(c) < 0).ToArray());

    /// <summary>A ContainerPort the generator accepts: the number and protocol it stands for, or null.</summary>
    public static (int Number, string Protocol)? ValidPort(ContainerPort port)
    {
        var text = port.Port.Trim();
        var significant = text.TrimStart('0');
        if (text.Length == 0 || significant.Length > 5 || !text.All(c => c is >= '0' and <= '9'))
        {
            return null;
        }

        var number = significant.Length == 0 ? 0 : int.Parse(significant, CultureInfo.InvariantCulture);
        if (number is < 1 or > 65535)
        {
            return null;
        }

        var protocol = string.IsNullOrWhiteSpace(port.Type) ? "tcp" : port.Type.Trim().ToLowerInvariant();
        return protocol is "tcp" or "udp" ? (number, protocol) : null;
    }

    public static bool IsValidImageReference(string image) => ImageReference.IsMatch(image);

    public static IReadOnlyList<Violation> Violations(ProjectFacts facts)
    {
        var violations = new List<Violation>();
        foreach (var port in facts.Ports)
        {
            if (ValidPort(port with { Type = "tcp" }) is null)
            {
                violations.Add(new("MULTISTAGE1010", $"ContainerPort '{port.Port}'"));
            }
            else if (ValidPort(port) is null)
            {
                violations.Add(new("MULTISTAGE1011", $"ContainerPort '{port.Port}' has Type"));
            }
        }

        foreach (var variable in facts.EnvironmentVariables)
        {
            if (!EnvironmentName.IsMatch(variable.Name))
            {
                violations.Add(new("MULTISTAGE1012", $"ContainerEnvironmentVariable '{variable.Name}'"));
            }

            if (!IsPlaceableValue(variable.Value))
            {
                violations.Add(new("MULTISTAGE1014", $"ContainerEnvironmentVariable '{variable.Name}' Value '"));
            }
        }

        foreach (var label in facts.Labels)
        {
            if (!LabelKey.IsMatch(label.Name))
            {
                violations.Add(new("MULTISTAGE1013", $"ContainerLabel '{label.Name}'"));
            }

            if (!IsPlaceableValue(label.Value))
            {
                violations.Add(new("MULTISTAGE1014", $"ContainerLabel '{label.Name}' Value '"));
            }
        }

        if (!string.IsNullOrEmpty(facts.ContainerUser) && !User.IsMatch(facts.ContainerUser))
        {
            violations.Add(new("MULTISTAGE1015", $"ContainerUser '{facts.ContainerUser}'"));
        }

        if (!string.IsNullOrEmpty(facts.ContainerWorkingDirectory) && !AbsoluteLinuxPath.IsMatch(facts.ContainerWorkingDirectory))
        {
            violations.Add(new("MULTISTAGE1016", $"ContainerWorkingDirectory '{facts.ContainerWorkingDirectory}'"));
        }
        else if (!string.IsNullOrEmpty(facts.ContainerWorkingDirectory) && ImagePathRules.IsRefused(facts.ContainerWorkingDirectory, ImagePathRules.Use.WorkingDirectory))
        {
            violations.Add(new("MULTISTAGE1055", $"ContainerWorkingDirectory '{facts.ContainerWorkingDirectory}'"));
        }

        if (!IsPlaceablePath(facts.ProjectPath))
        {
            violations.Add(new("MULTISTAGE1014", "The project path '"));
        }

        if (!IsPlaceablePath(facts.DockerfilePath))
        {
            violations.Add(new("MULTISTAGE1014", "MultiStageDockerfilePath '"));
        }

        if (facts.RestoreFiles.Concat(facts.RestoreFolders).Any(p => !IsPlaceablePath(p)))
        {
            violations.Add(new("MULTISTAGE1014", "A file restore reads '"));
        }

        if (!IsPlaceableValue(facts.AssemblyName))
        {
            violations.Add(new("MULTISTAGE1014", "AssemblyName '"));
        }

        if (facts.DockerfileSyntax is { } syntax && !IsValidImageReference(syntax.Trim()))
        {
            violations.Add(new("MULTISTAGE1024", $"MultiStageDockerfileSyntax '{syntax}'"));
        }

        if (!string.IsNullOrWhiteSpace(facts.ImageRegistry) && !ImageReference.IsMatch(facts.ImageRegistry.Trim().TrimEnd('/')))
        {
            violations.Add(new("MULTISTAGE1024", "MultiStageImageRegistry '", ImageSelection: true));
        }

        if (!string.IsNullOrWhiteSpace(facts.ContainerBaseImage) && !ImageReference.IsMatch(facts.ContainerBaseImage.Trim()))
        {
            violations.Add(new("MULTISTAGE1024", "ContainerBaseImage '", ImageSelection: true));
        }

        if (!string.IsNullOrWhiteSpace(facts.BuildImage) && !ImageReference.IsMatch(facts.BuildImage.Trim()))
        {
            violations.Add(new("MULTISTAGE1024", "MultiStageBuildImage '", ImageSelection: true));
        }

        if (facts.PinDigests && facts.ImageDigests.Values.Any(d => !Digest.IsMatch(d)))
        {
            violations.Add(new("MULTISTAGE3005", "MultiStageImageDigest '", ImageSelection: true));
        }

        return violations;
    }
}
