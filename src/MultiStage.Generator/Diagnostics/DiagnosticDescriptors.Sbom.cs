namespace MultiStage.Generator.Diagnostics;

// 4030-4034: the image's SBOM (ContainerGenerateSbom).
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor SbomNotCopied = new(
        "MULTISTAGE4030", Warning,
        "The image's SBOM ({0}) was not copied to '{1}': {2}. The image itself is built; set ContainerGenerateSbom=false if it should have none.");
}
