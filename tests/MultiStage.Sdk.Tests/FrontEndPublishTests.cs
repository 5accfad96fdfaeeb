using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using static MultiStage.Sdk.Tests.FrontEndTests;

namespace MultiStage.Sdk.Tests;

/// <summary>
/// What the image's .NET stage does with -p:MultiStageSkipClientBuild=true, through a real dotnet publish: the
/// project's own npm targets and a referenced .esproj stay out of it.
/// </summary>
public class FrontEndPublishTests
{
    private const string TemplateTargets = """
        <Target Name="DebugEnsureNodeEnv" BeforeTargets="Build" Condition=" '$(Configuration)' == 'Debug' And !Exists('$(SpaRoot)node_modules') ">
          <Error Text="npm install ran in the .NET build" />
        </Target>
        <Target Name="PublishRunWebpack" AfterTargets="ComputeFilesToPublish">
          <Error Text="npm run build ran in the .NET publish" />
        </Target>
        """;

    [Fact]
    public void The_SPA_template_npm_targets_do_not_run_in_the_image()
    {
        var project = Projects.Web(properties: "<SpaRoot>ClientApp\\</SpaRoot>").Replace("</Project>", TemplateTargets + "\n</Project>");
        var repository = TestRepository.Create("frontend-template-targets")
            .WriteProject("src/Web/Web.csproj", project, Projects.WebProgram())
            .WriteFile("src/Web/ClientApp/package.json", Vite)
            .WriteFile("src/Web/ClientApp/tsconfig.json", "{}");

        var inImage = repository.Dotnet("publish", "src/Web/Web.csproj", "-c", "Release", "-o", "out-image", "-p:GenerateDockerfile=false", "-p:MultiStageSkipClientBuild=true");
        var onHost = repository.Dotnet("publish", "src/Web/Web.csproj", "-c", "Release", "-o", "out-host", "-p:GenerateDockerfile=false");

        Assert.True(inImage.Succeeded, inImage.Output);
        Assert.True(repository.FileExists("out-image/Web.dll"));
        Assert.False(Directory.Exists(repository.PathOf("out-image/ClientApp")), "The client's sources were published as content.");
        Assert.False(onHost.Succeeded, "Without the switch the project's own npm target must still run.\n" + onHost.Output);
        Assert.Contains("npm run build ran in the .NET publish", onHost.Output);
    }

    [Fact]
    public void An_esproj_reference_is_neither_restored_nor_built_in_the_image()
    {
        // Without a version in global.json the JavaScript SDK cannot resolve: building the .esproj fails (MSB4236).
        var repository = WebApp(TestRepository.Create("frontend-esproj-skipped"), items: "<ProjectReference Include=\"../web.client/web.client.esproj\" ReferenceOutputAssembly=\"false\" />")
            .WriteFile("src/web.client/web.client.esproj", "<Project Sdk=\"Microsoft.VisualStudio.JavaScript.Sdk\">\n</Project>\n")
            .WriteFile("src/web.client/package.json", Vite);

        var restore = repository.Dotnet("restore", "src/Web/Web.csproj", "-p:MultiStageSkipClientBuild=true");
        var publish = repository.Dotnet("publish", "src/Web/Web.csproj", "--no-restore", "-c", "Release", "-o", "out", "-p:GenerateDockerfile=false", "-p:MultiStageSkipClientBuild=true");
        var control = repository.Dotnet("publish", "src/Web/Web.csproj", "--no-restore", "-c", "Release", "-o", "out-host", "-p:GenerateDockerfile=false");

        Assert.True(restore.Succeeded, restore.Output);
        Assert.True(publish.Succeeded, publish.Output);
        Assert.True(repository.FileExists("out/Web.dll"));
        Assert.False(control.Succeeded, "Without the switch publish must build the .esproj.\n" + control.Output);
        Assert.Contains("Microsoft.VisualStudio.JavaScript.Sdk", control.Output);
    }
}
