using MultiStage.Generator.ImageSelection;

namespace MultiStage.Generator.Sbom;

/// <summary>The package URL type, vendor and distribution of a base image's OS, for the OS packages the SDK adds.</summary>
internal sealed record OsDistribution(string PurlType, string Vendor, string Distro)
{
    /// <summary>From the image's family as its tag names it (the image table's families); null when the tag names none.</summary>
    public static OsDistribution? Of(string? image)
    {
        var family = image is null ? null : ImageTable.FamilyOfImage(image);
        var name = family?.Name ?? string.Empty;
        return name.StartsWith("noble", System.StringComparison.Ordinal) ? new OsDistribution("deb", "ubuntu", "ubuntu-24.04")
            : name.StartsWith("jammy", System.StringComparison.Ordinal) ? new OsDistribution("deb", "ubuntu", "ubuntu-22.04")
            : name.StartsWith("resolute", System.StringComparison.Ordinal) ? new OsDistribution("deb", "ubuntu", "ubuntu-26.04")
            : name.StartsWith("bookworm", System.StringComparison.Ordinal) ? new OsDistribution("deb", "debian", "debian-12")
            : name.StartsWith("alpine", System.StringComparison.Ordinal) ? new OsDistribution("apk", "alpine", "alpine")
            : name.StartsWith("azurelinux", System.StringComparison.Ordinal) ? new OsDistribution("rpm", "azurelinux", "azurelinux-3.0")
            : null;
    }
}
