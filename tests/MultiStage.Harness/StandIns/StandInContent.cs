namespace MultiStage.Harness.StandIns;

/// <summary>What goes into a stand-in's file system besides Debian: the official images' user, and this machine's .NET or Node.js.</summary>
internal static class StandInContent
{
    private const string CaBundle = "/etc/ssl/certs/ca-certificates.crt";

    public static void Add(StandInRecipe recipe, string mount, MachineToolchain machine, Func<NodeInstall> node)
    {
        // A foreign-architecture stand-in gets neither .NET nor Node.js: they could not run here, and it only serves
        // final stages that COPY the app in.
        if (recipe.Kind == "node")
        {
            AddUser(mount, "node", 1000);
            if (recipe.Native)
            {
                AddNode(mount, node());
            }

            return;
        }

        AddUser(mount, "app", StandInRecipe.AppUid);
        if (!recipe.Native || recipe.Kind == "runtime-deps")
        {
            return;
        }

        var target = Path.Combine(mount, "usr/share/dotnet");
        if (recipe.Kind is "sdk" or "sdk-aot")
        {
            Directory.CreateDirectory(target);
            Shell.Run("cp", "-a", machine.DotnetRoot + "/.", target + "/");
            // NuGet traffic may pass a TLS-inspecting proxy: the machine's trust store comes along.
            Shell.Run("cp", CaBundle, mount + CaBundle);
        }
        else
        {
            Directory.CreateDirectory(Path.Combine(target, "shared"));
            Shell.Run("cp", "-a", Path.Combine(machine.DotnetRoot, "dotnet"), Path.Combine(machine.DotnetRoot, "host"), target + "/");
            foreach (var notice in new[] { "LICENSE.txt", "ThirdPartyNotices.txt" }.Select(n => Path.Combine(machine.DotnetRoot, n)).Where(File.Exists))
            {
                Shell.Run("cp", "-a", notice, target + "/");
            }

            Shell.Run("cp", "-a", Path.Combine(machine.DotnetRoot, "shared", "Microsoft.NETCore.App"), Path.Combine(target, "shared") + "/");
            if (recipe.Kind == "aspnet")
            {
                if (machine.AspNetVersion is null)
                {
                    throw new StandInException("this machine has no ASP.NET Core runtime to put in an aspnet stand-in");
                }

                Shell.Run("cp", "-a", Path.Combine(machine.DotnetRoot, "shared", "Microsoft.AspNetCore.App"), Path.Combine(target, "shared") + "/");
            }
        }

        File.CreateSymbolicLink(Path.Combine(mount, "usr/bin/dotnet"), "../share/dotnet/dotnet");
    }

    private static void AddNode(string mount, NodeInstall node)
    {
        var bin = Path.Combine(mount, "usr/local/bin");
        var modules = Path.Combine(mount, "usr/local/lib/node_modules");
        Shell.Run("install", "-m", "0755", node.Binary, Path.Combine(bin, "node"));
        Directory.CreateDirectory(modules);
        Shell.Run("cp", "-a", Path.Combine(node.Modules, "npm"), modules + "/");
        File.CreateSymbolicLink(Path.Combine(bin, "npm"), "../lib/node_modules/npm/bin/npm-cli.js");
        File.CreateSymbolicLink(Path.Combine(bin, "npx"), "../lib/node_modules/npm/bin/npx-cli.js");
        if (Directory.Exists(Path.Combine(node.Modules, "corepack")))
        {
            Shell.Run("cp", "-a", Path.Combine(node.Modules, "corepack"), modules + "/");
            File.CreateSymbolicLink(Path.Combine(bin, "corepack"), "../lib/node_modules/corepack/dist/corepack.js");
        }

        // npm traffic may pass a TLS-inspecting proxy: the machine's trust store comes along.
        Shell.Run("cp", CaBundle, mount + CaBundle);
    }

    /// <summary>A user and group of that name and id, with a home folder.</summary>
    private static void AddUser(string root, string user, int id)
    {
        File.AppendAllText(Path.Combine(root, "etc/group"), $"{user}:x:{id}:\n");
        File.AppendAllText(Path.Combine(root, "etc/passwd"), $"{user}:x:{id}:{id}::/home/{user}:/usr/sbin/nologin\n");
        File.AppendAllText(Path.Combine(root, "etc/shadow"), $"{user}:!:0:0:99999:7:::\n");
        Shell.Run("install", "-d", "-o", $"{id}", "-g", $"{id}", "-m", "0755", Path.Combine(root, "home", user));
    }
}
