using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Facts;

namespace MultiStage.Generator.ImageSelection;

/// <summary>
/// How the app's stages get what needs a shell to make (OS packages, a certificate bundle, folders owned by the app's
/// user): their family's package manager, and for a shell-less family (chiseled, distroless) the runtime-deps image of
/// the same OS with a shell, where such parts are made first and then copied over.
/// </summary>
internal static partial class ImageSelector
{
    private static (OsPackageManager Manager, string? ShellImage) SelectPartsImage(
        ProjectFacts facts, Channel channel, string registry, string finalImage, string baseImage, Family? family, List<Diagnostic> diagnostics)
    {
        var final = ImageTable.FamilyOfImage(finalImage);
        var manager = PackageManagerOf("ContainerBaseImage", finalImage, family, facts.OsPackages, diagnostics);
        var shellless = new[] { final, ImageTable.FamilyOfImage(baseImage) }.FirstOrDefault(f => f?.ShellFamily is not null);
        var needsShell = facts.OsPackages.Count > 0 || facts.CaCertificates.Any(c => c.Runtime) || facts.WritableFolders.Count > 0;
        if (shellless is null || !needsShell)
        {
            return (manager, null);
        }

        if (facts.OsPackages.Count > 0 && shellless.PackageManager == OsPackageManager.None)
        {
            var able = ImageTable.Families.Where(f => f.PackageManager != OsPackageManager.None).Select(f => f.Name);
            diagnostics.Add(DiagnosticDescriptors.OsPackagesNotInstallable.Create(
                string.Join(", ", facts.OsPackages.Select(p => $"'{p}'")), final?.ShellFamily is not null ? finalImage : baseImage, string.Join(", ", able)));
        }

        return (shellless.PackageManager == OsPackageManager.None ? ImageTable.FindFamily(shellless.ShellFamily!)?.PackageManager ?? manager : manager,
            Reference(registry, Repositories.RuntimeDeps, Tag(channel.TagPrefix, shellless.ShellFamily!)));
    }

    /// <summary>
    /// How a stage on <paramref name="image"/> installs packages: the family its tag names, else the one ContainerFamily
    /// (or a musl runtime identifier) names, else apt-get. An image that says alpine with neither would get apt-get,
    /// which Alpine has not: refused while it has packages to install (MULTISTAGE3008).
    /// </summary>
    private static OsPackageManager PackageManagerOf(string property, string image, Family? family, IReadOnlyList<string> packages, List<Diagnostic> diagnostics)
    {
        if ((ImageTable.FamilyOfImage(image) ?? family) is { } known)
        {
            return known.PackageManager;
        }

        if (packages.Count > 0 && image.IndexOf("alpine", System.StringComparison.OrdinalIgnoreCase) >= 0)
        {
            diagnostics.Add(DiagnosticDescriptors.OsPackageManagerUnknown.Create(property, image, string.Join(", ", packages.Select(p => $"'{p}'"))));
        }

        return OsPackageManager.Apt;
    }
}
