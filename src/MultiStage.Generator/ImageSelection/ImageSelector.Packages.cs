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
        ProjectFacts facts, Channel channel, string registry, string finalImage, string baseImage, List<Diagnostic> diagnostics)
    {
        var final = ImageTable.FamilyOfImage(finalImage);
        var manager = final?.PackageManager ?? OsPackageManager.Apt;
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
}
