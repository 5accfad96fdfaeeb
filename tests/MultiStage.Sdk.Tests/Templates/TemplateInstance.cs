using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Sdk.Tests.Templates;

/// <summary>
/// What <c>dotnet new &lt;template&gt; -n &lt;name&gt;</c> created, at the root of a throwaway repository, as a user
/// gets it. The template's own global.json stays as it is (it pins the SDK version the templates were packed
/// with); the one change is the package source for the freshly packed SDK, which is not on nuget.org: the
/// repository's <c>local-packages/</c> folder, added to the template's NuGet.config or, when it has none, in one
/// of its own beside the project. Both sit inside the build context, so the generated Dockerfile restores from
/// them too.
/// </summary>
public sealed class TemplateInstance
{
    private static readonly Regex CompilerOrBuildWarning = new(@": warning [A-Za-z]+[0-9]+", RegexOptions.CultureInvariant);

    private TemplateInstance(string template, string name, TestRepository repository, string creation)
    {
        Template = template;
        Name = name;
        Repository = repository;
        CreationOutput = creation;
    }

    public string Template { get; }

    public string Name { get; }

    public TestRepository Repository { get; }

    public string CreationOutput { get; }

    public string Root => Repository.Root;

    public static TemplateInstance Create(string template, string name, IEnumerable<string> options)
    {
        var repository = TestRepository.Create(template, markAsRepositoryRoot: false);

        // The template writes these two itself; the repository's stand-ins would only be in its way.
        File.Delete(repository.PathOf("global.json"));
        File.Delete(repository.PathOf("NuGet.config"));

        var arguments = new List<string> { template, "-n", name, "-o", repository.Root, "--no-update-check" };
        arguments.AddRange(options);
        var creation = TemplatesPackage.New(repository.Root, arguments.ToArray());
        Assert.True(creation.Succeeded, $"dotnet new {string.Join(' ', arguments)} failed:\n{creation.Output}");

        AddLocalFeed(repository);
        return new TemplateInstance(template, name, repository, creation.Output);
    }

    /// <summary>The MultiStage.Sdk version the instance's global.json pins.</summary>
    public string PinnedSdkVersion()
    {
        using var document = JsonDocument.Parse(Repository.ReadFile("global.json"));
        return document.RootElement.GetProperty("msbuild-sdks").GetProperty("MultiStage.Sdk").GetString()!;
    }

    /// <summary>Runs <c>dotnet build</c> in the root (the project or the solution there) and asserts it succeeds without a single warning.</summary>
    public BuildResult BuildWithoutWarnings()
    {
        var result = Repository.Build();
        Assert.True(result.Succeeded, result.Output);
        var warnings = CompilerOrBuildWarning.Matches(result.Output).Select(m => m.Value).Distinct().ToList();
        Assert.True(warnings.Count == 0, $"The build of the {Template} instance warned ({string.Join(", ", warnings)}):\n{result.Output}");
        return result;
    }

    /// <summary>Every Dockerfile under the root, relative to it with forward slashes.</summary>
    public IReadOnlyList<string> Dockerfiles() =>
        Directory.EnumerateFiles(Root, "Dockerfile", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();

    private static void AddLocalFeed(TestRepository repository)
    {
        var path = repository.PathOf("NuGet.config");
        if (!File.Exists(path))
        {
            repository.WriteFile("NuGet.config", TestRepository.NuGetConfig(TestRepository.LocalFeedFolder));
            return;
        }

        var config = XDocument.Load(path);
        var sources = config.Root!.Element("packageSources")
            ?? throw new InvalidOperationException("The template's NuGet.config has no packageSources:\n" + config);
        var local = new XElement("add", new XAttribute("key", "local"), new XAttribute("value", TestRepository.LocalFeedFolder));
        if (sources.Element("clear") is { } clear)
        {
            clear.AddAfterSelf(local);
        }
        else
        {
            sources.AddFirst(local);
        }

        config.Save(path);
    }
}
