using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Client;

/// <summary>
/// The folder a client's build script writes, relative to the client folder, when nothing names it: an output
/// option in the script itself, else the tool's convention (Create React App: build; Angular: angular.json's
/// outputPath; Vite, Vue CLI, webpack, Parcel, Rollup and most others: dist).
/// </summary>
internal static class ClientOutputPath
{
    public const string Default = "dist";

    private static readonly Regex OutputOption = new(
        @"(?:^|\s)--(?:outDir|out-dir|output-path|dist-dir)(?:=|\s+)(?:""(?<path>[^""]+)""|'(?<path>[^']+)'|(?<path>[^\s;&|]+))",
        RegexOptions.CultureInvariant);

    // Tools whose default output is not dist, by the command the script runs.
    private static readonly (Regex Command, string Output)[] Conventions =
    {
        (new Regex(@"\b(react-scripts|react-app-rewired|craco)\s+build\b", RegexOptions.CultureInvariant), "build"),
    };

    private static readonly Regex AngularBuild = new(@"\bng\s+build\b", RegexOptions.CultureInvariant);

    /// <summary>The output folder of <paramref name="script"/> (the build script's command) run in <paramref name="folder"/>.</summary>
    public static string Infer(string folder, string script)
    {
        if (OutputOption.Match(script) is { Success: true } option)
        {
            return Normalize(option.Groups["path"].Value);
        }

        foreach (var (command, output) in Conventions)
        {
            if (command.IsMatch(script))
            {
                return output;
            }
        }

        return AngularBuild.IsMatch(script) ? AngularOutput(folder) ?? Default : Default;
    }

    /// <summary>A path as a project may write it ("dist\browser\", "./build") in the form the Dockerfile uses.</summary>
    public static string Normalize(string path)
    {
        var normalized = path.Trim().Replace('\\', '/');
        while (normalized.StartsWith("./", StringComparison.Ordinal))
        {
            normalized = normalized.Substring(2);
        }

        normalized = normalized.Length > 1 ? normalized.TrimEnd('/') : normalized;
        return normalized.Length == 0 ? "." : normalized;
    }

    /// <summary>
    /// angular.json's build output for the default (or first application) project. The application builder
    /// (Angular 17+) writes the browser files to a "browser" folder below outputPath.
    /// </summary>
    private static string? AngularOutput(string folder)
    {
        var path = Path.Combine(folder, "angular.json");
        object? root;
        try
        {
            if (!ProjectFiles.FileExists(path))
            {
                return null;
            }

            root = MiniJson.Parse(ProjectFiles.ReadAllText(path));
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (root is not Dictionary<string, object?> workspace || !workspace.TryGetValue("projects", out var value) || value is not Dictionary<string, object?> projects || projects.Count == 0)
        {
            return null;
        }

        var name = MiniJson.GetString(root, "defaultProject") is { } named && projects.ContainsKey(named)
            ? named
            : projects.FirstOrDefault(p => MiniJson.GetString(p.Value, "projectType") == "application").Key ?? projects.Keys.First();
        var project = projects[name];
        var builder = MiniJson.GetString(project, "architect", "build", "builder") ?? string.Empty;
        var applicationBuilder = builder.EndsWith(":application", StringComparison.Ordinal);
        var options = MiniJson.Get(project, "architect", "build", "options");
        var outputPath = MiniJson.Get(options, "outputPath");
        if (outputPath is string text)
        {
            return Normalize(applicationBuilder ? text.TrimEnd('/', '\\') + "/browser" : text);
        }

        if (outputPath is Dictionary<string, object?> parts && MiniJson.GetString(parts, "base") is { } basePath)
        {
            var browser = MiniJson.GetString(parts, "browser") ?? "browser";
            return Normalize(browser.Length == 0 ? basePath : basePath.TrimEnd('/', '\\') + "/" + browser);
        }

        return applicationBuilder ? $"dist/{name}/browser" : $"dist/{name}";
    }
}
