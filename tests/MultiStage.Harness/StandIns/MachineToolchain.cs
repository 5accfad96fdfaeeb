
namespace MultiStage.Harness.StandIns;

/// <summary>What this machine brings to its stand-ins: its architecture and the .NET install they copy.</summary>
public sealed record MachineToolchain(string Architecture, string DotnetRoot, string RuntimeVersion, string? AspNetVersion, string SdkVersion)
{
    /// <summary>The .NET install to copy (MULTISTAGE_STANDIN_DOTNET overrides it).</summary>
    public const string DotnetVariable = "MULTISTAGE_STANDIN_DOTNET";

    public int Major => int.Parse(RuntimeVersion.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The content label of .NET stand-ins: a stand-in made from another toolchain is made again.</summary>
    public string DotnetId => $"sdk {SdkVersion}, runtime {RuntimeVersion}, aspnetcore {AspNetVersion ?? "none"}";

    public static string MachineArchitecture() => System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        var other => throw new StandInException($"unsupported machine architecture {other}"),
    };

    public static MachineToolchain Find()
    {
        string root;
        if (Environment.GetEnvironmentVariable(DotnetVariable) is { Length: > 0 } configured)
        {
            root = configured;
        }
        else
        {
            var dotnet = ExecutableSearch.Find("dotnet") ?? throw new StandInException($"dotnet is not on PATH; set {DotnetVariable} to a .NET install folder");
            root = Path.GetDirectoryName(ExecutableSearch.RealPath(dotnet))!;
        }

        if (!File.Exists(Path.Combine(root, "dotnet")))
        {
            throw new StandInException($"no dotnet host in {root}");
        }

        var runtime = LatestVersion(Path.Combine(root, "shared", "Microsoft.NETCore.App"))
            ?? throw new StandInException($"no Microsoft.NETCore.App runtime in {root}/shared");
        return new MachineToolchain(MachineArchitecture(), root, runtime,
            LatestVersion(Path.Combine(root, "shared", "Microsoft.AspNetCore.App")), LatestVersion(Path.Combine(root, "sdk")) ?? string.Empty);
    }

    /// <summary>The highest version folder in a folder, compared number by number.</summary>
    private static string? LatestVersion(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().OrderBy(v => v, VersionOrder.Instance).LastOrDefault()
            : null;

    private sealed class VersionOrder : IComparer<string>
    {
        public static readonly VersionOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var left = Parts(x ?? string.Empty);
            var right = Parts(y ?? string.Empty);
            for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
            {
                var order = long.TryParse(left[i], out var a) && long.TryParse(right[i], out var b) ? a.CompareTo(b) : string.CompareOrdinal(left[i], right[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return left.Length.CompareTo(right.Length);
        }

        private static string[] Parts(string version) => version.Split('.', '-');
    }
}

/// <summary>A stand-in that cannot be made, with the reason.</summary>
public sealed class StandInException(string message) : Exception(message);
