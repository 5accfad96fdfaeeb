namespace MultiStage.Generator.Diagnostics;

// 4025-4029: the registry cache of MultiStageContainerImage (MultiStageContainerCacheFrom, MultiStageContainerCacheTo).
// In a file of their own because DiagnosticDescriptors.cs is at the size limit; DiagnosticDescriptors.All reads every part.
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor CacheExportUnsupported = new(
        "MULTISTAGE4025", Error,
        "MultiStageContainerCacheTo '{0}' cannot be written by {1}: {2}.");

    public static readonly DiagnosticDescriptor CacheImportUnsupported = new(
        "MULTISTAGE4026", Error,
        "MultiStageContainerCacheFrom '{0}' cannot be read by {1}: {2}.");

    public static readonly DiagnosticDescriptor InvalidCacheLocation = new(
        "MULTISTAGE4027", Error,
        "{0} '{1}' names no build cache: {2}.");
}
