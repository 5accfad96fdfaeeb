using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

/// <summary>
/// A console app that restores a package from a private feed (nginx with Basic authentication on loopback, see
/// <see cref="AuthenticatedFeed"/>), its NuGet.config naming the credentials as %FEED_USER% and %FEED_TOKEN%.
/// The generated Dockerfile is built with Docker Engine's BuildKit (on the registry-less test engine) without the build secrets, with a wrong token and with the right
/// secrets, and the results are searched for the credential: every file and layer of the final and build-stage
/// images, their configuration and history, the build context as the builder sees it, and the build logs.
/// Built once by <see cref="PrivateFeedImages"/>.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
[Trait(Engines.Trait, Engines.BuildKit)]
public class PrivateFeedRealBuildTests : IClassFixture<PrivateFeedImages>
{
    private readonly PrivateFeedImages images;
    private readonly ITestOutputHelper output;

    public PrivateFeedRealBuildTests(PrivateFeedImages images, ITestOutputHelper output)
    {
        this.images = images;
        this.output = output;
    }

    [SkippableFact]
    public void The_generated_files_mount_the_credentials_as_secrets_and_hold_none()
    {
        RequireOrSkip();
        var run = images.Get(output);

        var dockerfile = run.Dockerfile.Text;
        Assert.Contains("    --mount=type=secret,id=nuget,target=/root/.nuget/NuGet/NuGet.Config \\\n", dockerfile);
        Assert.Contains("    --mount=type=secret,id=FEED_TOKEN \\\n", dockerfile);
        Assert.Contains("    --mount=type=secret,id=FEED_USER \\\n", dockerfile);
        Assert.Contains("    FEED_TOKEN=\"$(cat /run/secrets/FEED_TOKEN 2>/dev/null)\" \\\n", dockerfile);
        Assert.Contains("    FEED_USER=\"$(cat /run/secrets/FEED_USER 2>/dev/null)\" \\\n", dockerfile);
        Assert.Contains("--secret id=FEED_TOKEN,env=FEED_TOKEN --secret id=FEED_USER,env=FEED_USER", dockerfile);
        // %VARIABLE% credentials are not clear text: no MULTISTAGE1026.
        Assert.Empty(run.Generation.WarningCodes);

        var dockerignore = run.Repository.ReadFile(".dockerignore");
        foreach (var pattern in new[] { "**/.env", "**/.env.*", "**/secrets.json", "**/.git" })
        {
            Assert.Contains(pattern, dockerignore.Split('\n'));
        }

        foreach (var (name, text) in new[] { ("Dockerfile", dockerfile), (".dockerignore", dockerignore) })
        {
            foreach (var (what, needle) in run.Needles)
            {
                Assert.False(text.Contains(needle, StringComparison.Ordinal), $"The generated {name} holds the feed's {what}.");
            }
        }
    }

    [SkippableFact]
    public void Without_the_secrets_restore_in_the_image_fails_and_the_feed_serves_nothing()
    {
        RequireOrSkip();
        var run = images.Get(output);
        var build = run.WithoutSecrets;

        Assert.False(build.Succeeded, "The image built without the feed's credentials: restore did not need them.\n" + build.Describe());
        AssertStoppedAtRestore(build);
        var requests = run.WithoutSecretsRequests;
        output.WriteLine("Feed requests during the build without secrets:\n" + (requests.Count == 0 ? "(none)" : string.Join("\n", requests)));
        Assert.DoesNotContain(requests, r => r.Status == 200);
        Assert.DoesNotContain(requests, r => r.User == run.Feed.User);

        // The RUN sets FEED_USER and FEED_TOKEN to what the missing secrets hold: nothing. NuGet then refuses the
        // credentials before it asks the feed; were they left unset, the feed would refuse the literal %FEED_USER%.
        var emptyUser = build.Log.Contains("Value cannot be null or empty string. (Parameter 'username')", StringComparison.Ordinal);
        var refused = build.Log.Contains("401 (Unauthorized)", StringComparison.Ordinal) && requests.Any(r => r.Status == 401);
        output.WriteLine(emptyUser ? "Restore failed on the empty user name." : refused ? "The feed refused restore (401)." : "Restore failed otherwise.");
        Assert.True(emptyUser || refused, "Restore without the secrets failed for another reason than the missing credentials.\n" + build.Describe());
    }

    [SkippableFact]
    public void With_a_wrong_token_the_feed_refuses_restore_in_the_image_with_401()
    {
        RequireOrSkip();
        var run = images.Get(output);
        var build = run.WrongToken;

        Assert.False(build.Succeeded, "The image built with a wrong token: the feed does not check it.\n" + build.Describe());
        AssertStoppedAtRestore(build);
        Assert.Contains("401 (Unauthorized)", build.Log);
        var requests = run.WrongTokenRequests;
        output.WriteLine("Feed requests during the build with a wrong token:\n" + string.Join("\n", requests));
        // The secrets reached restore (the feed saw the user they carry), and the feed refused them.
        Assert.Contains(requests, r => r.Status == 401 && r.Path == "/v3/index.json" && r.User == run.Feed.User);
        Assert.DoesNotContain(requests, r => r.Status == 200);
    }

