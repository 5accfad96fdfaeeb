namespace MultiStage.Harness.StandIns;

/// <summary>
/// Makes local stand-ins for the base images generated Dockerfiles name, with buildah, under the exact names: a
/// shared base image per kind (the Debian root file system, the official images' user, this machine's .NET or
/// Node.js, minus shells or ICU), and per image its configuration. An image is made again only when its recipe, the
/// machine's toolchain or the architecture changed. Test fixture only: see eng/real-builds/README.md.
/// </summary>
public sealed class StandInBuilder
{
    public const string CacheVariable = "MULTISTAGE_STANDIN_CACHE";

    private static readonly string[] Shells = { "sh", "bash", "rbash", "dash", "ash", "ksh", "ksh93", "mksh", "zsh", "csh", "tcsh", "fish", "busybox" };

    private static readonly string[] PackageManagers =
    {
        "apt", "apt-get", "apt-cache", "apt-config", "apt-mark", "apt-key", "dpkg", "dpkg-deb", "dpkg-query", "dpkg-divert",
        "dpkg-split", "dpkg-trigger", "dpkg-statoverride", "dpkg-maintscript-helper",
    };

    private static readonly SemaphoreSlim InProcess = new(1, 1);
    private readonly BuildahCli buildah;
    private readonly string architecture;
    private readonly Action<string> say;
    private readonly Lazy<MachineToolchain> machine = new(MachineToolchain.Find);
    private readonly Lazy<NodeInstall> node = new(NodeInstall.Find);

    public StandInBuilder(string cache, BuildahCli buildah, string? architecture, Action<string> say)
    {
        Cache = cache;
        this.buildah = buildah;
        this.architecture = architecture ?? MachineToolchain.MachineArchitecture();
        this.say = line => say("stand-ins: " + line);
        if (this.architecture is not ("amd64" or "arm64"))
        {
            throw new StandInException($"unsupported architecture {this.architecture} (amd64 or arm64)");
        }
    }

    /// <summary>The machine's stand-in cache (MULTISTAGE_STANDIN_CACHE, default /var/cache/multistage-standins).</summary>
    public static string DefaultCache =>
        Environment.GetEnvironmentVariable(CacheVariable) is { Length: > 0 } configured ? configured : "/var/cache/multistage-standins";

    public string Cache { get; }

    /// <summary>Makes sure a stand-in exists for every image, under the machine-wide lock (concurrent runs wait for each other).</summary>
    public void Ensure(IEnumerable<string> images)
    {
        InProcess.Wait();
        try
        {
            using var machineWide = FileLock.Open(Path.Combine(Cache, ".lock"), FileShare.None, TimeSpan.FromMinutes(30))
                ?? throw new StandInException($"another run held {Cache}/.lock for 30 minutes");
            foreach (var image in images)
            {
                Make(image);
            }
        }
        finally
        {
            InProcess.Release();
        }
    }

    private void Make(string image)
    {
        var recipe = StandInRecipe.Plan(image, architecture, machine.Value, () => node.Value);
        var note = recipe.Note is null ? "" : "; " + recipe.Note;
        if (IsCurrent(image, recipe) && buildah.ImageFields(image, BuildahCli.Label(StandInRecipe.LabelPrefix + ".image"))[0] == image)
        {
            say($"{image} ({architecture}): up to date{note}");
            return;
        }

        var started = DateTime.UtcNow;
        var baseImage = EnsureBase(recipe);
        var container = buildah.Check("from", "--pull=never", baseImage);
        try
        {
            buildah.Check(new[] { "config" }.Concat(recipe.ConfigArguments).Append(container).ToArray());
            CommitAs(container, image);
        }
        catch
        {
            buildah.Run(buildah.TemporaryFolder, TimeSpan.FromMinutes(2), "rm", container);
            throw;
        }

        say($"{image} ({architecture}): built in {(DateTime.UtcNow - started).TotalSeconds:0} s [{recipe.Traits}]{note}");
    }

