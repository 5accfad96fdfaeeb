namespace MultiStage.Harness.StandIns;

/// <summary>
/// The Debian root file system every stand-in starts from (debootstrap minbase with what the official images hold),
/// made once per machine in the cache folder; the "aot" flavour adds the Native AOT toolchain of the SDK -aot images.
/// </summary>
public static class DebianRootFileSystem
{
    /// <summary>Bump when the debootstrap recipe changes: the cached root file systems are made again.</summary>
    private const int RecipeVersion = 1;

    private const string Packages = "ca-certificates,libicu72,libssl3,zlib1g,libstdc++6,libgcc-s1,tzdata";

    // What the SDK "-aot" images add for Native AOT: a C toolchain, the LLVM linker and tools, zlib headers.
    private const string AotPackages = "clang,lld,llvm,zlib1g-dev";

    public const string MirrorVariable = "MULTISTAGE_DEBIAN_MIRROR";

    /// <summary>The root file system of that flavour ("base" or "aot"), made first when the cache lacks it.</summary>
    public static string Ensure(string cache, string flavor, Action<string> say)
    {
        var root = Path.Combine(cache, $"rootfs-{StandInRecipe.Suite}-{flavor}-r{RecipeVersion}");
        if (File.Exists(Path.Combine(root, ".complete")))
        {
            return root;
        }

        if (ExecutableSearch.Find("debootstrap") is null)
        {
            throw new StandInException("debootstrap is not installed; install buildah and debootstrap (apt-get install -y buildah debootstrap)");
        }

        var mirror = Mirror();
        var staging = root + ".partial";
        var log = Path.Combine(cache, $"debootstrap-{flavor}.log");
        say($"creating the Debian {StandInRecipe.Suite} root file system ({flavor}) from {mirror} (once per machine, a minute or two)");
        Shell.Run("rm", "-rf", staging);
        var packages = flavor == "aot" ? Packages + "," + AotPackages : Packages;
        var result = ProcessRunner.Run("debootstrap", new[] { "--variant=minbase", "--include=" + packages, StandInRecipe.Suite, staging, mirror }, cache, timeout: TimeSpan.FromMinutes(30));
        File.WriteAllText(log, result.Output);
        if (!result.Succeeded)
        {
            throw new StandInException($"debootstrap failed; full log: {log}\n{string.Join('\n', result.Output.TrimEnd().Split('\n').TakeLast(30))}");
        }

        // What the slim images leave out too: package lists and caches, documentation, logs, device nodes.
        foreach (var folder in new[] { "var/cache/apt", "var/lib/apt/lists", "usr/share/doc", "usr/share/man", "usr/share/info", "var/log", "dev" })
        {
            Shell.EmptyFolder(Path.Combine(staging, folder));
        }

        File.WriteAllText(Path.Combine(staging, ".complete"), string.Empty);
        Directory.Move(staging, root);
        return root;
    }

    /// <summary>The Debian mirror of this machine's own release, from its apt sources (MULTISTAGE_DEBIAN_MIRROR overrides it).</summary>
    public static string Mirror()
    {
        if (Environment.GetEnvironmentVariable(MirrorVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        var codename = File.ReadLines("/etc/os-release").Where(l => l.StartsWith("VERSION_CODENAME=", StringComparison.Ordinal))
            .Select(l => l["VERSION_CODENAME=".Length..].Trim('"')).FirstOrDefault(c => c.Length > 0)
            ?? throw new StandInException($"this machine names no release codename in /etc/os-release; set {MirrorVariable}");
        var deb822 = Directory.Exists("/etc/apt/sources.list.d") ? Directory.GetFiles("/etc/apt/sources.list.d", "*.sources").Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        var oneLine = new[] { "/etc/apt/sources.list" }.Concat(Directory.Exists("/etc/apt/sources.list.d")
            ? Directory.GetFiles("/etc/apt/sources.list.d", "*.list").Order(StringComparer.Ordinal) : Enumerable.Empty<string>());
        return deb822.Select(f => FromDeb822(File.ReadAllLines(f), codename)).FirstOrDefault(u => u is not null)
            ?? oneLine.Where(File.Exists).Select(f => FromOneLine(File.ReadAllLines(f), codename)).FirstOrDefault(u => u is not null)
            ?? throw new StandInException($"no Debian mirror for '{codename}' in /etc/apt/sources.list(.d); set {MirrorVariable}");
    }

    /// <summary>deb822 sources: the first URI of the stanza whose Suites hold the release itself (not -updates or -security).</summary>
    public static string? FromDeb822(IEnumerable<string> lines, string codename)
    {
        string? uri = null;
        var suiteMatches = false;
        foreach (var line in lines.Append(string.Empty))
        {
            if (line.Trim().Length == 0)
            {
                if (suiteMatches && uri is not null)
                {
                    return uri;
                }

                (uri, suiteMatches) = (null, false);
                continue;
            }

            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields[0].StartsWith('#') || fields.Length < 2)
            {
                continue;
            }

            if (fields[0].Equals("URIs:", StringComparison.OrdinalIgnoreCase))
            {
                uri = fields[1];
            }
            else if (fields[0].Equals("Suites:", StringComparison.OrdinalIgnoreCase))
            {
                suiteMatches |= fields.Skip(1).Contains(codename);
            }
        }

        return null;
    }

    /// <summary>One-line sources: deb [options] URI SUITE COMPONENTS...</summary>
    public static string? FromOneLine(IEnumerable<string> lines, string codename)
    {
        foreach (var line in lines)
        {
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || fields[0] != "deb")
            {
                continue;
            }

            var i = 1;
            if (fields[i].StartsWith('['))
            {
                while (i < fields.Length && !fields[i].EndsWith(']'))
                {
                    i++;
                }

                i++;
            }

            if (i + 1 < fields.Length && fields[i + 1] == codename)
            {
                return fields[i];
            }
        }

        return null;
    }
}
