using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace MultiStage.Generator.Facts;

/// <summary>What a NuGet.config says that matters to an image build: local folder sources and credentials.</summary>
public sealed record NuGetConfig(string Path, IReadOnlyList<string> LocalSources, bool HasCredentials)
{
    public static bool IsNuGetConfigName(string fileName) => string.Equals(fileName, "nuget.config", StringComparison.OrdinalIgnoreCase);

    public static NuGetConfig Read(string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException)
        {
            // A config restore cannot read either; restore reports it better than we could.
            return new NuGetConfig(path, Array.Empty<string>(), false);
        }

        var folder = System.IO.Path.GetDirectoryName(path)!;
        var sources = document.Root?.Element("packageSources")?.Elements("add")
            .Select(e => (string?)e.Attribute("value"))
            .Where(v => !string.IsNullOrWhiteSpace(v) && IsLocalFolder(v!))
            .Select(v => System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, v!.Replace('\\', System.IO.Path.DirectorySeparatorChar))))
            .ToList() ?? new List<string>();

        // Credentials in the file, or %VARIABLE% references that stand for them, need a build secret.
        var hasCredentials = document.Root?.Element("packageSourceCredentials")?.HasElements == true;
        return new NuGetConfig(path, sources, hasCredentials);
    }

    private static bool IsLocalFolder(string value) =>
        !value.Contains("://") && !value.Contains("%") && !value.Contains("$");
}
