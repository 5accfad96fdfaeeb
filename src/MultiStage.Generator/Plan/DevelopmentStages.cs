using System.Collections.Generic;

namespace MultiStage.Generator.Plan;

/// <summary>
/// The debug stage (MultiStageDebugStage): the final stage's app on <see cref="Image"/>, the app's runtime image
/// with a shell, and the .NET diagnostic tools from NuGet in a layer of their own.
/// </summary>
internal sealed record DebugStagePlan(string Image)
{
    /// <summary>The diagnostic tools, each a NuGet tool package of this name.</summary>
    public static readonly IReadOnlyList<string> Tools = new[] { "dotnet-counters", "dotnet-dump", "dotnet-gcdump", "dotnet-trace" };

    /// <summary>
    /// One version for every tool, so the same Dockerfile gives the same tools on every build. They target net8.0
    /// with RollForward=Major: they run on the runtime of any app from .NET 8 on.
    /// </summary>
    public const string ToolsVersion = "10.0.750501";

    /// <summary>Where the tools are, in the debug image (on PATH) and in the stage that installs them.</summary>
    public const string ToolsFolder = "/opt/dotnet-tools";

    /// <summary>The oldest .NET whose runtime runs the tools.</summary>
    public const int MinimumMajor = 8;
}

/// <summary>
/// The dev stage (MultiStageDevStage): restore on the SDK image, then dotnet watch on the sources the host mounts at
/// /src, where the build stage has them. <see cref="BuildOutputFolders"/> (each compiled project's bin/ and obj/,
/// relative to the context root) are volumes of their own over the mount, so the container keeps its restore and
/// build output apart from the host's.
/// </summary>
internal sealed record DevStagePlan(IReadOnlyList<string> BuildOutputFolders)
{
    /// <summary>Where the sources are mounted, the build stage's working directory.</summary>
    public const string SourceFolder = "/src";

    /// <summary>The build stage that the dev service runs.</summary>
    public const string StageName = "dev";

    /// <summary>Where user secrets and the HTTPS development certificate are read from, in the container (the SDK images' user is root).</summary>
    public const string UserSecretsFolder = "/root/.microsoft/usersecrets";

    public const string HttpsCertificateFolder = "/root/.aspnet/https";
}
