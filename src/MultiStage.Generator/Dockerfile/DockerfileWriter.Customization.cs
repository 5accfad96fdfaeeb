using System.Collections.Generic;
using System.Linq;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;

namespace MultiStage.Generator.Dockerfile;

/// <summary>
/// The customization items in the image: OS packages, certificate authorities, files of the context, folders the
/// app's user owns, and the user's own Dockerfile fragments. On an image with a shell they are made in place; on a
/// shell-less one (chiseled, distroless) a parts stage on the same OS with a shell makes them, and the app's stage
/// copies the result.
/// </summary>
internal sealed partial class DockerfileWriter
{
    private const string PartsRoot = "/parts";

    /// <summary>The parts stage's OS packages with their dependencies, one name a line (outside the copied folders).</summary>
    private const string PackageList = "/tmp/multistage-packages";

    /// <summary>
    /// A stage on the same OS with a shell that makes what a shell-less app stage needs: the certificate bundle, the
    /// writable folders, and the files of the OS packages (with their dependencies) that <paramref name="image"/> lacks.
    /// </summary>
    private void WritePartsStage(string stage, string image, bool takesParts)
    {
        if (!takesParts)
        {
            return;
        }

        Line($"# Parts stage: what the {(stage == "base-parts" ? "base" : "final")} stage's image has no shell to make, made on the same OS with one.");
        Line($"FROM {plan.Images.PartsImage} AS {stage}");
        WriteCertificateTrust(plan.Images.PackageManager, plan.Customization.RuntimeCaCertificates);
        if (plan.Customization.WritableFolders.Count > 0)
        {
            Line($"RUN mkdir -p {string.Join(" ", plan.Customization.WritableFolders.Select(f => DockerfileQuoting.ShellArgument(PartsRoot + "/writable" + f.Path)))}");
        }

        if (plan.Customization.OsPackages.Count > 0)
        {
            // The packages and everything they depend on, less the files the app's image has already: no shell runs there.
            var packages = string.Join(" ", plan.Customization.OsPackages.Select(DockerfileQuoting.ShellArgument));
            Line($"RUN --mount=type=bind,from={image},target=/target \\");
            Line("    apt-get update \\");
            Line($"    && apt-get install -y --no-install-recommends {packages} \\");
            Line($"    && mkdir -p {PartsRoot}/rootfs \\");
            Line($"    && apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances {packages} \\");
            Line($"        | grep '^[a-z0-9]' | sort -u > {PackageList} \\");
            Line($"    && xargs dpkg -L < {PackageList} 2>/dev/null | sort -u \\");
            Line("        | grep -v -e '^/usr/share/doc/' -e '^/usr/share/man/' -e '^/usr/share/info/' -e '^/usr/share/lintian/' \\");
            Line("        | while read -r path; do \\");
            Line("            real=\"$(readlink -f \"$(dirname \"$path\")\")/$(basename \"$path\")\"; \\");
            Line($"            if {{ [ -f \"$real\" ] || [ -L \"$real\" ]; }} && ! [ -e \"/target$real\" ] && ! [ -L \"/target$real\" ]; then cp -a --parents \"$real\" {PartsRoot}/rootfs; fi; \\");
            Line("          done \\");
            WritePackageRecords();
            Line("    && rm -rf /var/lib/apt/lists/*");
        }

        Line();
    }

    /// <summary>
    /// Records each package the parts stage copied files of, as distroless and chiseled images do: its dpkg status
    /// stanza in /var/lib/dpkg/status.d/PACKAGE, which Trivy and Syft read, so a scanner lists it with its version.
    /// A package none of whose files were copied, or that the app's image already records, gets no record.
    /// </summary>
    private void WritePackageRecords()
    {
        const string Records = PartsRoot + "/rootfs/var/lib/dpkg/status.d";
        Line("    && while read -r package; do \\");
        Line("            if ! [ -e \"/target/var/lib/dpkg/status.d/$package\" ] && ! grep -qsx \"Package: $package\" /target/var/lib/dpkg/status \\");
        Line("                && dpkg -L \"$package\" 2>/dev/null | while read -r path; do \\");
        Line("                    real=\"$(readlink -f \"$(dirname \"$path\")\")/$(basename \"$path\")\"; \\");
        Line($"                    if [ -f \"{PartsRoot}/rootfs$real\" ] || [ -L \"{PartsRoot}/rootfs$real\" ]; then echo \"$real\"; fi; \\");
        Line("                  done | grep -q .; then \\");
        Line($"                mkdir -p {Records} && dpkg-query -s \"$package\" > \"{Records}/$package\"; \\");
        Line("            fi; \\");
        Line($"          done < {PackageList} \\");
    }

