using System.Text.Json;
using MultiStage.Tests.Shared;

namespace MultiStage.Sdk.Tests.Infrastructure;

/// <summary>Lints Dockerfiles with the npm package dockerfile-utils.</summary>
public static class DockerfileLint
{
    /// <summary>Every problem dockerfile-utils reports for the file, as "line: message".</summary>
    public static IReadOnlyList<string> Problems(string dockerfilePath)
    {
        var (_, output) = NodeTools.RunScript("lint-dockerfiles.mjs", null, dockerfilePath);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith('{'))
            ?? throw new InvalidOperationException("dockerfile-utils printed no result:\n" + output);
        using var document = JsonDocument.Parse(line);
        return document.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("line").GetInt32()}: {p.GetProperty("message").GetString()}")
            .ToList();
    }

    public static void AssertClean(string dockerfilePath)
    {
        var problems = Problems(dockerfilePath);
        Xunit.Assert.True(problems.Count == 0, $"dockerfile-utils found problems in {dockerfilePath}:\n{string.Join("\n", problems)}\n\n{File.ReadAllText(dockerfilePath)}");
    }
}
