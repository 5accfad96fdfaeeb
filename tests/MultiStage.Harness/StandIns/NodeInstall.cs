namespace MultiStage.Harness.StandIns;

/// <summary>This machine's Node.js, copied into node stand-ins: one binary plus npm (and corepack) with their dependencies.</summary>
public sealed record NodeInstall(string Binary, string Modules, string Version)
{
    public static NodeInstall Find()
    {
        var node = ExecutableSearch.Find("node") ?? throw new StandInException("Node.js is not installed on this machine; node images cannot be stood in");
        var binary = ExecutableSearch.RealPath(node);
        var modules = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(binary)!, "..", "lib", "node_modules"));
        var version = ProcessRunner.Run(binary, new[] { "--version" }, "/", timeout: TimeSpan.FromMinutes(1)).Output.Trim().TrimStart('v');

        // The official builds (nodejs.org, NodeSource) are one binary plus npm with its dependencies bundled; a
        // distribution's build links a shared libnode and spreads npm over many packages, so it cannot be copied.
        if (ProcessRunner.Run("ldd", new[] { binary }, "/", timeout: TimeSpan.FromMinutes(1)).Output.Contains("libnode", StringComparison.Ordinal))
        {
            throw new StandInException($"this machine's Node.js ({binary}) links a shared libnode; install an official build (nodejs.org or NodeSource) to stand in node images");
        }

        if (!Directory.Exists(Path.Combine(modules, "npm", "node_modules")))
        {
            throw new StandInException($"no self-contained npm beside {binary} (looked in {modules}); install an official Node.js build to stand in node images");
        }

        return new NodeInstall(binary, modules, version);
    }
}
