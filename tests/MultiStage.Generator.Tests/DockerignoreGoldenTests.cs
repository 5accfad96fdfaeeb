using MultiStage.Generator.Client;
using MultiStage.Generator.Compose;
using MultiStage.Generator.ContainerBuilders;
using MultiStage.Generator.Diagnostics;
using MultiStage.Generator.Dockerfile;
using MultiStage.Generator.Dockerignore;
using MultiStage.Generator.Facts;
using MultiStage.Generator.ImageSelection;
using MultiStage.Generator.Infrastructure;
using MultiStage.Generator.Output;
using MultiStage.Generator.Plan;
using MultiStage.Generator.Tests.Infrastructure;
using Xunit;

namespace MultiStage.Generator.Tests;

/// <summary>Whole generated .dockerignore files, compared byte for byte with their golden files.</summary>
public class DockerignoreGoldenTests
{
    [Fact]
    public void A_new_dockerignore_matches_its_golden_file()
    {
        GoldenFile.AssertMatches("default.dockerignore", DockerignoreWriter.Write(null));
    }

    [Fact]
    public void A_rewritten_dockerignore_keeps_the_users_own_lines_and_matches_its_golden_file()
    {
        var existing = DockerignoreWriter.Write(null).Replace("**/obj/\n", string.Empty)
            + "# our own\n"
            + "data/*.csv\n"
            + "!data/seed.csv\n"
            + "\n"
            + "docs/\n"
            + "\n\n";

        GoldenFile.AssertMatches("with-user-lines.dockerignore", DockerignoreWriter.Write(existing));
    }
}
