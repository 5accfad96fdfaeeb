using MultiStage.Harness;
using MultiStage.Harness.StandIns;

// dotnet run --project tests/MultiStage.Harness -- standins [--arch amd64|arm64] IMAGE...
const string Usage = """
    Usage: standins [--arch amd64|arm64] IMAGE...
      Builds local stand-ins (buildah, as root) for the base images generated Dockerfiles name, e.g.
      standins mcr.microsoft.com/dotnet/sdk:10.0-noble mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra
      --arch  the architecture the stand-ins are labelled with (default: this machine's). A foreign one holds no
              .NET and replaces a native stand-in of the same name until that is asked for again.
    Environment: MULTISTAGE_STANDIN_CACHE, MULTISTAGE_DEBIAN_MIRROR, MULTISTAGE_STANDIN_DOTNET, MULTISTAGE_BUILDAH,
      MULTISTAGE_BUILDAH_STORAGE_DRIVER, BUILDAH_ISOLATION (see eng/real-builds/README.md).
    """;

if (args.Length == 0 || args[0] != "standins" || args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(Usage);
    return args.Length == 0 || args[0] != "standins" ? 2 : 0;
}

string? architecture = null;
var images = new List<string>();
for (var i = 1; i < args.Length; i++)
{
    if (args[i] == "--arch" && i + 1 < args.Length)
    {
        architecture = args[++i];
    }
    else if (args[i].StartsWith("--arch=", StringComparison.Ordinal))
    {
        architecture = args[i]["--arch=".Length..];
    }
    else if (args[i].StartsWith('-'))
    {
        Console.Error.WriteLine($"stand-ins: error: unknown option {args[i]}");
        return 2;
    }
    else
    {
        images.Add(args[i]);
    }
}

if (images.Count == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    var cache = StandInBuilder.DefaultCache;
    new StandInBuilder(cache, new BuildahCli(Path.Combine(cache, "tmp")), architecture, Console.WriteLine).Ensure(images);
    return 0;
}
catch (Exception e) when (e is StandInException or InvalidOperationException)
{
    Console.Error.WriteLine("stand-ins: error: " + e.Message);
    return 1;
}