    [SkippableFact]
    public void With_the_secrets_restore_authenticates_and_the_app_prints_the_private_greeting()
    {
        RequireOrSkip();
        var run = images.Get(output);
        var build = run.WithSecrets;

        build.AssertSucceeded();
        // The failed build left no restore layer: this restore ran, with the secrets of this build.
        Assert.False(build.Step("dotnet restore").UsedCache, "Restore came from the layer cache.\n" + build.Describe());
        var requests = run.WithSecretsRequests;
        output.WriteLine("Feed requests during the build with secrets:\n" + string.Join("\n", requests));
        var nupkg = $"/v3/flatcontainer/{run.PackageId.ToLowerInvariant()}/{run.Version}/{run.PackageId.ToLowerInvariant()}.{run.Version}.nupkg";
        Assert.Contains(requests, r => r.Status == 200 && r.Path == nupkg && r.User == run.Feed.User);

        // The Dockerfile also mounts the "nuget" secret (a user-level NuGet.config), which this build did not pass:
        // BuildKit, like buildah, skips a secret mount that is not required and not given.
        Assert.Contains("--mount=type=secret,id=nuget,", build.Dockerfile.Text);
        Assert.DoesNotContain(run.WithSecretsArguments, s => s.Id == "nuget");

        foreach (var log in new[] { run.WithoutSecrets, run.WrongToken, run.WithSecrets, run.BuildStage })
        {
            foreach (var (what, needle) in run.Needles)
            {
                Assert.False(log.Log.Contains(needle, StringComparison.Ordinal), $"The {log.Engine.BuildCommand} log of {log.Tag} shows the feed's {what}.");
            }
        }

        var (exitCode, text) = RunningContainer.RunToCompletion(PrivateFeedImages.Engine, build.Tag, TimeSpan.FromMinutes(2));
        output.WriteLine(text.Trim());
        Assert.True(exitCode == 0, $"The app exited with {exitCode}:\n{text}");
        Assert.Contains(run.Greeting, text);
    }

    [SkippableFact]
    public void No_file_of_the_final_or_the_build_stage_image_holds_the_credential()
    {
        RequireOrSkip();
        var run = images.Get(output);
        run.WithSecrets.AssertSucceeded();
        run.BuildStage.AssertSucceeded();
        Assert.True(
            run.BuildStage.Steps.Where(s => !s.Instruction.StartsWith("FROM ", StringComparison.Ordinal)).All(s => s.UsedCache),
            "--target build did not come from the layer cache of the full build.\n" + run.BuildStage.Describe());

        foreach (var tag in new[] { run.WithSecrets.Tag, run.BuildStage.Tag })
        {
            var (search, secretMountPoints) = PrivateFeedImages.Engine.WithFileSystem(tag, root =>
            {
                var search = CredentialSearch.Run(root, run.Needles, run.Version);
                var leftovers = new[] { "FEED_USER", "FEED_TOKEN" }.Select(id => Path.Combine(root, "run", "secrets", id)).Where(File.Exists)
                    .Select(path => $"/run/secrets/{Path.GetFileName(path)} ({new FileInfo(path).Length} bytes)")
                    .ToList();
                return (search.RelativeTo(root), leftovers);
            });
            output.WriteLine($"{tag}: {search}; secret mount points left: {(secretMountPoints.Count == 0 ? "none" : string.Join(", ", secretMountPoints))}");
            search.AssertFoundControlOnly(tag);
        }

        // The restore step's NuGet cache mount (the download cache) outlives the build on the builder: it keeps what the
        // feed served, the package's listing among it, never the credential. A build that mounts the same cache copies it out.
        var cacheSearch = images.SearchNuGetCacheMount(output);
        output.WriteLine($"NuGet cache mount, {run.PackageId} {run.Version}: {cacheSearch}");
        cacheSearch.AssertFoundControlOnly("The NuGet cache mount");
    }

