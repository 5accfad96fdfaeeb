using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MultiStage.Generator.Facts;
using MultiStage.Generator.Infrastructure;

namespace MultiStage.Generator.Client;

/// <summary>
/// Which package manager a client uses, and the files its install reads. package.json's packageManager field
/// decides (as corepack does); without it, the lockfile does.
/// </summary>
internal static class ClientPackageManagers
{
    // Lockfiles by manager, in the order they are looked for when package.json names no manager.
    private static readonly (ClientPackageManager Manager, string[] Lockfiles)[] Lockfiles =
    {
        (ClientPackageManager.Pnpm, new[] { "pnpm-lock.yaml" }),
        (ClientPackageManager.YarnClassic, new[] { "yarn.lock" }),
        (ClientPackageManager.Npm, new[] { "package-lock.json", "npm-shrinkwrap.json" }),
    };

    // Configuration the install reads besides package.json and the lockfile, when present.
    private static readonly string[] InstallFileNames = { ".npmrc", ".yarnrc", ".yarnrc.yml", "pnpm-workspace.yaml", ".pnpmfile.cjs" };

    // Folders the install reads: Yarn's own release and plugins (yarnPath), patches applied during install.
    private static readonly string[] InstallFolderNames = { ".yarn/releases", ".yarn/plugins", ".yarn/patches", "patches" };

    /// <summary>The manager and its lockfile's name (null when the folder has none).</summary>
    public static (ClientPackageManager Manager, string? Lockfile) Detect(string folder, object? packageJson)
    {
        var declared = MiniJson.GetString(packageJson, "packageManager")?.Trim() ?? string.Empty;
        var named = ManagerNamed(declared, folder);
        if (named is { } manager)
        {
            return (manager, FindLockfile(folder, Family(manager)));
        }

        foreach (var (candidate, names) in Lockfiles)
        {
            if (names.FirstOrDefault(name => ProjectFiles.FileExists(Path.Combine(folder, name))) is { } lockfile)
            {
                return (candidate == ClientPackageManager.YarnClassic ? YarnFlavour(folder, null) : candidate, lockfile);
            }
        }

        return (ClientPackageManager.Npm, null);
    }

    /// <summary>Install configuration files present in the folder, relative to it.</summary>
    public static IReadOnlyList<string> InstallFiles(string folder) =>
        InstallFileNames.Where(name => ProjectFiles.FileExists(Path.Combine(folder, name))).ToList();

    /// <summary>Install folders present in the folder, relative to it.</summary>
    public static IReadOnlyList<string> InstallFolders(string folder) =>
        InstallFolderNames.Where(name => ProjectFiles.DirectoryExists(Path.Combine(folder, name.Replace('/', Path.DirectorySeparatorChar)))).ToList();

    /// <summary>The lockfiles a manager would write, for messages.</summary>
    public static string LockfileNames(ClientPackageManager manager) =>
        string.Join(" or ", Lockfiles.First(l => l.Manager == Family(manager)).Lockfiles);

    /// <summary>"pnpm@9.12.0", "yarn@4.5.0+sha512...": the manager corepack would run, if it is one of ours.</summary>
    private static ClientPackageManager? ManagerNamed(string declared, string folder)
    {
        var at = declared.IndexOf('@');
        var name = at > 0 ? declared.Substring(0, at) : declared;
        var version = at > 0 ? declared.Substring(at + 1) : string.Empty;
        return name switch
        {
            "npm" => ClientPackageManager.Npm,
            "pnpm" => ClientPackageManager.Pnpm,
            "yarn" => YarnFlavour(folder, version),
            _ => null,
        };
    }

    /// <summary>
    /// Yarn 1 (classic) or Yarn 2+ (berry): the packageManager version when given, else a .yarnrc.yml (berry's
    /// configuration) or the lockfile's own header ("# yarn lockfile v1" is classic).
    /// </summary>
    private static ClientPackageManager YarnFlavour(string folder, string? version)
    {
        if (!string.IsNullOrEmpty(version))
        {
            return version!.StartsWith("1.", StringComparison.Ordinal) ? ClientPackageManager.YarnClassic : ClientPackageManager.YarnBerry;
        }

        if (ProjectFiles.FileExists(Path.Combine(folder, ".yarnrc.yml")))
        {
            return ClientPackageManager.YarnBerry;
        }

        var lockfile = Path.Combine(folder, "yarn.lock");
        try
        {
            if (ProjectFiles.FileExists(lockfile) && ProjectFiles.ReadLines(lockfile).Take(5).Any(line => line.Contains("__metadata:")))
            {
                return ClientPackageManager.YarnBerry;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable lockfile fails the install in the image, which says so better.
        }

        return ClientPackageManager.YarnClassic;
    }

    private static string? FindLockfile(string folder, ClientPackageManager family) =>
        Lockfiles.First(l => l.Manager == family).Lockfiles.FirstOrDefault(name => ProjectFiles.FileExists(Path.Combine(folder, name)));

    private static ClientPackageManager Family(ClientPackageManager manager) =>
        manager == ClientPackageManager.YarnBerry ? ClientPackageManager.YarnClassic : manager;
}
