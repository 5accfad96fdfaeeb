using System.Text.RegularExpressions;
using MultiStage.Generator.ImageSelection;

namespace MultiStage.Harness.StandIns;

/// <summary>
/// What the stand-in of one image is: its kind (sdk, sdk-aot, aspnet, runtime, runtime-deps, node), whether it is
/// shell-less and ICU-less, and the image configuration the official image has. What a tag means (chiseled and
/// distroless are shell-less, "-extra" puts ICU back, "-aot" adds the native toolchain, Alpine is musl) comes from
/// the generator's own <see cref="ImageTable"/>.
/// </summary>
public sealed record StandInRecipe(
    string Image, string Architecture, string Kind, bool Shellless, bool DropsIcu, bool Native, string Content, IReadOnlyList<string> ConfigArguments, string? Note)
{
    /// <summary>Bump when what goes into a stand-in changes: images with another recipe label are made again.</summary>
    public const string Version = "3";

    public const string LabelPrefix = "io.github.multistage-sdk.standin";

    public const int AppUid = 1654;

    public const string Suite = "bookworm";

    private const string Path = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static readonly Regex DotnetTag = new(@"^([0-9]+)\.[0-9]+");
    private static readonly Regex NodeTag = new(@"^([0-9]+)");

    /// <summary>The shared base image's name: one per kind, shell and ICU variant and architecture.</summary>
    public string BaseImage =>
        $"localhost/multistage-standin-base/{Kind}{(Shellless ? "-shellless" : "")}{(Shellless && DropsIcu ? "-noicu" : "")}-{Architecture}";

    /// <summary>What the stand-in is, for the log line.</summary>
    public string Traits =>
        Kind + (Shellless ? $", no shell, user {AppUid}" : "") + (Shellless && DropsIcu ? ", no ICU" : "")
        + (Native ? "" : $", no .NET or Node.js inside ({Architecture} cannot run on this {MachineToolchain.MachineArchitecture()} machine)");

    public static StandInRecipe Plan(string image, string architecture, MachineToolchain machine, Func<NodeInstall> node)
    {
        if (image.Contains('@'))
        {
            throw new StandInException($"{image}: digest-pinned references cannot be stood in (a local image has no registry digest)");
        }

        var name = image[(image.LastIndexOf('/') + 1)..];
        if (!name.Contains(':'))
        {
            throw new StandInException($"{image}: name a tag (e.g. :10.0-noble)");
        }

        var repository = name[..name.IndexOf(':')];
        var tag = ImageTable.TagOf(image);
        var family = ImageTable.FamilyOfImage(image);
        if (family?.IsMusl == true)
        {
            throw new StandInException($"{image}: Alpine images are musl-based and this machine's .NET and Node.js are built for glibc; they cannot be stood in here");
        }

        var shellless = family?.ShellFamily is not null;
        var dropsIcu = family?.DropsIcu == true && !ImageTable.IsExtra(image);
        var native = architecture == machine.Architecture;
        var config = new List<string> { "--os", "linux", "--arch", architecture, "--workingdir", "/", "--cmd", "[]", "--entrypoint", "[]", "--env", Path };
        string kind, content;
        string? note = null;
        if (repository == "node")
        {
            kind = "node";
            var major = NodeTag.Match(tag);
            if (!major.Success)
            {
                throw new StandInException($"{image}: the tag does not start with a Node.js major version (e.g. 22-bookworm-slim)");
            }

            var installed = node();
            content = "node " + installed.Version;
            if (major.Groups[1].Value != installed.Version.Split('.')[0])
            {
                note = $"version stand-in: node:{major.Groups[1].Value} runs this machine's Node.js {installed.Version}";
            }

            config.AddRange(Env("NODE_VERSION=" + installed.Version, "NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt"));
            config.AddRange(new[] { "--user", "root" });
        }
        else if (repository is "sdk" or "aspnet" or "runtime" or "runtime-deps")
        {
            var version = DotnetTag.Match(tag);
            if (!version.Success)
            {
                throw new StandInException($"{image}: the tag does not start with a .NET version (e.g. 10.0)");
            }

            var major = int.Parse(version.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (major > machine.Major)
            {
                throw new StandInException($"{image}: .NET {version.Value} is newer than this machine's .NET {machine.RuntimeVersion}; install it to stand it in");
            }

            if (repository == "sdk" && shellless)
            {
                throw new StandInException($"{image}: there are no shell-less SDK images");
            }

            kind = repository == "sdk" && ImageTable.IsAotSdk(image) ? "sdk-aot" : repository;
            content = machine.DotnetId;
            config.AddRange(Env($"APP_UID={AppUid}", "ASPNETCORE_HTTP_PORTS=8080", "DOTNET_RUNNING_IN_CONTAINER=true"));
            if (native && kind != "runtime-deps")
            {
                config.AddRange(Env("DOTNET_VERSION=" + machine.RuntimeVersion));
                if (kind != "runtime")
                {
                    config.AddRange(Env("ASPNET_VERSION=" + machine.AspNetVersion));
                }

                if (major < machine.Major)
                {
                    config.AddRange(Env("DOTNET_ROLL_FORWARD=Major"));
                    note = $"roll-forward stand-in: .NET {version.Value} apps run on this machine's .NET {machine.RuntimeVersion} (DOTNET_ROLL_FORWARD=Major)";
                }
            }

            if (kind.StartsWith("sdk", StringComparison.Ordinal))
            {
                config.AddRange(Env("DOTNET_SDK_VERSION=" + machine.SdkVersion, "DOTNET_GENERATE_ASPNET_CERTIFICATE=false",
                    "DOTNET_NOLOGO=true", "DOTNET_USE_POLLING_FILE_WATCHER=true", "NUGET_XMLDOC_MODE=skip"));
                // With chroot isolation a RUN step has no process namespace of its own, so a compiler or MSBuild
                // server it starts would outlive the step (a container runtime ends them with it): none are started.
                config.AddRange(Env("UseSharedCompilation=false", "DOTNET_CLI_USE_MSBUILD_SERVER=0", "MSBUILDDISABLENODEREUSE=1"));
            }

            config.AddRange(shellless ? new[] { "--user", AppUid.ToString(System.Globalization.CultureInfo.InvariantCulture) } : new[] { "--user", "root" });
            if (shellless && dropsIcu)
            {
                config.AddRange(Env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true"));
            }
        }
        else
        {
            throw new StandInException($"{image}: no stand-in recipe for '{repository}' (sdk, aspnet, runtime, runtime-deps, node)");
        }

        config.AddRange(new[]
        {
            "--label", $"{LabelPrefix}.recipe={Version}",
            "--label", $"{LabelPrefix}.content={content}",
            "--label", $"{LabelPrefix}.image={image}",
            "--label", $"{LabelPrefix}.note=test stand-in from Debian {Suite} and this machine's own tools, not the official image",
        });
        return new StandInRecipe(image, architecture, kind, shellless, dropsIcu, native, content, config, note);
    }

    private static IEnumerable<string> Env(params string[] variables) => variables.SelectMany(v => new[] { "--env", v });
}
