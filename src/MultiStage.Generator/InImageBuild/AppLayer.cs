using System.Collections.Generic;

namespace MultiStage.Generator.InImageBuild;

/// <summary>
/// The final stage's layers of the published app, in the order they are copied: what changes least first, so an
/// edit to the app rebuilds and sends only the last layer.
/// </summary>
internal enum AppLayer
{
    /// <summary>A self-contained app's .NET runtime (the runtime packs): changes with the .NET version only.</summary>
    Runtime,

    /// <summary>Assemblies and native files from NuGet packages: change when a package is added or updated.</summary>
    Packages,

    /// <summary>The output of the solution's referenced projects.</summary>
    Projects,

    /// <summary>The app itself: its assemblies, config, static web assets, and anything MSBuild does not attribute.</summary>
    App,
}

internal static class AppLayers
{
    /// <summary>Where the build stage puts the layers; the final stage copies each folder below it into /app.</summary>
    public const string BuildStageFolder = "/app/layers";

    /// <summary>The property that asks the SDK, inside the build stage, to split the publish folder into layers.</summary>
    public const string FolderProperty = "MultiStageAppLayersFolder";

    public static string FolderName(AppLayer layer) => layer switch
    {
        AppLayer.Runtime => "runtime",
        AppLayer.Packages => "packages",
        AppLayer.Projects => "projects",
        _ => "app",
    };

    /// <summary>The layers an app of this kind copies, in order: only a self-contained app carries the runtime, and Native AOT compiles the managed code of packages and projects into the app.</summary>
    public static IReadOnlyList<AppLayer> For(bool selfContained, bool nativeAot) =>
        nativeAot ? new[] { AppLayer.Packages, AppLayer.App }
        : selfContained ? new[] { AppLayer.Runtime, AppLayer.Packages, AppLayer.Projects, AppLayer.App }
        : new[] { AppLayer.Packages, AppLayer.Projects, AppLayer.App };
}
