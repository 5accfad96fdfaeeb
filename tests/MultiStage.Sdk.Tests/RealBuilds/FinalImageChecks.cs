using System.Text.Json;
using Xunit;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>What every final image built from a generated Dockerfile must satisfy.</summary>
public static class FinalImageChecks
{
    /// <summary>The uid of the app user the official images define (APP_UID), which the generated USER names.</summary>
    public const string AppUser = "1654";

    private static readonly string[] BuildToolFiles = { "dotnet.dll", "MSBuild.dll", "Microsoft.Build.dll", "csc.dll", "NuGet.Commands.dll" };

    public static void AssertRunsAsNonRoot(ImageConfig config, string expectedUser = AppUser)
    {
        var user = config.User.Split(':')[0];
        Assert.False(user is "" or "0" or "root", $"The final image runs as root (User \"{config.User}\").");
        Assert.Equal(expectedUser, config.User);
    }

    /// <summary>
    /// The published app is there, and nothing of the build stage is: no SDK, no sources or project files,
    /// no obj/ or bin/ folders, no .git, no /src, no NuGet cache.
    /// </summary>
    public static void AssertHoldsOnlyTheApp(IReadOnlyList<string> files, string appFolder, params string[] expectedAppFiles)
    {
        var set = new HashSet<string>(files, StringComparer.Ordinal);
        foreach (var file in expectedAppFiles)
        {
            var path = appFolder.TrimEnd('/') + "/" + file;
            Assert.True(set.Contains(path), $"{path} is missing from the final image. Files under {appFolder}:\n{string.Join("\n", files.Where(f => f.StartsWith(appFolder + "/", StringComparison.Ordinal)))}");
        }

        var unwanted = files.Where(IsBuildLeftover).Take(20).ToList();
        Assert.True(unwanted.Count == 0, "The final image holds build-stage files:\n" + string.Join("\n", unwanted));
    }

    /// <summary>The image's entry point, default arguments and exposed ports are what the Dockerfile's final stage says.</summary>
    public static void AssertMatchesDockerfile(ImageConfig config, DockerfileText dockerfile)
    {
        var final = dockerfile.FinalInstructions;
        string[] JsonArray(string keyword) =>
            final.Where(i => i.StartsWith(keyword + " ", StringComparison.OrdinalIgnoreCase))
                .Select(i => JsonSerializer.Deserialize<string[]>(i[(keyword.Length + 1)..]) ?? Array.Empty<string>())
                .LastOrDefault() ?? Array.Empty<string>();
        var exposed = final.Where(i => i.StartsWith("EXPOSE ", StringComparison.OrdinalIgnoreCase))
            .SelectMany(i => i["EXPOSE ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => p.Contains('/') ? p : p + "/tcp")
            .Distinct(StringComparer.Ordinal)
            .OrderBy(p => p, StringComparer.Ordinal)
            .ToList();

        Assert.Equal(JsonArray("ENTRYPOINT"), config.Entrypoint);
        Assert.Equal(JsonArray("CMD"), config.Cmd);
        Assert.Equal(exposed, config.ExposedPorts);
    }

    /// <summary>No RUN after the last FROM: chiseled and distroless images have no shell, and a cross build cannot run target binaries.</summary>
    public static void AssertNoRunInFinalStage(DockerfileText dockerfile)
    {
        var runs = dockerfile.FinalInstructions.Where(i => i.StartsWith("RUN ", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(runs.Count == 0, $"The final image's stages ({dockerfile.FinalImage}) have RUN instructions:\n{string.Join("\n", runs)}\n\n{dockerfile.Text}");
    }

    private static bool IsBuildLeftover(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = segments.Length == 0 ? string.Empty : segments[^1];
        return path.StartsWith("/usr/share/dotnet/sdk", StringComparison.Ordinal)
            || path == "/src" || path.StartsWith("/src/", StringComparison.Ordinal)
            || path.StartsWith("/root/.nuget", StringComparison.Ordinal)
            || segments.Any(s => s is "obj" or ".git")
            || path.StartsWith("/app/", StringComparison.Ordinal) && segments.Contains("bin")
            || name.EndsWith(".cs", StringComparison.Ordinal)
            || name.EndsWith(".csproj", StringComparison.Ordinal)
            || name.EndsWith(".sln", StringComparison.Ordinal)
            || name.EndsWith(".slnx", StringComparison.Ordinal)
            || BuildToolFiles.Contains(name, StringComparer.Ordinal);
    }
}