    /// <summary>What the customization items put into an app stage (base, or a self-contained app's final stage), before USER.</summary>
    private void WriteAppStageCustomization(string partsStage, bool fromParts)
    {
        if (plan.Customization.OsPackages.Count > 0)
        {
            Line("# OS packages the app needs (MultiStageOsPackage).");
            if (fromParts)
            {
                Line($"COPY --from={partsStage} {DockerfileQuoting.CopyArray(new[] { PartsRoot + "/rootfs/", "/" })}");
            }
            else
            {
                WritePackageInstall(plan.Images.PackageManager, plan.Customization.OsPackages, comment: null);
            }
        }

        var runtimeCertificates = plan.Customization.RuntimeCaCertificates;
        if (runtimeCertificates.Count > 0)
        {
            Line("# Certificate authorities the app trusts (MultiStageCaCertificate Runtime=\"true\").");
            if (fromParts)
            {
                var bundle = TrustStore(plan.Images.PackageManager).Bundle;
                Line($"COPY --from={partsStage} {DockerfileQuoting.CopyArray(new[] { bundle, bundle })}");
            }
            else
            {
                WriteCertificateTrust(plan.Images.PackageManager, runtimeCertificates, comment: false);
            }
        }

        foreach (var file in plan.Customization.ImageFiles)
        {
            var chown = file.Owner is null ? string.Empty : $"--chown={file.Owner} ";
            Line($"COPY {chown}{DockerfileQuoting.CopyArray(new[] { file.Source, file.Destination })}");
        }

        if (plan.Customization.WritableFolders.Count > 0)
        {
            Line("# Folders the app writes to, owned by its user (MultiStageWritableFolder).");
            if (fromParts)
            {
                foreach (var folder in plan.Customization.WritableFolders)
                {
                    Line($"COPY --from={partsStage} --chown={plan.AppOwner} {DockerfileQuoting.CopyArray(new[] { PartsRoot + "/writable" + folder.Path + "/", folder.Path + "/" })}");
                }
            }
            else
            {
                var paths = string.Join(" ", plan.Customization.WritableFolders.Select(f => DockerfileQuoting.ShellArgument(f.Path)));
                Line($"RUN mkdir -p {paths} && chown {plan.AppOwner} {paths}");
            }

            var volumes = plan.Customization.WritableFolders.Where(f => f.Volume).Select(f => f.Path).ToList();
            if (volumes.Count > 0)
            {
                Line($"VOLUME {DockerfileQuoting.JsonArray(volumes)}");
            }
        }

        WriteFragments(FragmentPoint.BeforeAppCopy);
    }

    /// <summary>Certificate authorities trusted by the build stage (restore and anything else it runs over TLS).</summary>
    private void WriteBuildCertificates()
    {
        if (plan.Customization.CaCertificates.Count > 0)
        {
            Line("# Certificate authorities restore trusts (MultiStageCaCertificate), such as a TLS-inspecting proxy's.");
            WriteCertificateTrust(plan.Images.BuildPackageManager, plan.Customization.CaCertificates, comment: false);
        }
    }

    /// <summary>Copies the certificates into the system's trust anchors and rebuilds the bundle.</summary>
    private void WriteCertificateTrust(OsPackageManager manager, IReadOnlyList<CaCertificate> certificates, bool comment = true)
    {
        if (certificates.Count == 0)
        {
            return;
        }

        if (comment)
        {
            Line("# The certificate authorities the app trusts (MultiStageCaCertificate Runtime=\"true\"), added to the system bundle.");
        }

        var store = TrustStore(manager);
        for (var n = 0; n < certificates.Count; n++)
        {
            Line($"COPY {DockerfileQuoting.CopyArray(new[] { certificates[n].Path, store.Anchors + AnchorName(n, certificates[n].Path) })}");
        }

        Line($"RUN {store.Update}");
    }

    private void WritePackageInstall(OsPackageManager manager, IReadOnlyList<string> packages, string? comment)
    {
        if (packages.Count == 0)
        {
            return;
        }

        if (comment is not null)
        {
            Line(comment);
        }

        var names = string.Join(" ", packages.Select(DockerfileQuoting.ShellArgument));
        switch (manager)
        {
            case OsPackageManager.Apk:
                Line($"RUN apk add --no-cache {names}");
                break;
            case OsPackageManager.Tdnf:
                Line($"RUN tdnf install -y {names} \\");
                Line("    && tdnf clean all");
                break;
            default:
                Line("RUN apt-get update \\");
                Line($"    && apt-get install -y --no-install-recommends {names} \\");
                Line("    && rm -rf /var/lib/apt/lists/*");
                break;
        }
    }

    /// <summary>The fragments of one point, each introduced by where it comes from.</summary>
    private void WriteFragments(FragmentPoint point)
    {
        foreach (var fragment in plan.Customization.Fragments.Where(f => f.Point == point))
        {
            Line($"# From {fragment.Path} (MultiStageDockerfileFragment Point=\"{point}\").");
            var first = lineCount;
            foreach (var line in fragment.Lines)
            {
                Line(line);
            }

            splicedFragments.Add(new SplicedFragment(fragment.Path, first, lineCount - first));
        }
    }

    /// <summary>Where a family keeps added trust anchors, the command that rebuilds its bundle, and the bundle.</summary>
    private static (string Anchors, string Update, string Bundle) TrustStore(OsPackageManager manager) =>
        manager == OsPackageManager.Tdnf
            ? ("/etc/pki/ca-trust/source/anchors/", "update-ca-trust", "/etc/pki/tls/certs/ca-bundle.crt")
            : ("/usr/local/share/ca-certificates/multistage/", "update-ca-certificates", "/etc/ssl/certs/ca-certificates.crt");

    /// <summary>A name update-ca-certificates reads (*.crt), unique among the certificates.</summary>
    private static string AnchorName(int index, string path)
    {
        var name = path.Substring(path.LastIndexOf('/') + 1);
        var dot = name.LastIndexOf('.');
        return $"{index + 1}-{(dot > 0 ? name.Substring(0, dot) : name)}.crt";
    }
}
