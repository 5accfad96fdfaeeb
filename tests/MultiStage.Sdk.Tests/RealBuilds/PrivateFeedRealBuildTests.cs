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
/// The generated Dockerfile is built with buildah without the build secrets, with a wrong token and with the right
/// secrets, and the results are searched for the credential: every file and layer of the final and build-stage
/// images, their configuration and history, the build context as the builder sees it, and the build logs.
/// Built once by <see cref="PrivateFeedImages"/>.
/// </summary>
[Collection(RealBuildCollection.Name)]
[Trait("Category", RealBuildCollection.Category)]
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
        // buildah, like BuildKit, skips a secret mount that is not required and not given.
        Assert.Contains("--mount=type=secret,id=nuget,", build.Dockerfile.Text);
        Assert.DoesNotContain(run.WithSecretsArguments, a => a.StartsWith("id=nuget,", StringComparison.Ordinal));

        foreach (var log in new[] { run.WithoutSecrets, run.WrongToken, run.WithSecrets, run.BuildStage })
        {
            foreach (var (what, needle) in run.Needles)
            {
                Assert.False(log.Log.Contains(needle, StringComparison.Ordinal), $"The buildah log of {log.Tag} shows the feed's {what}.");
            }
        }

        var (exitCode, text) = RunningContainer.RunToCompletion(build.Tag, TimeSpan.FromMinutes(2));
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
        Assert.True(run.BuildStage.Steps.Skip(1).All(s => s.UsedCache), "--target build did not come from the layer cache of the full build.\n" + run.BuildStage.Describe());

        foreach (var tag in new[] { run.WithSecrets.Tag, run.BuildStage.Tag })
        {
            var (search, secretMountPoints) = RealBuild.WithFileSystem(tag, root =>
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
        // feed served, the package's listing among it, never the credential.
        var cached = Path.Combine(Buildah.TemporaryFolder, "buildah-cache", "nuget");
        Assert.True(Directory.Exists(cached), $"The NuGet cache mount has no {cached}.");
        var cacheSearch = CredentialSearch.Run(cached, run.Needles, run.Version).RelativeTo(cached);
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
                // dir: with -D writes every layer as the plain tar it is (whiteouts included) beside the manifest and the config.
                Buildah.Check("push", "-D", "--quiet", tag, "dir:" + folder);
                using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")));
                var manifest = document.RootElement;
                var layers = manifest.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("digest").GetString()!.Split(':')[1]).ToList();
                var config = File.ReadAllText(Path.Combine(folder, manifest.GetProperty("config").GetProperty("digest").GetString()!.Split(':')[1]));
                foreach (var layer in layers)
                {
                    Assert.True(CredentialSearch.IsPlainTar(Path.Combine(folder, layer)), $"Layer {layer} of {tag} is not a plain tar: searching it would prove nothing.");
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

        // The build stage's history shows the restore command, and only the names of the secrets.
        using var history = JsonDocument.Parse(Buildah.Check("inspect", "--type", "image", run.BuildStage.Tag));
        var restore = history.RootElement.GetProperty("History").EnumerateArray()
            .Select(h => h.TryGetProperty("created_by", out var c) ? c.GetString() ?? string.Empty : string.Empty)
            .Single(c => c.Contains("dotnet restore", StringComparison.Ordinal));
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
        var (files, search) = RealBuild.WithFileSystem(run.ContextCopy.Tag, root => (
            Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories).Select(f => "/" + Path.GetRelativePath(root, f)).OrderBy(f => f, StringComparer.Ordinal).ToList(),
            CredentialSearch.Run(root, run.Needles, run.Version).RelativeTo(root)));
        output.WriteLine($"The build context as buildah copies it: {string.Join(", ", files)}; {search}");

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

        var config = RealBuild.Inspect(run.WithSecrets.Tag);
        FinalImageChecks.AssertRunsAsNonRoot(config);
        FinalImageChecks.AssertMatchesDockerfile(config, run.Dockerfile);
        FinalImageChecks.AssertNoRunInFinalStage(run.Dockerfile);

        var files = RealBuild.ListFiles(run.WithSecrets.Tag);
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
        Assert.Contains("dotnet restore", build.Steps[^1].Instruction);
        Assert.DoesNotContain(build.Steps, s => s.Instruction.Contains("dotnet publish", StringComparison.Ordinal));
    }

    private static void RequireOrSkip()
    {
        Buildah.RequireOrSkip();
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
    IReadOnlyList<string> WithSecretsArguments,
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
public sealed record ContextCopy(string Tag, int ExitCode, string Log)
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

    public void Dispose()
    {
        feed?.Dispose();
        if (tags.Count > 0 && Buildah.UnavailableReason is null && Environment.GetEnvironmentVariable("MULTISTAGE_KEEP_IMAGES") is not "1")
        {
            Buildah.Run(TimeSpan.FromMinutes(5), new[] { "rmi", "-f" }.Concat(tags).ToArray());
        }

        // The version is this run's own: its entry in the builder's NuGet cache mount helps no later build.
        if (version is not null)
        {
            var package = Path.Combine(Buildah.TemporaryFolder, "buildah-cache", "nuget", PackageId.ToLowerInvariant());
            var cached = Path.Combine(package, version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }

            try
            {
                if (Directory.Exists(package) && !Directory.EnumerateFileSystemEntries(package).Any())
                {
                    Directory.Delete(package);
                }
            }
            catch (IOException)
            {
                // Another run's restore is writing its own version there.
            }
        }
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
        StandIns.Ensure(StandIns.BaseImages(dockerfile), output);
        Took("stand-ins");

        var secretArguments = SecretArguments(Path.Combine(folder, "secrets"), credentials);
        var wrongArguments = SecretArguments(
            Path.Combine(folder, "wrong-secrets"),
            new Dictionary<string, string?> { ["FEED_USER"] = feed.User, ["FEED_TOKEN"] = RandomNumberGenerator.GetHexString(64, lowercase: true) });

        // Without the secrets first, then with a wrong token: neither leaves a restore layer for the build with them.
        var before = feed.Requests().Count;
        var withoutSecrets = Bud(dockerfile, "private-feed-no-secrets", output);
        var withoutSecretsRequests = feed.Requests().Skip(before).ToList();
        Took("buildah bud without secrets (expected to fail at restore)");

        before = feed.Requests().Count;
        var wrongToken = Bud(dockerfile, "private-feed-wrong-token", output, wrongArguments);
        var wrongTokenRequests = feed.Requests().Skip(before).ToList();
        Took("buildah bud with a wrong token (expected to fail at restore)");

        before = feed.Requests().Count;
        var withSecrets = Bud(dockerfile, "private-feed", output, secretArguments);
        var withSecretsRequests = feed.Requests().Skip(before).ToList();
        Took("buildah bud with secrets");

        var buildStage = Bud(dockerfile, "private-feed-build-stage", output, secretArguments.Concat(new[] { "--target", "build" }).ToArray());
        Took("buildah bud --target build");

        // The context exactly as the builder receives it (.dockerignore applied), from a Containerfile outside it.
        var copyFolder = Path.Combine(folder, "context-copy");
        Directory.CreateDirectory(copyFolder);
        var copyFile = Path.Combine(copyFolder, "Containerfile");
        File.WriteAllText(copyFile, "FROM scratch\nCOPY . /context\n");
        var (copyTag, copyResult, _) = Bud(copyFile, dockerfile.ContextFolder, "private-feed-context", Array.Empty<string>());
        var contextCopy = new ContextCopy(copyTag, copyResult.ExitCode, copyResult.Output);
        Took("buildah bud of the context copy (FROM scratch, COPY . /context)");

        output.WriteLine($"Private-feed builds ready in {total.Elapsed.TotalSeconds:0} s.");
        return new PrivateFeedRun(
            folder, feed, PackageId, version, greeting, repository, generation, dockerfile,
            withoutSecrets, withoutSecretsRequests, wrongToken, wrongTokenRequests, secretArguments, withSecrets, withSecretsRequests, buildStage, contextCopy);
    }

    /// <summary>
    /// <c>buildah bud</c> of the generated Dockerfile as <see cref="RealBuild.Build"/> runs it, with more arguments
    /// (secrets, a target). The image is removed when the class is done.
    /// </summary>
    private ImageBuild Bud(DockerfileText dockerfile, string name, ITestOutputHelper output, params string[] extra)
    {
        var (tag, result, took) = Bud(dockerfile.Path, dockerfile.ContextFolder, name, extra);
        var build = new ImageBuild(tag, dockerfile, null, result.ExitCode, result.Output, took);
        var steps = build.Steps;
        output.WriteLine($"buildah bud {string.Join(' ', extra)} {Path.GetRelativePath(dockerfile.ContextFolder, dockerfile.Path)} -> {tag}: "
            + $"exit code {result.ExitCode} in {took.TotalSeconds:0} s, {steps.Count(s => s.UsedCache)}/{steps.Count} steps from the layer cache");
        return build;
    }

    private (string Tag, ProcessResult Result, TimeSpan Took) Bud(string dockerfilePath, string contextFolder, string name, IEnumerable<string> extra)
    {
        var tag = $"localhost/multistage-realbuild/{name}:{Path.GetFileName(Repository.RunFolder).ToLowerInvariant()}";
        lock (tags)
        {
            tags.Add(tag);
        }

        var arguments = new List<string> { "bud", "--pull=never", "--layers", "--force-rm", "-f", dockerfilePath, "-t", tag };
        arguments.AddRange(extra);
        arguments.Add(contextFolder);
        var stopwatch = Stopwatch.StartNew();
        var result = Buildah.Run(contextFolder, TimeSpan.FromMinutes(20), arguments.ToArray());
        return (tag, result, stopwatch.Elapsed);
    }

    /// <summary>
    /// Writes the secrets as files outside the context and returns their --secret arguments. type=file: without it,
    /// buildah reads src= as the name of an environment variable whenever one named like the id exists in its own environment.
    /// </summary>
    private static string[] SecretArguments(string folder, IReadOnlyDictionary<string, string?> secrets)
    {
        Directory.CreateDirectory(folder);
        var arguments = new List<string>();
        foreach (var (id, value) in secrets)
        {
            var file = Path.Combine(folder, id);
            File.WriteAllText(file, value);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            arguments.AddRange(new[] { "--secret", $"id={id},src={file},type=file" });
        }

        return arguments.ToArray();
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
