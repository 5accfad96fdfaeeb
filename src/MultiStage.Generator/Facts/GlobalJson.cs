using System;
using System.IO;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Facts;

/// <summary>Reads the SDK pin of a global.json.</summary>
internal static class GlobalJson
{
    /// <summary>The pinned SDK version and rollForward policy, or null when the file pins none (or cannot be read).</summary>
    public static GlobalJsonSdk? ReadSdk(string path)
    {
        try
        {
            var root = MiniJson.Parse(ProjectFiles.ReadAllText(path));
            var version = MiniJson.GetString(root, "sdk", "version");
            if (string.IsNullOrWhiteSpace(version))
            {
                return null;
            }

            return new GlobalJsonSdk(version!.Trim(), MiniJson.GetString(root, "sdk", "rollForward") ?? string.Empty);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            // The dotnet host reports a broken global.json itself.
            return null;
        }
    }
}
