using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>One app layer of a final image: its folder in the build stage and the files its image layer holds.</summary>
public sealed record AppLayerContent(string Name, IReadOnlyList<string> Files);

/// <summary>The final stage's app layers (COPY --from=build /app/layers/NAME/), checked against the build stage's publish folder.</summary>
public static class AppLayerChecks
{
    private const string LayersFolder = "/app/layers/";
    private const string PublishFolder = "/app/publish";

    /// <summary>The layer names the final stage copies, in order (empty when it copies the publish folder as one layer).</summary>
    public static IReadOnlyList<string> LayerNames(DockerfileText dockerfile) =>
        dockerfile.FinalInstructions
            .Where(i => i.StartsWith("COPY --from=build " + LayersFolder, StringComparison.Ordinal))
            .Select(i => i["COPY --from=build ".Length..].Split(' ')[0][LayersFolder.Length..].TrimEnd('/'))
            .ToList();

    /// <summary>
    /// The final image's app folder is the build stage's publish folder, file for file and byte for byte (and with
    /// the same executable bits): the layers lose nothing and double nothing. The folder <paramref name="addedAfter"/>
    /// (where a JavaScript client's output is copied by its own COPY) is left out on both sides.
    /// </summary>
    public static void AssertAppIsThePublishFolder(ImageBuild build, ITestOutputHelper output, string? addedAfter = null)
    {
        Assert.NotEmpty(LayerNames(build.Dockerfile));
        var publish = build.Engine.Build(build.Dockerfile, build.Tag.Split(':')[0] + "-build-stage", output, new BuildOptions { Target = "build", Platform = build.Platform });
        publish.AssertSucceeded();
        var published = Fingerprints(publish.Engine, publish.Tag, PublishFolder);
        var workingDirectory = build.Inspect().WorkingDir;
        var app = Fingerprints(build.Engine, build.Tag, workingDirectory);
        if (addedAfter is not null)
        {
            bool Outside(KeyValuePair<string, string> file) => !file.Key.StartsWith(addedAfter.TrimEnd('/') + "/", StringComparison.Ordinal);
            app = app.Where(Outside).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            published = published.Where(Outside).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        }

        Assert.True(published.Count > 0, "The build stage's publish folder is empty.");
        var missing = published.Keys.Except(app.Keys).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var extra = app.Keys.Except(published.Keys).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var different = published.Keys.Intersect(app.Keys).Where(k => published[k] != app[k]).OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0 && different.Count == 0,
            $"The final image's {workingDirectory} is not the publish folder.\nMissing: {string.Join(", ", missing)}\nExtra: {string.Join(", ", extra)}\nDifferent: {string.Join(", ", different)}\n{build.Describe()}");
        output.WriteLine($"{build.Tag}: {workingDirectory} is the publish folder ({published.Count} files) in layers {string.Join(", ", LayerNames(build.Dockerfile))}.");
    }

    /// <summary>The files (paths below the working directory) of each app layer of the final image, in the final stage's order.</summary>
    public static IReadOnlyList<AppLayerContent> Layers(ImageBuild build)
    {
        var names = LayerNames(build.Dockerfile);
        var workingDirectory = build.Inspect().WorkingDir.TrimEnd('/') + "/";
        var folder = Path.Combine(Infrastructure.Repository.RunFolder, "layers", Guid.NewGuid().ToString("N"));
        try
        {
            var exported = build.Engine.Export(build.Tag, folder);
            using var config = JsonDocument.Parse(File.ReadAllText(exported.ConfigPath));

            // History entries with a layer line up with the image's layers, in order.
            var withLayer = config.RootElement.GetProperty("history").EnumerateArray()
                .Where(h => !(h.TryGetProperty("empty_layer", out var empty) && empty.GetBoolean()))
                .Select(h => h.TryGetProperty("created_by", out var by) ? by.GetString() ?? string.Empty : string.Empty)
                .ToList();
            Assert.Equal(withLayer.Count, exported.LayerPaths.Count);
            var result = new List<AppLayerContent>();
            foreach (var name in names)
            {
                var index = withLayer.FindLastIndex(c => c.Contains(LayersFolder + name + "/", StringComparison.Ordinal));
                var files = index < 0
                    ? new List<string>() // BuildKit keeps no layer for a COPY of an empty folder.
                    : FilesOfLayer(exported.LayerPaths[index]).Where(f => f.StartsWith(workingDirectory, StringComparison.Ordinal)).Select(f => f[workingDirectory.Length..]).ToList();
                result.Add(new AppLayerContent(name, files));
            }

            return result;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IReadOnlyList<string> FilesOfLayer(string layerTar)
    {
        var files = new List<string>();
        using var stream = File.OpenRead(layerTar);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                files.Add("/" + entry.Name.TrimStart('.', '/'));
            }
        }

        return files;
    }

    /// <summary>Relative path to SHA-256 and executable bit of every file in an image's folder.</summary>
    public static Dictionary<string, string> Fingerprints(ContainerEngine engine, string image, string folder) =>
        engine.WithFolder(image, folder, Fingerprints);

    /// <summary>Relative path to SHA-256 and executable bit of every file below a folder.</summary>
    private static Dictionary<string, string> Fingerprints(string folder)
    {
        Assert.True(Directory.Exists(folder), folder + " does not exist.");
        return Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .ToDictionary(
                f => Path.GetRelativePath(folder, f).Replace('\\', '/'),
                f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))
                    + (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(f) & UnixFileMode.UserExecute) != 0 ? " x" : string.Empty),
                StringComparer.Ordinal);
    }
}