    /// <summary>Made by this recipe, from this machine's toolchain, for this architecture.</summary>
    private bool IsCurrent(string image, StandInRecipe recipe)
    {
        var fields = buildah.ImageFields(image,
            BuildahCli.Label(StandInRecipe.LabelPrefix + ".recipe"), BuildahCli.Label(StandInRecipe.LabelPrefix + ".content"), "{{.OCIv1.Architecture}}");
        return fields[0] == StandInRecipe.Version && fields[1] == recipe.Content && fields[2] == architecture;
    }

    /// <summary>The file system a stand-in is made on, shared by every tag with the same content (sdk:8.0-bookworm-slim and sdk:10.0-noble).</summary>
    private string EnsureBase(StandInRecipe recipe)
    {
        var name = recipe.BaseImage;
        if (IsCurrent(name, recipe))
        {
            return name;
        }

        var rootfs = DebianRootFileSystem.Ensure(Cache, recipe.Kind == "sdk-aot" ? "aot" : "base", say);
        var container = buildah.Check("from", "--pull=never", "scratch");
        try
        {
            var mount = buildah.Check("mount", container);
            Shell.Run("cp", "-a", rootfs + "/.", mount + "/");
            Shell.Remove(Path.Combine(mount, ".complete"));
            StandInContent.Add(recipe, mount, machine.Value, () => node.Value);
            if (recipe.Shellless)
            {
                RemoveShells(mount);
                if (recipe.DropsIcu)
                {
                    // Plain chiseled and distroless images have neither ICU nor time zone data.
                    Shell.Run("find", Path.Combine(mount, "usr/lib"), "-name", "libicu*", "-delete");
                    Shell.Run("rm", "-rf", Path.Combine(mount, "usr/share/zoneinfo"), Path.Combine(mount, "usr/share/icu"));
                }
            }

            buildah.Check("umount", container);
            buildah.Check("config", "--os", "linux", "--arch", recipe.Architecture,
                "--label", $"{StandInRecipe.LabelPrefix}.recipe={StandInRecipe.Version}", "--label", $"{StandInRecipe.LabelPrefix}.content={recipe.Content}", container);
            CommitAs(container, name);
            return name;
        }
        catch
        {
            buildah.Run(buildah.TemporaryFolder, TimeSpan.FromMinutes(2), "rm", container);
            throw;
        }
    }

    /// <summary>Commits, then drops the image the name pointed at before.</summary>
    private void CommitAs(string container, string name)
    {
        const string Id = "{{.FromImageID}}";
        var previous = buildah.ImageFields(name, Id)[0];
        buildah.Check("commit", "--quiet", "--rm", container, name);
        var current = buildah.ImageFields(name, Id)[0];
        if (previous.Length > 0 && previous != current)
        {
            buildah.Run(buildah.TemporaryFolder, TimeSpan.FromMinutes(2), "rmi", previous);
        }
    }

    private static void RemoveShells(string root)
    {
        foreach (var folder in new[] { "usr/bin", "usr/sbin", "bin", "sbin", "usr/local/bin" }.Select(f => Path.Combine(root, f)))
        {
            if (Directory.Exists(folder) && new DirectoryInfo(folder).LinkTarget is null)
            {
                foreach (var name in Shells.Concat(PackageManagers))
                {
                    Shell.Remove(Path.Combine(folder, name));
                }
            }
        }

        // Anything else listed as a login shell, and any link to busybox.
        var shells = Path.Combine(root, "etc", "shells");
        if (File.Exists(shells))
        {
            foreach (var line in File.ReadAllLines(shells).Select(l => l.Trim()).Where(l => l.StartsWith('/')))
            {
                Shell.Remove(root + line);
            }
        }

        Shell.Run("find", root, "-xdev", "-type", "l", "-lname", "*busybox*", "-delete");
        var left = Shell.Run("find", root, "-xdev", "(", "-type", "f", "-perm", "/111", "-o", "-type", "l", ")",
            "(", "-name", "sh", "-o", "-name", "bash", "-o", "-name", "dash", "-o", "-name", "busybox", ")", "-print").Trim();
        if (left.Length > 0)
        {
            throw new StandInException("shells left in a shell-less stand-in: " + string.Join(' ', left.Split('\n').Take(5)));
        }
    }
}
