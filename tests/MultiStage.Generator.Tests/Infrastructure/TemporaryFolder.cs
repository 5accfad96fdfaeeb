using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;

namespace MultiStage.Generator.Tests.Infrastructure;

/// <summary>A fresh folder under the system temp folder, deleted on dispose. Paths are given with '/'.</summary>
public sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "multistage-generator-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>The absolute path of <paramref name="relative"/> ('/'-separated) inside the folder.</summary>
    public string PathOf(string relative) =>
        relative is "" or "." ? Root : Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>Writes a file, creating its folders.</summary>
    public string Write(string relative, string content = "")
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes a minimal project file, optionally with Import elements.</summary>
    public string WriteProject(string relative, params string[] imports) =>
        Write(relative, "<Project Sdk=\"Microsoft.NET.Sdk\">\n"
            + string.Concat(imports.Select(i => $"  <Import Project=\"{i}\" />\n"))
            + "</Project>\n");

    /// <summary>Writes an MSBuild props/targets file with Import elements.</summary>
    public string WriteProps(string relative, params string[] imports) =>
        Write(relative, "<Project>\n" + string.Concat(imports.Select(i => $"  <Import Project=\"{i}\" />\n")) + "</Project>\n");

    public string CreateFolder(string relative)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder does not affect other tests.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
