using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Client;

/// <summary>
/// What a JavaScript project file (.esproj, Microsoft.VisualStudio.JavaScript.Sdk) says about its production build:
/// the folder it writes (BuildOutputFolder) and the npm script that writes it (ProductionBuildCommand, else BuildCommand).
/// </summary>
internal sealed record ClientProjectFile(string? OutputFolder, string? BuildScript)
{
    public const string Extension = ".esproj";

    private static readonly Regex ThisProjectFolder = new(@"\$\((MSBuildProjectDirectory|MSBuildThisFileDirectory)\)[\\/]?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // "npm run build", "pnpm run build", "yarn build", "yarn run build": the script name.
    private static readonly Regex ScriptCommand = new(@"^\s*(?:npm|pnpm|yarn)\s+(?:run(?:-script)?\s+)?(?<script>[^\s&|;]+)\s*\z", RegexOptions.CultureInvariant);

    public static bool IsJavaScriptProject(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The project's settings; nulls for what it does not set in a form readable without MSBuild.</summary>
    public static ClientProjectFile Read(string path)
    {
        XDocument document;
        try
        {
            document = ProjectFiles.LoadXml(path);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            return new ClientProjectFile(null, null);
        }

        string? Property(string name) =>
            document.Descendants().Where(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "PropertyGroup")
                .Select(e => e.Value.Trim()).LastOrDefault(v => v.Length > 0);

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var output = Property("BuildOutputFolder") is { } configured ? RelativeOutputFolder(folder, configured) : null;
        var command = Property("ProductionBuildCommand") ?? Property("BuildCommand");
        var script = command is null ? null : ScriptCommand.Match(command) is { Success: true } match ? match.Groups["script"].Value : null;
        return new ClientProjectFile(output, script);
    }

    /// <summary>BuildOutputFolder relative to the project folder, when it is written from the project folder or relative to it.</summary>
    private static string? RelativeOutputFolder(string projectFolder, string configured)
    {
        var path = ThisProjectFolder.Replace(configured, string.Empty);
        if (path.Contains("$(") || path.Contains("@(") || path.Contains("%("))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(projectFolder, path.Replace('\\', Path.DirectorySeparatorChar)));
        return ClientOutputPath.Normalize(BuildContext.Relative(projectFolder, full));
    }
}
