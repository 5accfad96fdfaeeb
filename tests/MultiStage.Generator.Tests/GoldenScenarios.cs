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

/// <summary>
/// The projects whose whole Dockerfile is kept as Golden/&lt;name&gt;.Dockerfile. Each is one situation a user meets;
/// the golden file shows, and a reviewer checks against images.md and dockerfile.md, what the SDK writes for it.
/// </summary>
internal static class GoldenScenarios
{
    private const string Sha256A = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string Sha256B = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    public static IReadOnlyDictionary<string, ProjectFacts> All { get; } = new SortedDictionary<string, ProjectFacts>(StringComparer.Ordinal)
    {
        // The shape in dockerfile.md: a web API with a ProjectReference, built from the repository root, with
        // every file restore reads in the restore layer.
        ["net10-web-api-with-reference"] = new ProjectFacts
        {
            ProjectPath = "src/Api/Api.csproj",
            DockerfilePath = "src/Api/Dockerfile",
            AssemblyName = "Api",
            ContainerRepository = "api",
            TargetFramework = "net10.0",
            IsWebApp = true,
            UsesAspNetCore = true,
            RestoreFiles = new[]
            {
                "Directory.Build.props", "Directory.Packages.props", "NuGet.config", "global.json", "src/Core/Core.csproj",
            },
            ReferencedProjects = new[] { "src/Core/Core.csproj" },
            GlobalJsonSdk = new GlobalJsonSdk("10.0.100", "latestFeature"),
        },

        // Private feeds: the user's NuGet.config and the variables NuGet.config credentials name arrive as build
        // secrets, mounted only for restore; the header's docker build command passes them.
        ["private-feed-secrets"] = Projects.Web("net10.0") with
        {
            RestoreFiles = new[] { "NuGet.config" },
            MountNuGetConfigSecret = true,
            NuGetSecretVariables = new[] { "FEED_TOKEN", "FEED_USER" },
        },

        // Test projects of the app's solution: restored first in the restore layer (the app last keeps its runtime
        // identifier), built on caches of their own and run by test-run; test-results and test stay off the final
        // stage's path, which stays last. One test project references a test utility library beyond the app's projects.
        ["net10-web-api-with-tests"] = Projects.Web("net10.0") with
        {
            ProjectPath = "src/Api/Api.csproj",
            DockerfilePath = "src/Api/Dockerfile",
            AssemblyName = "Api",
            ContainerRepository = "api",
            RestoreFiles = new[] { "src/Core/Core.csproj", "tests/Api.Tests/Api.Tests.csproj", "tests/Core.Tests/Core.Tests.csproj", "tests/TestUtilities/TestUtilities.csproj" },
            ReferencedProjects = new[] { "src/Core/Core.csproj" },
            TestProjects = new[] { "tests/Api.Tests/Api.Tests.csproj", "tests/Core.Tests/Core.Tests.csproj" },
            TestReferencedProjects = new[] { "tests/TestUtilities/TestUtilities.csproj" },
        },

        // Private feed variables come before every restore of the chain, the test projects' too; a failed test
        // fails nothing (MultiStageTestFailBuild=false).
        ["private-feed-secrets-with-tests"] = Projects.Web("net10.0") with
        {
            RestoreFiles = new[] { "NuGet.config", "tests/App.Tests/App.Tests.csproj" },
            NuGetSecretVariables = new[] { "FEED_TOKEN" },
            TestProjects = new[] { "tests/App.Tests/App.Tests.csproj" },
            TestFailBuild = false,
        },

        // 8.0's plain tag is Debian 12 bookworm-slim; a console app runs on the runtime image.
        ["net8-console"] = Projects.Console("net8.0"),

        // A worker service is a console app with a host: runtime image, no port.
        ["net9-worker"] = Projects.Worker("net9.0") with { ProjectPath = "Worker/Worker.csproj", DockerfilePath = "Worker/Dockerfile", AssemblyName = "Worker", ContainerRepository = "worker" },

        // InvariantGlobalization needs no ICU: plain noble-chiseled instead of -extra.
        ["net10-console-invariant-globalization"] = Projects.Console("net10.0") with { InvariantGlobalization = true },

        // Kestrel listens on 8080 in the images; another HTTP port must be told to it, not only exposed.
        ["net10-web-port-5000"] = Projects.Web("net10.0") with { Ports = new[] { new ContainerPort("5000", "tcp") } },

        // Values with quotes, '$' and backslashes land escaped. The targets put the OCI labels they make from package
        // metadata first (whitespace collapsed; none where a ContainerLabel has the key), then the project's own.
        ["env-and-labels-escaped"] = Projects.Web("net10.0") with
        {
            EnvironmentVariables = new[]
            {
                new NameValue("GREETING", "say \"hello\""),
                new NameValue("PRICE", "$5 and ${HOME}"),
                new NameValue("WINDOWS_PATH", @"C:\temp\new"),
                new NameValue("EMPTY", ""),
            },
            Labels = new[]
            {
                new NameValue("org.opencontainers.image.title", "Example API"),
                new NameValue("org.opencontainers.image.description", "An API that spans two lines"),
                new NameValue("org.opencontainers.image.authors", "Ann O'Neil; Bob \"B\" Smith"),
                new NameValue("org.opencontainers.image.licenses", "MIT"),
                new NameValue("org.opencontainers.image.url", "https://example.com/api"),
                new NameValue("org.opencontainers.image.source", "https://github.com/example/api"),
                new NameValue("com.example.team", "Payments \"core\""),
                new NameValue("com.example.cost", "$100 \\ month"),
                new NameValue("org.opencontainers.image.vendor", "Example Ltd (label wins over Company)"),
            },
        },

        // A multi-targeted project restores every framework and publishes the chosen one with -f.
        ["net10-multi-targeted"] = Projects.Console("net10.0") with { IsMultiTargeted = true },

        // Self-contained apps carry their runtime: runtime-deps, an explicit -r, and ./App as the entry point.
        ["net10-self-contained"] = Projects.Console("net10.0") with { SelfContained = true, RuntimeIdentifiers = new[] { "linux-x64" } },

        // 10.0 has an -aot SDK image with clang; the app runs on chiseled runtime-deps.
        ["net10-native-aot"] = Projects.Web("net10.0") with { PublishAot = true },

        // 8.0 has no -aot SDK image: the build stage installs clang and zlib with apt.
        ["net8-native-aot"] = Projects.Console("net8.0") with { PublishAot = true },

        // A musl RID implies Alpine for both stages.
        ["net10-alpine-musl-rid"] = Projects.Web("net10.0") with { RuntimeIdentifiers = new[] { "linux-musl-x64" } },

        // A distroless family: the build stage uses the matching Azure Linux SDK.
        ["net10-azurelinux-distroless"] = Projects.Web("net10.0") with { ContainerFamily = "azurelinux3.0-distroless" },

        // Explicit images are used as they are, in both stages.
        ["image-overrides"] = Projects.Web("net10.0") with
        {
            ContainerBaseImage = "registry.example.com/base/aspnet:10.0-custom",
            BuildImage = "registry.example.com/base/sdk:10.0-custom",
        },

        // A mirror replaces mcr.microsoft.com in both default images.
        ["registry-mirror"] = Projects.Web("net10.0") with { ImageRegistry = "mirror.example.com:5000/mcr/" },

        // Pinned digests: each base image as reference@sha256.
        ["digest-pinning"] = Projects.Web("net10.0") with
        {
            PinDigests = true,
            ImageDigests = new Dictionary<string, string>
            {
                ["mcr.microsoft.com/dotnet/sdk:10.0-noble"] = Sha256A,
                ["mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra"] = Sha256B,
            },
        },

        // End of life: the plain M.0 tags still pull; the images predate the 'app' user and port 8080.
        ["net6-end-of-life"] = Projects.Web("net6.0"),

        // A React/Vue front end in ClientApp/ with npm: its own Node.js stage (the current LTS when nothing names
        // one) before the .NET stage, npm ci with a cache mount, and its dist/ copied into the app's wwwroot.
        ["client-npm-clientapp"] = Projects.WebWithClient(new ClientBuild
        {
            Folder = "App/ClientApp",
            Route = ClientRoute.ClientApp,
            PackageManager = ClientPackageManager.Npm,
            Lockfile = "package-lock.json",
            NodeMajor = 26,
            NodeVersionSource = "the current LTS",
        }),

        // Yarn 1 through corepack (Node.js 22 from .nvmrc) on Alpine, as the app's musl RID asks; Create React App's build/.
        ["client-yarn-classic-alpine"] = Projects.WebWithClient(new ClientBuild
        {
            Folder = "App/ClientApp",
            Route = ClientRoute.ClientApp,
            PackageManager = ClientPackageManager.YarnClassic,
            Lockfile = "yarn.lock",
            InstallFiles = new[] { ".yarnrc" },
            NodeMajor = 22,
            NodeVersionSource = "from App/ClientApp/.nvmrc",
            OutputPath = "build",
        }) with { RuntimeIdentifiers = new[] { "linux-musl-x64" } },

        // Yarn 4 with its release checked in (.yarnrc.yml, .yarn/releases) on Node.js 26, which no longer ships
        // corepack: the stage installs it. The client sits beside the project file.
        ["client-yarn-berry"] = Projects.WebWithClient(new ClientBuild
        {
            Folder = "App",
            Route = ClientRoute.ProjectFolder,
            PackageManager = ClientPackageManager.YarnBerry,
            Lockfile = "yarn.lock",
            InstallFiles = new[] { ".yarnrc.yml" },
            InstallFolders = new[] { ".yarn/releases" },
            NodeMajor = 26,
            NodeVersionSource = "from package.json engines.node",
        }),

        // pnpm on Node.js 24 (from .node-version), a SpaRoot folder beside the project, output into wwwroot/app.
        ["client-pnpm"] = Projects.WebWithClient(new ClientBuild
        {
            Folder = "web",
            Route = ClientRoute.SpaRoot,
            PackageManager = ClientPackageManager.Pnpm,
            Lockfile = "pnpm-lock.yaml",
            InstallFiles = new[] { ".npmrc", "pnpm-workspace.yaml" },
            NodeMajor = 24,
            NodeVersionSource = "from .node-version",
            Target = "wwwroot/app",
        }),

        // Visual Studio's "Angular and ASP.NET Core" shape: a referenced .esproj whose BuildOutputFolder is
        // dist/<name>/browser; the image's restore and publish drop the reference (MultiStageSkipClientBuild).
        ["client-esproj-angular"] = Projects.WebWithClient(new ClientBuild
        {
            Folder = "src/shop.client",
            Route = ClientRoute.JavaScriptProject,
            PackageManager = ClientPackageManager.Npm,
            Lockfile = "package-lock.json",
            NodeMajor = 22,
            NodeVersionSource = "from package.json engines.node",
            OutputPath = "dist/shop.client/browser",
        }) with
        {
            ProjectPath = "src/Shop.Server/Shop.Server.csproj",
            DockerfilePath = "src/Shop.Server/Dockerfile",
            AssemblyName = "Shop.Server",
            ContainerRepository = "shop.server",
        },

        // A global.json that pins an exact SDK (no roll forward past the patch) builds on that exact SDK tag.
        ["global-json-exact-sdk"] = Projects.Console("net10.0") with
        {
            RestoreFiles = new[] { "global.json" },
            GlobalJsonSdk = new GlobalJsonSdk("10.0.102", "disable"),
        },

        // Every customization item on a chiseled image: the parts stage makes on noble (with a shell) what the
        // chiseled base stage cannot (packages it lacks, the certificate bundle, the writable folder).
        ["customized-chiseled"] = Customized(Projects.Web("net10.0")),

        // ContainerHealthCheck on a shell-less image: the SDK's probe, published in the build stage, run with dotnet.
        ["health-check-chiseled"] = Projects.Web("net10.0") with { HealthChecks = new[] { new HealthCheckItem("/healthz", "", "", "", "") } },

        // With Native AOT the probe is a native file too; every timing option given.
        ["health-check-native-aot"] = Projects.Web("net10.0") with
        {
            PublishAot = true,
            HealthChecks = new[] { new HealthCheckItem("/health/ready", "10s", "2s", "5s", "5") },
        },

        // The same on Debian (a shell): packages, certificates and folders are made in the base stage itself.
        ["customized-bookworm"] = Customized(Projects.Web("net8.0")),

        // Alpine installs with apk; a self-contained app's final stage (runtime-deps) gets the customization again.
        ["customized-alpine-self-contained"] = Customized(Projects.Console("net10.0") with { ContainerFamily = "alpine", SelfContained = true }),

        // MultiStageDebugStage and MultiStageDevStage: debug-tools, debug and dev before the final stage, which stays the same.
        ["development-stages"] = Projects.Web("net10.0") with
        {
            ProjectPath = "src/Api/Api.csproj",
            DockerfilePath = "src/Api/Dockerfile",
            AssemblyName = "Api",
            RestoreFiles = new[] { "Directory.Build.props", "src/Core/Core.csproj" },
            ReferencedProjects = new[] { "src/Core/Core.csproj" },
            HealthChecks = new[] { new HealthCheckItem("/healthz", "", "", "", "") },
            DebugStage = true,
            DevStage = true,
        },

        // A self-contained app debugs on aspnet with a shell (the tools need dotnet); it keeps its own entry point.
        ["development-stages-chiseled-customized-self-contained"] = Customized(Projects.Web("net10.0") with { ContainerFamily = "noble-chiseled", SelfContained = true, DebugStage = true, DevStage = true }),
    };

