namespace MultiStage.Generator.Diagnostics;

// 4007-4009: the image archive (ContainerArchiveOutputPath).
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor ImageArchiveFailed = new(
        "MULTISTAGE4007", Error,
        "The image could not be written to the archive '{0}' (ContainerArchiveOutputPath): {1}");

    public static readonly DiagnosticDescriptor ArchiveHoldsOnePlatform = new(
        "MULTISTAGE4008", Error,
        "ContainerArchiveOutputPath '{0}' asks for an image archive, but the image is built for several platforms ({1}), and a docker-archive holds one. Build one platform for the archive (-p:MultiStageRuntimeIdentifiers=linux-x64), or leave ContainerArchiveOutputPath empty for the multi-platform build.");
}
