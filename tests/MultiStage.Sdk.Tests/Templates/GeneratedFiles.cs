using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests.Templates;

/// <summary>The options of one instantiation, as the test data writes them ("--framework net9.0 --port 5000").</summary>
public sealed record TemplateOptions(string Text)
{
    public IReadOnlyList<string> Arguments { get; } = Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public string Framework => Value("--framework") ?? "net10.0";

    public int Port => int.Parse(Value("--port") ?? "8080", System.Globalization.CultureInfo.InvariantCulture);

    public string? Family => Value("--family");

    public bool Aot => Arguments.Contains("--aot");

    private string? Value(string option)
    {
        var index = Arguments.ToList().IndexOf(option);
        return index >= 0 && index + 1 < Arguments.Count ? Arguments[index + 1] : null;
    }
}

/// <summary>Assertions on what a template instance's build generated and on the project the template wrote.</summary>
public static class GeneratedFiles
{
    public static void AssertDockerfile(
        TemplateInstance instance, string dockerfilePath, string assemblyName, TemplateOptions options, bool isWeb, string buildImage, string finalImage)
    {
        var dockerfile = instance.Repository.ReadFile(dockerfilePath);
        Assert.Contains($"FROM --platform=$BUILDPLATFORM {buildImage} AS build\n", dockerfile);
        Assert.Equal(finalImage, GeneratedDockerfile.FinalImage(dockerfile));
        Assert.Contains("USER 1654\n", dockerfile);
        Assert.Contains(
            options.Aot ? $"ENTRYPOINT [\"./{assemblyName}\"]\n" : $"ENTRYPOINT [\"dotnet\", \"{assemblyName}.dll\"]\n",
            dockerfile);

        // The template's global.json pins the SDK inside the image too: it is part of the restore layer.
        Assert.Contains(dockerfile.Split('\n'), line => line.StartsWith("COPY [", StringComparison.Ordinal) && line.Contains("\"global.json\""));

        if (isWeb)
        {
            Assert.Contains($"EXPOSE {options.Port}\n", dockerfile);
            Assert.Equal(options.Port != 8080, dockerfile.Contains($"ENV ASPNETCORE_HTTP_PORTS=\"{options.Port}\"\n"));
        }
        else
        {
            Assert.DoesNotContain("EXPOSE", dockerfile);
        }

        DockerfileLint.AssertClean(instance.Repository.PathOf(dockerfilePath));
    }

    /// <summary>
    /// The project file names MultiStage.Sdk without a version (global.json has it) and carries exactly the settings
    /// the options asked for; the target framework is in <paramref name="frameworkFile"/> (the project, or a solution's Directory.Build.props).
    /// </summary>
    public static void AssertProject(TemplateInstance instance, string projectPath, string frameworkFile, TemplateOptions options, bool hasPortOption)
    {
        var project = instance.Repository.ReadFile(projectPath);
        if (frameworkFile == "Directory.Build.props")
        {
            // A solution imports the SDK for every project; the project naming it too would import it twice (MSB4011).
            Assert.Contains("<Import Project=\"Sdk.props\" Sdk=\"MultiStage.Sdk\" />", instance.Repository.ReadFile("Directory.Build.props"));
            Assert.DoesNotContain("MultiStage.Sdk\"", project);
        }
        else
        {
            Assert.Matches("<Project Sdk=\"MultiStage.Sdk\">|<Sdk Name=\"MultiStage.Sdk\" />", project);
        }

        Assert.DoesNotContain("<!--#", project);
        Assert.Contains($"<TargetFramework>{options.Framework}</TargetFramework>", instance.Repository.ReadFile(frameworkFile));
        Assert.Equal(options.Aot, project.Contains("<PublishAot>true</PublishAot>"));
        Assert.Equal(options.Family is not null, project.Contains("<ContainerFamily>"));
        if (options.Family is not null)
        {
            Assert.Contains($"<ContainerFamily>{options.Family}</ContainerFamily>", project);
        }

        if (hasPortOption)
        {
            Assert.Equal(options.Port != 8080, project.Contains("<ContainerPort "));
            if (options.Port != 8080)
            {
                Assert.Contains($"<ContainerPort Include=\"{options.Port}\" Type=\"tcp\" />", project);
            }
        }
    }

    /// <summary>
    /// Visual Studio's "Container (Dockerfile)" launch profile, as Visual Studio writes it: a web app's with its HTTP
    /// port (what ASPNETCORE_HTTP_PORTS says in the container), and the project's own profile beside it.
    /// </summary>
    public static void AssertContainerLaunchProfile(TemplateInstance instance, string projectFolder, int? httpPort)
    {
        var path = (projectFolder.Length == 0 ? string.Empty : projectFolder + "/") + "Properties/launchSettings.json";
        using var settings = System.Text.Json.JsonDocument.Parse(instance.Repository.ReadFile(path));
        var profiles = settings.RootElement.GetProperty("profiles");
        var container = profiles.GetProperty("Container (Dockerfile)");
        Assert.Equal("Docker", container.GetProperty("commandName").GetString());
        Assert.Contains(profiles.EnumerateObject(), p => p.Value.GetProperty("commandName").GetString() == "Project");
        if (httpPort is { } port)
        {
            Assert.Equal(port.ToString(System.Globalization.CultureInfo.InvariantCulture), container.GetProperty("environmentVariables").GetProperty("ASPNETCORE_HTTP_PORTS").GetString());
            Assert.Equal("{Scheme}://{ServiceHost}:{ServicePort}", container.GetProperty("launchUrl").GetString());
            Assert.True(container.GetProperty("publishAllPorts").GetBoolean());
        }
    }

    public static void AssertPinsTheFreshSdk(TemplateInstance instance) =>
        Assert.Equal(SdkPackage.Version, instance.PinnedSdkVersion());
}
