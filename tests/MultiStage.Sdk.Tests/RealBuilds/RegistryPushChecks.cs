using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// What a push through <c>MultiStageContainerImage</c> must leave: every tag in the registry under the digest the
/// build reported (the MSBuild output and the result file in obj/ alike), and no trace of the password.
/// </summary>
internal static class RegistryPushChecks
{
    /// <summary>A target after MultiStageContainerImage that prints its outputs, as a pipeline step would read them.</summary>
    public const string ShowOutputsTarget = """
        <Target Name="ShowPushedImage" AfterTargets="MultiStageContainerImage">
          <Message Importance="high" Text="pushed-digest=[$(GeneratedContainerDigest)] pushed-names=[@(GeneratedContainerNames)]" />
        </Target>
        """;

    /// <summary>Logs in with the engine's own command, the password on standard input, as a CI step does.</summary>
    public static void Login(string executable, IEnumerable<string> arguments, string password, IDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var login = Process.Start(start)!;
        login.StandardInput.Write(password);
        login.StandardInput.Close();
        var output = login.StandardOutput.ReadToEndAsync();
        var error = login.StandardError.ReadToEnd();
        Assert.True(login.WaitForExit(60_000) && login.ExitCode == 0, $"{executable} {string.Join(' ', start.ArgumentList)} failed:\n{output.Result}\n{error}");
    }

    /// <summary>
    /// The digest the build printed through its MSBuild outputs equals the registry's for every tag and the result
    /// file's, and the names are registry/repository:tag. Returns the digest.
    /// </summary>
    public static string AssertPushed(BuildResult result, LoopbackRegistry registry, TestRepository repository, string project, string imageRepository, params string[] tags)
    {
        var shown = Regex.Match(result.Output, @"pushed-digest=\[(?<digest>[^\]]*)\] pushed-names=\[(?<names>[^\]]*)\]");
        Assert.True(shown.Success, "The build printed no outputs.\n" + result.Output);
        var digest = shown.Groups["digest"].Value;
        Assert.Matches("^sha256:[0-9a-f]{64}$", digest);
        var names = tags.Select(t => $"{registry.Address}/{imageRepository}:{t}").ToArray();
        Assert.Equal(names, shown.Groups["names"].Value.Split(';'));
        Assert.Equal(tags.OrderBy(t => t, StringComparer.Ordinal), registry.Tags(imageRepository));
        foreach (var tag in tags)
        {
            Assert.Equal(digest, registry.ManifestDigest(imageRepository, tag));
        }

        var resultFile = ResultFile(repository, project);
        Assert.True(File.Exists(resultFile), $"No result file at {resultFile}.\n{result.Output}");
        using var json = JsonDocument.Parse(File.ReadAllText(resultFile));
        Assert.Equal(digest, json.RootElement.GetProperty("digest").GetString());
        Assert.Equal(registry.Address, json.RootElement.GetProperty("registry").GetString());
        Assert.Equal(names, json.RootElement.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(tags, json.RootElement.GetProperty("tags").EnumerateArray().Select(n => n.GetString()));
        return digest;
    }

    /// <summary>
    /// The result file's configuration (GeneratedContainerConfiguration) describes the image as <paramref name="expected"/>,
    /// read elsewhere (the registry's blob, an archive): architecture, user, entry point, ports, environment and labels.
    /// </summary>
    public static void AssertConfiguration(TestRepository repository, string project, ImageConfig expected)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(ResultFile(repository, project)));
        var configuration = json.RootElement.GetProperty("configuration");
        Assert.Equal(JsonValueKind.Object, configuration.ValueKind);
        var reported = ImageConfig.FromJson(configuration.GetProperty("architecture").GetString()!, configuration.GetProperty("config"));
        Assert.Equal(expected.Architecture, reported.Architecture);
        Assert.Equal(expected.User, reported.User);
        Assert.Equal(expected.Entrypoint, reported.Entrypoint);
        Assert.Equal(expected.ExposedPorts, reported.ExposedPorts);
        Assert.Equal(expected.Environment, reported.Environment);
        Assert.Equal(expected.Labels, reported.Labels);
        Assert.NotEmpty(reported.Labels);
    }

    /// <summary>The password, alone or as the base64 of user:password an auth file holds, is in neither the log nor any file of the repository (obj/ among them).</summary>
    public static void AssertNoPasswordLeft(BuildResult result, LoopbackRegistry registry, TestRepository repository)
    {
        var secrets = new[] { registry.Password!, Convert.ToBase64String(Encoding.UTF8.GetBytes($"{registry.User}:{registry.Password}")) };
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, result.Output, StringComparison.Ordinal);
            foreach (var file in Directory.EnumerateFiles(repository.Root, "*", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                Assert.False(File.ReadAllText(file).Contains(secret, StringComparison.Ordinal), $"{file} holds the registry's password.");
            }
        }
    }

    /// <summary>A failed push: its code, and no result file claiming a push.</summary>
    public static void AssertFailedWith(BuildResult result, string code, string registryAddress, TestRepository repository, string project)
    {
        Assert.False(result.Succeeded, result.Output);
        Assert.Equal(new[] { code }, result.ErrorCodes);
        Assert.Contains($"'{registryAddress}' (ContainerRegistry)", result.Output);
        Assert.DoesNotContain("pushed-digest=", result.Output);
        Assert.False(File.Exists(ResultFile(repository, project)), "A failed push left a result file.");
    }

    /// <summary>
    /// The result file of the project's last MultiStageContainerImage, in its obj/ folder (obj/Debug/net10.0/, or
    /// below it in a folder of the runtime identifier): NAME.multistage.image-result.json.
    /// </summary>
    public static string ResultFile(TestRepository repository, string project)
    {
        var name = Path.GetFileNameWithoutExtension(project) + ".multistage.image-result.json";
        var obj = repository.PathOf(Path.Combine(Path.GetDirectoryName(project)!, "obj"));
        return Directory.Exists(obj) && Directory.GetFiles(obj, name, SearchOption.AllDirectories) is { Length: 1 } found
            ? found[0]
            : Path.Combine(obj, "Debug", "net10.0", name);
    }

    /// <summary>A loopback port nothing listens on: taken, then given back.</summary>
    public static int ClosedPort() => LoopbackProcess.FreePort();
}
