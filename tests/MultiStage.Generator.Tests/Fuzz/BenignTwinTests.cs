using System.Text.RegularExpressions;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests.Fuzz;

/// <summary>The benign twin keeps what a writer may rely on, so the fuzz test's comparison blames only hostile values.</summary>
public class BenignTwinTests
{
    // Characters on both sides of '/', of the cache mount's set and outside it, astral ones, and folders nested or not.
    private static readonly string[] Paths =
    {
        "a", "a!", "a/x", "a!/b", "a/b/c", "a b/c", " lead/x", "trail /x", "~", "é", "😀", "中文/App.csproj", "a-b", "a.b", "a+b/c",
        "a,b", "App.csproj", "src/App/App.csproj", "src/App.Core/x", "src/App/", "src/App", "\"q\"/x", "--from=build/x", "a/", "",
    };

    private static readonly Regex Mountable = new(@"^[A-Za-z0-9._/+@-]*\z", RegexOptions.CultureInvariant);

    [Fact]
    public void A_path_image_sorts_as_the_path_does_and_so_do_their_folders()
    {
        static string Folder(string path) => path.LastIndexOf('/') is var slash and >= 0 ? path.Substring(0, slash) : string.Empty;
        foreach (var x in Paths)
        {
            foreach (var y in Paths)
            {
                Assert.Equal(Math.Sign(string.CompareOrdinal(x, y)), Math.Sign(string.CompareOrdinal(BenignTwin.PathImage(x), BenignTwin.PathImage(y))));
                Assert.Equal(Math.Sign(string.CompareOrdinal(Folder(x), Folder(y))), Math.Sign(string.CompareOrdinal(Folder(BenignTwin.PathImage(x)), Folder(BenignTwin.PathImage(y)))));
            }

            Assert.Equal(BenignTwin.PathImage(Folder(x)), Folder(BenignTwin.PathImage(x)));
            Assert.Equal(Mountable.IsMatch(x), Mountable.IsMatch(BenignTwin.PathImage(x)));
            Assert.True(PlacementRules.IsPlaceablePath(BenignTwin.PathImage(x)));
        }
    }

    [Fact]
    public void The_twin_keeps_items_switches_and_names_and_turns_tokens_back_into_the_values()
    {
        var hostile = Projects.Web("net10.0") with
        {
            EnvironmentVariables = new[] { new NameValue("A", "x\" && id && \""), new NameValue("B", "x\" && id && \"") },
            Labels = new[] { new NameValue("com.example.team", "$HOME") },
            AppCommandArgs = new[] { "", "\n" },
            Ports = new[] { new ContainerPort(" 8080\n", " TCP ") },
            SelfContained = true,
        };

        var twin = BenignTwin.Of(hostile);

        Assert.Equal(new[] { "A", "B" }, twin.Facts.EnvironmentVariables.Select(v => v.Name));
        Assert.Equal(twin.Facts.EnvironmentVariables[0].Value, twin.Facts.EnvironmentVariables[1].Value);
        Assert.Equal(2, twin.Facts.AppCommandArgs.Count);
        Assert.True(twin.Facts.SelfContained);
        Assert.Equal(new ContainerPort("8080", "tcp"), twin.Facts.Ports.Single());
        Assert.Equal("$HOME", twin.Restore(twin.Facts.Labels[0].Value));
        Assert.Equal("./" + hostile.AssemblyName, twin.Restore("./" + twin.Facts.AssemblyName));
        Assert.True(twin.Corresponds("x\" && id && \"", twin.Facts.EnvironmentVariables[0].Value));
        Assert.False(twin.Corresponds("x", twin.Facts.EnvironmentVariables[0].Value));
        Assert.DoesNotContain(Generate.Dockerfile(twin.Facts).Diagnostics, d => d.IsError);
    }

    [Fact]
    public void A_generated_Dockerfile_has_every_property_and_an_added_instruction_breaks_its_skeleton()
    {
        var facts = Projects.Web("net10.0") with
        {
            EnvironmentVariables = new[] { new NameValue("A", "x\" \\\"$HOME`id` ${X:-y}") },
            Labels = new[] { new NameValue("com.example.team", "<<EOF\t'") },
            AppCommandArgs = new[] { "\"]\nRUN id\n[\"" },
            RestoreFiles = new[] { "My App/a'b.props", "Über/x#y.props" },
            ProjectPath = "My App/$(id) a&b.csproj".Replace("$", string.Empty),
        };
        var result = Generate.Dockerfile(facts);
        var twin = BenignTwin.Of(facts);
        var benign = Generate.Dockerfile(twin.Facts);
        var tampered = result with { Text = result.Text!.Replace("\nENV A=", "\nRUN id\nENV A=", StringComparison.Ordinal) };
        var parsed = DockerfileAst.Parse(new[] { result.Text!, tampered.Text! });

        var problems = new List<string>();
        var check = DockerfileProperties.CheckDockerfile(facts, result, twin, benign, parsed[0], problems);
        var tamperedProblems = new List<string>();
        DockerfileProperties.CheckDockerfile(facts, tampered, twin, benign, parsed[1], tamperedProblems);

        Assert.Empty(problems);
        Assert.True(check.ComparedValues >= 6, $"{check.ComparedValues} values compared");
        Assert.Contains(tamperedProblems, p => p.StartsWith("skeleton:", StringComparison.Ordinal));
    }
}
