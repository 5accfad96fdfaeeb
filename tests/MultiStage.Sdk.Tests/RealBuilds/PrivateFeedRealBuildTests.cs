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

/// <summary>What the builds of <see cref="PrivateFeedImages"/> left, for the tests to examine.</summary>
public sealed record PrivateFeedRun(
    string Folder,
    AuthenticatedFeed Feed,
    string PackageId,
    string Version,
    string Greeting,
    TestRepository Repository,
    BuildResult Generation,
    DockerfileText Dockerfile,
    ImageBuild WithoutSecrets,
    IReadOnlyList<FeedRequest> WithoutSecretsRequests,
    ImageBuild WrongToken,
    IReadOnlyList<FeedRequest> WrongTokenRequests,
    IReadOnlyList<(string Id, string File)> WithSecretsArguments,
    ImageBuild WithSecrets,
    IReadOnlyList<FeedRequest> WithSecretsRequests,
    ImageBuild BuildStage,
    ContextCopy ContextCopy)
{
    /// <summary>The credential in every form it could leak in: the token, the Basic header value, the user.</summary>
    public IReadOnlyList<(string What, string Needle)> Needles => new[]
    {
        ("token", Feed.Token),
        ("Basic credentials", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Feed.User}:{Feed.Token}"))),
        ("user", Feed.User),
    };
}

/// <summary>An image of the build context alone (FROM scratch, COPY . /context): what the builder received.</summary>
public sealed record ContextCopy(string Tag, int ExitCode, string Log, long? ContextBytes)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>
/// The private-feed app, generated and built once for all of <see cref="PrivateFeedRealBuildTests"/>: a build
/// without the secrets and one with a wrong token (both must fail at restore), one with the secrets, the build
/// stage alone (from the same layer cache) and a copy of the build context. Stops the feed and removes the images and the package's cache entry at the end.
/// </summary>
public sealed class PrivateFeedImages : IDisposable
{
    public const string PackageId = "Private.Greeting";

    /// <summary>Files a developer keeps beside the code that hold the feed's credential; the .dockerignore must keep them out.</summary>
    public static readonly IReadOnlyList<string> LocalSecretFiles = new[] { ".env", ".git/config", "src/App/.env.local", "src/App/secrets.json" };

    private readonly object gate = new();
    private readonly List<string> tags = new();
    private PrivateFeedRun? run;
    private Exception? failure;
    private AuthenticatedFeed? feed;
    private string? version;

    public PrivateFeedRun Get(ITestOutputHelper output)
    {
        lock (gate)
        {
            if (failure is not null)
            {
                throw new XunitException("Preparing the private-feed builds failed earlier: " + failure.Message);
            }

            if (run is not null)
            {
                output.WriteLine($"Reusing the private-feed builds ({run.WithSecrets.Tag}).");
                return run;
            }

            try
            {
                run = Build(output);
                return run;
            }
            catch (Exception e)
            {
                failure = e;
                throw;
            }
        }
    }

    /// <summary>The builder the private-feed images are built with.</summary>
    public static ContainerEngine Engine => ContainerEngine.BuildKit;

    public void Dispose()
    {
        feed?.Dispose();
        if (tags.Count > 0 && Engine.UnavailableReason is null && Environment.GetEnvironmentVariable("MULTISTAGE_KEEP_IMAGES") is not "1")
        {
            Engine.RemoveImages(tags);
        }
    }

