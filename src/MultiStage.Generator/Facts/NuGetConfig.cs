using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Facts;

/// <summary>
/// What a NuGet.config says that matters to an image build: local folder sources, whether it has credentials,
/// the environment variables (%NAME%) it takes them from, and whether any are written out in clear text.
/// </summary>
internal sealed record NuGetConfig(
    string Path,
    IReadOnlyList<string> LocalSources,
    bool HasCredentials,
    IReadOnlyList<string> CredentialVariables,
    bool HasClearTextCredentials)
{
    private static readonly System.Text.RegularExpressions.Regex VariableReference =
        new(@"%([A-Za-z_][A-Za-z0-9_]*)%", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    public static bool IsNuGetConfigName(string fileName) => string.Equals(fileName, "nuget.config", StringComparison.OrdinalIgnoreCase);

    public static NuGetConfig Read(string path)
    {
        XDocument document;
        try
        {
            document = ProjectFiles.LoadXml(path);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // A config restore cannot read either; restore reports it better than we could.
            return new NuGetConfig(path, Array.Empty<string>(), false, Array.Empty<string>(), false);
        }

        var folder = System.IO.Path.GetDirectoryName(path)!;
        var sources = document.Root?.Element("packageSources")?.Elements("add")
            .Select(e => (string?)e.Attribute("value"))
            .Where(v => !string.IsNullOrWhiteSpace(v) && IsLocalFolder(v!))
            .Select(v => System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, v!.Replace('\\', System.IO.Path.DirectorySeparatorChar))))
            .ToList() ?? new List<string>();

        // Credentials, or %VARIABLE% references that stand for them, mean restore in the image needs a build secret.
        var credentials = document.Root?.Element("packageSourceCredentials")?.Descendants("add").ToList() ?? new List<XElement>();
        var variables = credentials
            .SelectMany(e => VariableReference.Matches((string?)e.Attribute("value") ?? string.Empty).Cast<System.Text.RegularExpressions.Match>())
            .Select(m => m.Groups[1].Value)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(v => v, StringComparer.Ordinal)
            .ToList();
        var clearText = credentials.Any(e =>
            ((string?)e.Attribute("key"))?.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0
            && (string?)e.Attribute("value") is { Length: > 0 } value
            && !VariableReference.IsMatch(value));
        return new NuGetConfig(path, sources, credentials.Count > 0, variables, clearText);
    }

    private static bool IsLocalFolder(string value) =>
        !value.Contains("://") && !value.Contains("%") && !value.Contains("$");
}
