namespace MultiStage.Bench;

/// <summary>What builds the images: each Dockerfile shape on each engine, and PublishContainer on its own.</summary>
internal sealed record Builder(string Engine, string Variant)
{
    public const string Dotnet = "dotnet";
    public const string PublishContainer = "publish-container";

    /// <summary>The Dockerfile shapes, MultiStage.Sdk's generated one first.</summary>
    public static readonly string[] Shapes = { "multistage", "visual-studio", "dotnet-docker" };

    public static readonly string[] Variants = Shapes.Append(PublishContainer).ToArray();

    public static readonly IReadOnlyDictionary<string, string> EngineLabels = new Dictionary<string, string>
    {
        ["buildkit"] = "BuildKit", ["buildah"] = "buildah", [Dotnet] = "dotnet publish",
    };

    public static readonly IReadOnlyDictionary<string, string> VariantLabels = new Dictionary<string, string>
    {
        ["multistage"] = "MultiStage.Sdk", ["visual-studio"] = "Visual Studio shape", ["dotnet-docker"] = "dotnet-docker shape", [PublishContainer] = "PublishContainer",
    };

    public string Key => $"{Engine}/{Variant}";

    public string Label => Engine == Dotnet ? VariantLabels[Variant] : $"{VariantLabels[Variant]}, {EngineLabels[Engine]}";

    public static IReadOnlyList<Builder> All(IEnumerable<string> engines) =>
        engines.SelectMany(engine => Shapes.Select(variant => new Builder(engine, variant))).Append(new Builder(Dotnet, PublishContainer)).ToList();

    /// <summary>The engine an engine-less builder (PublishContainer) is compared on: BuildKit where the run has it.</summary>
    public static string ComparedEngine(string engine, IReadOnlyList<string> engines) =>
        engine == Dotnet ? (engines.Contains("buildkit") ? "buildkit" : engines[0]) : engine;
}
