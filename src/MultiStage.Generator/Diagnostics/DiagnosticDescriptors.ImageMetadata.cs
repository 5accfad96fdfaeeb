namespace MultiStage.Generator.Diagnostics;

// 4020-4024: the image's build metadata (labels from build arguments, MultiStageReproducible).
internal static partial class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor ReproducibleWithoutTimestamp = new(
        "MULTISTAGE4020", Error,
        "MultiStageReproducible is true, but the image's timestamp is unknown: {0}. Set SOURCE_DATE_EPOCH to a whole number of seconds since 1970 (the commit's: git log -1 --format=%ct), build from a git clone with its history, or leave MultiStageReproducible unset.");
}
