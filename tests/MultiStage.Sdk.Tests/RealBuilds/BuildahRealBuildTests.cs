using Xunit;
using Xunit.Abstractions;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// What podman and buildah users get: the net10.0 web app of <see cref="WebAppRealBuildTests"/> built with
/// <c>buildah bud --layers</c> (built once by <see cref="BuildahWebAppImage"/>) answers HTTP, and a source edit
/// reuses its restore layer ("Using cache"); and the shell-less stand-in fails a RUN in a chiseled stage on
/// buildah too. Every other check runs on BuildKit, the engine most users build with.
/// </summary>
[Collection(BuildahRealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.Buildah)]
public class BuildahRealBuildTests : IClassFixture<BuildahWebAppImage>
{
    private readonly BuildahWebAppImage web;
    private readonly ITestOutputHelper output;

    public BuildahRealBuildTests(BuildahWebAppImage web, ITestOutputHelper output)
    {
        this.web = web;
        this.output = output;
    }

    private static ContainerEngine Engine => ContainerEngine.Buildah;

    [SkippableFact]
    public void The_web_app_built_with_buildah_answers_HTTP_as_the_app_user()
    {
        Engine.RequireOrSkip();
        var build = web.FirstBuild(output);

        var config = build.Inspect();
        FinalImageChecks.AssertRunsAsNonRoot(config);
        FinalImageChecks.AssertMatchesDockerfile(config, build.Dockerfile);
        FinalImageChecks.AssertHoldsOnlyTheApp(build.ListFiles(), "/app", "App.dll", "App.deps.json", "App.runtimeconfig.json");
        WebAppRealBuildTests.AssertAnswers(build, 8080, WebAppImage.Greeting, output);
    }

    [SkippableFact]
    public void A_source_edit_reuses_the_restore_layer_on_buildah()
    {
        Engine.RequireOrSkip();
        web.FirstBuild(output);

        var rebuild = web.RebuildAfterSourceEdit(output);

        WebAppRealBuildTests.AssertSourceEditRebuild(rebuild, output);
    }

    /// <summary>Why a RUN in a chiseled final stage would be a real failure: the shell-less stand-in fails it as the real image does.</summary>
    [SkippableFact]
    public void A_RUN_on_a_chiseled_stand_in_fails_for_want_of_a_shell_on_buildah()
    {
        Engine.RequireOrSkip();
        PortAndStandInTests.AssertRunOnChiseledFails(Engine, output);
    }
}
