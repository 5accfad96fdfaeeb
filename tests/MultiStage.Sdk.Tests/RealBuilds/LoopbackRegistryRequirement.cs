namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>Whether a test may serve a <see cref="LoopbackRegistry"/> here.</summary>
internal static class LoopbackRegistryRequirement
{
    /// <summary>Skips the calling test when no registry can be served, or fails it when real builds are required.</summary>
    public static void RequireOrSkip() => Buildah.SkipUnlessRequired(LoopbackRegistry.UnavailableReason);
}
