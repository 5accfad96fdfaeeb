namespace MultiStage.Harness;

/// <summary>
/// A folder whose builds take MultiStage.Sdk from a package packed from this tree: the package in the folder's own
/// feed (so a generated Dockerfile can restore it too), global.json naming its version, NuGet.config naming the feed.
/// </summary>
public static class LocalFeed
{
    public const string Folder = "local-packages";

    public static string GlobalJson(string version, string? sdkPin = null) =>
        "{\n"
        + (sdkPin is null ? string.Empty : $"  \"sdk\": {{ {sdkPin} }},\n")
        + $"  \"msbuild-sdks\": {{ \"MultiStage.Sdk\": \"{version}\" }}\n}}\n";

    public static string NuGetConfig(string localFeed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{localFeed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
        </configuration>

        """;

    /// <summary>Puts the package in <paramref name="root"/>'s feed and writes the global.json and NuGet.config that name it.</summary>
    public static void AddTo(string root, string nupkg, string version)
    {
        Directory.CreateDirectory(Path.Combine(root, Folder));
        File.Copy(nupkg, Path.Combine(root, Folder, Path.GetFileName(nupkg)), overwrite: true);
        File.WriteAllText(Path.Combine(root, "global.json"), GlobalJson(version));
        File.WriteAllText(Path.Combine(root, "NuGet.config"), NuGetConfig(Folder));
    }
}