    [SkippableFact]
    public void No_layer_configuration_or_history_of_either_image_holds_the_credential()
    {
        RequireOrSkip();
        var run = images.Get(output);
        run.WithSecrets.AssertSucceeded();
        run.BuildStage.AssertSucceeded();

        foreach (var tag in new[] { run.WithSecrets.Tag, run.BuildStage.Tag })
        {
            var folder = Path.Combine(run.Folder, "pushed", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                var stopwatch = Stopwatch.StartNew();
                // docker save: every layer as the plain tar it is (whiteouts included) beside the manifest and the configuration.
                var exported = PrivateFeedImages.Engine.Export(tag, folder);
                var layers = exported.LayerPaths;
                var config = File.ReadAllText(exported.ConfigPath);
                Assert.NotEmpty(layers);
                foreach (var layer in layers)
                {
                    Assert.True(CredentialSearch.IsPlainTar(layer), $"Layer {Path.GetRelativePath(folder, layer)} of {tag} is not a plain tar: searching it would prove nothing.");
                }

                Assert.Contains("\"history\"", config);
                var search = CredentialSearch.Run(folder, run.Needles, run.Version).RelativeTo(folder);
                output.WriteLine($"{tag}: {layers.Count} layers ({new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length) / 1_000_000} MB), configuration and history pushed and searched in {stopwatch.Elapsed.TotalSeconds:0} s: {search}");
                search.AssertFoundControlOnly(tag);
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }

        // The build stage's history (docker history --no-trunc) shows the restore command, and only the names of the secrets.
        foreach (var tag in new[] { run.WithSecrets.Tag, run.BuildStage.Tag })
        {
            var history = PrivateFeedImages.Engine.History(tag);
            foreach (var (what, needle) in run.Needles)
            {
                Assert.False(history.Any(h => h.Contains(needle, StringComparison.Ordinal)), $"The history of {tag} holds the feed's {what}.");
            }
        }

        var restore = PrivateFeedImages.Engine.History(run.BuildStage.Tag).Single(c => c.Contains("dotnet restore", StringComparison.Ordinal));
        output.WriteLine("The restore step in the build stage's history: " + restore);
        Assert.Contains("FEED_TOKEN=\"$(cat /run/secrets/FEED_TOKEN 2>/dev/null)\"", restore);
    }

    [SkippableFact]
    public void The_build_context_copy_leaves_local_secrets_behind()
    {
        RequireOrSkip();
        var run = images.Get(output);

        // The repository does hold the credential (local files a developer keeps), so the search below can find it.
        var planted = CredentialSearch.FilesContaining(run.Repository.Root, run.Needles)
            .Select(f => Path.GetRelativePath(run.Repository.Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        output.WriteLine("Files of the repository that hold the credential: " + string.Join(", ", planted));
        Assert.Equal(PrivateFeedImages.LocalSecretFiles.OrderBy(f => f, StringComparer.Ordinal), planted);

        Assert.True(run.ContextCopy.Succeeded, "Copying the build context failed:\n" + run.ContextCopy.Log);
        var (files, search) = PrivateFeedImages.Engine.WithFileSystem(run.ContextCopy.Tag, root => (
            Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Select(f => "/" + Path.GetRelativePath(root, f)).OrderBy(f => f, StringComparer.Ordinal).ToList(),
            CredentialSearch.Run(root, run.Needles, run.Version).RelativeTo(root)));
        output.WriteLine($"The build context as {PrivateFeedImages.Engine.BuildCommand} copies it ({run.ContextCopy.ContextBytes?.ToString("N0") ?? "?"} bytes sent): {string.Join(", ", files)}; {search}");

        foreach (var expected in new[] { "/context/NuGet.config", "/context/src/App/App.csproj", "/context/src/App/Program.cs", "/context/local-packages" })
        {
            Assert.Contains(expected, files);
        }

        foreach (var secret in PrivateFeedImages.LocalSecretFiles)
        {
            Assert.DoesNotContain("/context/" + secret, files);
        }

        Assert.DoesNotContain(files, f => f.Split('/').Contains(".git") || f.Split('/').Contains("obj") || f.Split('/').Contains("bin"));
        search.AssertFoundControlOnly("The build context");
    }

    [SkippableFact]
    public void The_final_image_runs_as_non_root_and_holds_only_the_published_app()
    {
        RequireOrSkip();
        var run = images.Get(output);
        run.WithSecrets.AssertSucceeded();

        var config = run.WithSecrets.Inspect();
        FinalImageChecks.AssertRunsAsNonRoot(config);
        FinalImageChecks.AssertMatchesDockerfile(config, run.Dockerfile);
        FinalImageChecks.AssertNoRunInFinalStage(run.Dockerfile);

        var files = run.WithSecrets.ListFiles();
        FinalImageChecks.AssertHoldsOnlyTheApp(files, "/app", "App.dll", run.PackageId + ".dll");
        Assert.DoesNotContain(files, f => f.StartsWith("/usr/share/dotnet/sdk", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Split('/').Contains("obj") || f.Split('/').Contains(".git"));
        Assert.DoesNotContain(files, f => f == "/src" || f.StartsWith("/src/", StringComparison.Ordinal) || f.StartsWith("/root/.nuget", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => string.Equals(Path.GetFileName(f), "nuget.config", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, f => Path.GetFileName(f).EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase));
    }

    private static void AssertStoppedAtRestore(ImageBuild build)
    {
        Assert.Contains("dotnet restore", build.FailedStep?.Instruction);
        Assert.DoesNotContain(build.Steps, s => s.Instruction.Contains("dotnet publish", StringComparison.Ordinal));
    }

    private static void RequireOrSkip()
    {
        PrivateFeedImages.Engine.RequireOrSkip();
        AuthenticatedFeed.RequireOrSkip();
    }
}