    private static ProjectFacts Customized(ProjectFacts facts) => facts with
    {
        OsPackages = new[] { "fontconfig", "tzdata" },
        BuildOsPackages = new[] { "protobuf-compiler" },
        OsPackageStages = new[] { ("fontconfig", ""), ("tzdata", "final"), ("protobuf-compiler", "build") },
        ImageFiles = new[]
        {
            new ImageFile("agents/otel", IsFolder: true, "/opt/otel", "app"),
            new ImageFile("config/appsettings.Container.json", IsFolder: false, "/app/appsettings.Container.json", null),
        },
        CaCertificates = new[] { new CaCertificate("certs/corporate-root.crt", Runtime: true), new CaCertificate("certs/proxy.pem", Runtime: false) },
        WritableFolders = new[] { new WritableFolder("keys", Volume: true), new WritableFolder("/var/uploads", Volume: false) },
        Fragments = new[]
        {
            new DockerfileFragment("docker/before-restore.dockerfile", FragmentPoint.BeforeRestore, new[] { "ENV DOTNET_NUGET_SIGNATURE_VERIFICATION=false" }),
            new DockerfileFragment("docker/app.dockerfile", FragmentPoint.BeforeAppCopy, new[] { "ENV TZ=Europe/Berlin", "LABEL com.example.stage=\"base\"" }),
            new DockerfileFragment("docker/after.dockerfile", FragmentPoint.AfterAppCopy, new[] { "# a comment kept as it is", "STOPSIGNAL SIGINT" }),
        },
        RestoreWorkloads = true,
    };

    public static TheoryData<string> Names => new(All.Keys);

    public static string GoldenName(string scenario) => scenario + ".Dockerfile";
}