    /// <summary>
    /// Searches the builder's NuGet cache mount (id=nuget, which the restore step mounted) for the credential and for
    /// this run's package version: a build that mounts the same cache copies it into an image, whose files are searched.
    /// The copy also drops this run's version from the cache mount: it helps no later build.
    /// </summary>
    internal CredentialSearchResult SearchNuGetCacheMount(ITestOutputHelper output)
    {
        var run = this.run ?? throw new InvalidOperationException("Build the private-feed images first.");
        var sdk = run.Dockerfile.Stages.First(s => string.Equals(s.Name, "build", StringComparison.OrdinalIgnoreCase)).BaseImage;
        var folder = Path.Combine(run.Folder, "cache-mount-copy");
        Directory.CreateDirectory(folder);
        var dockerfile = Path.Combine(folder, "Dockerfile");
        var package = PackageId.ToLowerInvariant();
        // The run's own id in the RUN line: no layer cache can answer it.
        File.WriteAllText(dockerfile,
            "# Build from this folder: docker build -f Dockerfile -t cache-mount-copy .\n"
            + $"FROM {sdk}\n"
            + "RUN --mount=type=cache,id=nuget,target=/nuget-cache \\\n"
            + $"    echo 'copy of the nuget cache mount for run {Guid.NewGuid():N}' && cp -a /nuget-cache /nuget-cache-copy \\\n"
            + $"    && find /nuget-cache -depth -path '*{package}*' -path '*{run.Version}*' -exec rm -rf {{}} + || true\n");
        var copy = Engine.Build(dockerfile, "private-feed-cache-mount", output);
        tags.Add(copy.Tag);
        copy.AssertSucceeded();
        return Engine.WithFileSystem(copy.Tag, root =>
        {
            var cached = Path.Combine(root, "nuget-cache-copy");
            Assert.True(Directory.Exists(cached), "The copy of the NuGet cache mount is missing.\n" + copy.Describe());
            return CredentialSearch.Run(cached, run.Needles, run.Version).RelativeTo(cached);
        });
    }

    private PrivateFeedRun Build(ITestOutputHelper output)
    {
        var total = Stopwatch.StartNew();
        var step = Stopwatch.StartNew();
        void Took(string what)
        {
            output.WriteLine($"{what}: {step.Elapsed.TotalSeconds:0.0} s");
            step.Restart();
        }

        RealBuildSession.Enter();
        var folder = Path.Combine(Repository.RunFolder, "private-feed-" + Guid.NewGuid().ToString("N")[..8]);
        // A version no other run has: restore in the image cannot be served from the builder's NuGet cache mount.
        version = "1.0.0-run." + Guid.NewGuid().ToString("N")[..12];
        var greeting = $"Hello from {PackageId} {version}, restored from the authenticated feed";
        var nupkg = AuthenticatedFeed.PackGreetingLibrary(Path.Combine(folder, "package"), PackageId, version, greeting);
        Took($"dotnet pack {PackageId} {version}");

        feed = AuthenticatedFeed.Start(Path.Combine(folder, "feed"), new[] { (PackageId, version, nupkg) });
        output.WriteLine($"Feed {feed.ServiceIndex} (nginx, Basic authentication for {feed.User}, {feed.Token.Length}-character token)");

        var repository = TestRepository.Create("realbuild-private-feed")
            .WriteFile("NuGet.config", NuGetConfig(feed.ServiceIndex))
            .WriteProject(
                "src/App/App.csproj",
                Projects.Console(items: $"<PackageReference Include=\"{PackageId}\" Version=\"{version}\" />"),
                $"Console.WriteLine({PackageId}.Greeter.Hello());\n");
        WriteLocalSecrets(repository, feed);
        var credentials = new Dictionary<string, string?> { ["FEED_USER"] = feed.User, ["FEED_TOKEN"] = feed.Token };
        var generation = repository.Dotnet("build", "src/App/App.csproj", credentials);
        if (!generation.Succeeded)
        {
            throw new XunitException($"dotnet build with the feed's credentials failed:\n{generation.Output}\n{feed.Describe()}");
        }

        Took("dotnet build (host restore from the feed, generation)");

        var dockerfile = DockerfileText.Read(repository.PathOf("src/App/Dockerfile"));
        Engine.EnsureStandIns(StandIns.BaseImages(dockerfile), output);
        Took("stand-ins");

        var secretArguments = SecretArguments(Path.Combine(folder, "secrets"), credentials);
        var wrongArguments = SecretArguments(
            Path.Combine(folder, "wrong-secrets"),
            new Dictionary<string, string?> { ["FEED_USER"] = feed.User, ["FEED_TOKEN"] = RandomNumberGenerator.GetHexString(64, lowercase: true) });

        // Without the secrets first, then with a wrong token: neither leaves a restore layer for the build with them.
        var before = feed.Requests().Count;
        var withoutSecrets = Build(dockerfile, "private-feed-no-secrets", output, new BuildOptions());
        var withoutSecretsRequests = feed.Requests().Skip(before).ToList();
        Took("build without secrets (expected to fail at restore)");

        before = feed.Requests().Count;
        var wrongToken = Build(dockerfile, "private-feed-wrong-token", output, new BuildOptions { Secrets = wrongArguments });
        var wrongTokenRequests = feed.Requests().Skip(before).ToList();
        Took("build with a wrong token (expected to fail at restore)");

        before = feed.Requests().Count;
        var withSecrets = Build(dockerfile, "private-feed", output, new BuildOptions { Secrets = secretArguments });
        var withSecretsRequests = feed.Requests().Skip(before).ToList();
        Took("build with secrets");

        var buildStage = Build(dockerfile, "private-feed-build-stage", output, new BuildOptions { Secrets = secretArguments, Target = "build" });
        Took("build --target build");

        // The context exactly as the builder receives it (.dockerignore applied), from a Dockerfile outside it.
        var copyFolder = Path.Combine(folder, "context-copy");
        Directory.CreateDirectory(copyFolder);
        var copyFile = Path.Combine(copyFolder, "Dockerfile");
        File.WriteAllText(copyFile, "FROM scratch\nCOPY . /context\n");
        var (copyTag, copyResult) = Engine.BuildWithoutStandIns(copyFile, dockerfile.ContextFolder, "private-feed-context", output);
        tags.Add(copyTag);
        var contextCopy = new ContextCopy(copyTag, copyResult.ExitCode, copyResult.Output, Engine.ContextBytes(copyResult.Output));
        Took("build of the context copy (FROM scratch, COPY . /context)");

        output.WriteLine($"Private-feed builds ready in {total.Elapsed.TotalSeconds:0} s.");
        return new PrivateFeedRun(
            folder, feed, PackageId, version, greeting, repository, generation, dockerfile,
            withoutSecrets, withoutSecretsRequests, wrongToken, wrongTokenRequests, secretArguments, withSecrets, withSecretsRequests, buildStage, contextCopy);
    }

