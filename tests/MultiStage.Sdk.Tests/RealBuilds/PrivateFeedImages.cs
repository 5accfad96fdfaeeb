using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MultiStage.Sdk.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MultiStage.Sdk.Tests.RealBuilds;

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