    /// <summary>The generated Dockerfile built as every real build is, with secrets or a target. The image is removed when the class is done.</summary>
    private ImageBuild Build(DockerfileText dockerfile, string name, ITestOutputHelper output, BuildOptions options)
    {
        var build = Engine.Build(dockerfile, name, output, options);
        tags.Add(build.Tag);
        return build;
    }

    /// <summary>Writes the secrets as files outside the context (readable by their owner only) and returns them.</summary>
    private static IReadOnlyList<(string Id, string File)> SecretArguments(string folder, IReadOnlyDictionary<string, string?> secrets)
    {
        Directory.CreateDirectory(folder);
        var arguments = new List<(string Id, string File)>();
        foreach (var (id, value) in secrets)
        {
            var file = Path.Combine(folder, id);
            File.WriteAllText(file, value);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            arguments.Add((id, file));
        }

        return arguments;
    }

    private static string NuGetConfig(string privateFeed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local" value="{TestRepository.LocalFeedFolder}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
            <add key="private" value="{privateFeed}" allowInsecureConnections="true" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="local"><package pattern="MultiStage.*" /></packageSource>
            <packageSource key="private"><package pattern="Private.*" /></packageSource>
            <packageSource key="nuget.org"><package pattern="*" /></packageSource>
          </packageSourceMapping>
          <packageSourceCredentials>
            <private>
              <add key="Username" value="%FEED_USER%" />
              <add key="ClearTextPassword" value="%FEED_TOKEN%" />
            </private>
          </packageSourceCredentials>
        </configuration>

        """;

    /// <summary>Where developers keep a feed token beside the code: an env file, a git remote URL, user secrets.</summary>
    private static void WriteLocalSecrets(TestRepository repository, AuthenticatedFeed feed)
    {
        repository.WriteFile(".env", $"FEED_USER={feed.User}\nFEED_TOKEN={feed.Token}\n");
        repository.WriteFile(".git/config", $"[remote \"origin\"]\n\turl = http://{feed.User}:{feed.Token}@127.0.0.1:{feed.Port}/app.git\n");
        repository.WriteFile("src/App/.env.local", $"FEED_TOKEN={feed.Token}\n");
        repository.WriteFile("src/App/secrets.json", $"{{ \"Feed\": {{ \"User\": \"{feed.User}\", \"Token\": \"{feed.Token}\" }} }}\n");
    }
}

/// <summary>
/// What a search of a file tree found: files holding the credential, and files holding the control, a string
/// known to be there (the package version, in the app's deps.json), which shows the search reached the files.
/// </summary>
internal sealed record CredentialSearchResult(IReadOnlyList<(string File, string What)> Leaks, IReadOnlyList<string> Control)
{
    public CredentialSearchResult RelativeTo(string root) => new(
        Leaks.Select(l => ("/" + Path.GetRelativePath(root, l.File), l.What)).ToList(),
        Control.Select(f => "/" + Path.GetRelativePath(root, f)).ToList());

    public void AssertFoundControlOnly(string where)
    {
        Assert.True(Leaks.Count == 0, $"{where} holds the feed's credential:\n{string.Join("\n", Leaks.Select(l => $"{l.File}: {l.What}"))}");
        Assert.True(Control.Count > 0, $"The search of {where} did not even find the package version: it proves nothing.");
    }

    public override string ToString() =>
        $"credential in {Leaks.Count} files; control (package version) found in {string.Join(", ", Control.Take(3))}{(Control.Count > 3 ? $" and {Control.Count - 3} more" : string.Empty)}";
}

/// <summary>Searches file trees for a credential.</summary>
internal static class CredentialSearch
{
    /// <summary>
    /// Every file under <paramref name="folder"/> that contains one of the needles, bytes compared as they are
    /// (binary files too; links are not followed, devices and pipes are skipped).
    /// </summary>
    public static IReadOnlyList<string> FilesContaining(string folder, IEnumerable<(string What, string Needle)> needles) =>
        Grep(folder, needles.Select(n => n.Needle)).Select(m => m.File).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Searches for the needles and for <paramref name="control"/> in one pass.</summary>
    public static CredentialSearchResult Run(string folder, IReadOnlyList<(string What, string Needle)> needles, string control)
    {
        var matches = Grep(folder, needles.Select(n => n.Needle).Append(control));
        return new CredentialSearchResult(
            matches.Where(m => m.Match != control)
                .Select(m => (m.File, needles.FirstOrDefault(n => n.Needle == m.Match).What ?? "credential"))
                .Distinct()
                .ToList(),
            matches.Where(m => m.Match == control).Select(m => m.File).Distinct(StringComparer.Ordinal).ToList());
    }

    private static IReadOnlyList<(string File, string Match)> Grep(string folder, IEnumerable<string> needles)
    {
        // -o prints "file:match" for every match; no needle holds a colon, so the last one separates them.
        var arguments = new List<string> { "-r", "-o", "-F", "-a", "-D", "skip" };
        foreach (var needle in needles)
        {
            arguments.AddRange(new[] { "-e", needle });
        }

        arguments.AddRange(new[] { "--", folder });
        var result = ProcessRunner.Run("grep", arguments, Repository.RunFolder, timeout: TimeSpan.FromMinutes(5));
        // grep: 0 found, 1 found nothing, 2 could not read something (then the search proves nothing).
        if (result.ExitCode > 1)
        {
            throw new XunitException($"Searching {folder} failed ({result.ExitCode}):\n{result.Output}");
        }

        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.TrimEnd('\r'))
            .Select(line => (File: line[..line.LastIndexOf(':')], Match: line[(line.LastIndexOf(':') + 1)..]))
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// Whether the file is an uncompressed tar archive: POSIX "ustar" magic at offset 257, or nothing but the
    /// zero blocks that end an archive (an empty layer).
    /// </summary>
    public static bool IsPlainTar(string path)
    {
        var bytes = new byte[512];
        using var stream = File.OpenRead(path);
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read == bytes.Length && Encoding.ASCII.GetString(bytes, 257, 5) == "ustar")
        {
            return true;
        }

        if (stream.Length % 512 != 0 || stream.Length > 64 * 1024)
        {
            return false;
        }

        stream.Position = 0;
        int value;
        while ((value = stream.ReadByte()) >= 0)
        {
            if (value != 0)
            {
                return false;
            }
        }

        return true;
    }
}
