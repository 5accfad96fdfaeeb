namespace MultiStage.Bench;

/// <summary>One no-change build of the overhead rounds ("w1".. for warm-up).</summary>
internal sealed record OverheadRow(string Round, string Side, long WallMs, long TargetMs, IReadOnlyList<string> Targets);

/// <summary>The generation task's time in one MSBuild process that calls it once or three times.</summary>
internal sealed record TaskRow(int Round, int Calls, long TaskMs);

/// <summary>
/// One image build or PublishContainer: its time, its steps and how many the layer cache served (none for
/// PublishContainer), whether the restore step was cached, how many projects NuGet restored, and what its push sent
/// and how long the push took (null for PublishContainer, whose Seconds include its push).
/// </summary>
internal sealed record BuildRow(
    string Engine, string Sample, string Variant, string Service, string Phase, int Round, double Seconds,
    int? Steps, int? CachedSteps, string RestoreStepCached, int NugetRestored, long NewLayerBytes, int NewLayers, int ImageLayers, string Load,
    double? PushSeconds = null)
{
    /// <summary>From the start of the build to the image in the registry: the build and its push.</summary>
    public double ToRegistrySeconds => Seconds + (PushSeconds ?? 0);
}

/// <summary>A bench/sample image's app bytes (final minus base) and build context, measured on buildah.</summary>
internal sealed record ImageRow(
    string Variant, string BaseImage, long BaseBytes, long FinalBytes, string Workdir, string User, string Entrypoint,
    IReadOnlyList<(string Path, long Bytes)> AppFiles, IReadOnlyList<(string Path, long Bytes)> ContextFiles)
{
    public long AppBytes => FinalBytes - BaseBytes;
}

/// <summary>Everything a run measured, and the machine it ran on.</summary>
internal sealed class Measurements
{
    public List<OverheadRow> Overhead { get; } = new();

    public List<TaskRow> Task { get; } = new();

    public List<BuildRow> Builds { get; } = new();

    public List<ImageRow> Images { get; } = new();

    /// <summary>The machine facts and load averages, by name (cores, cpu, load_start...).</summary>
    public Dictionary<string, string> Machine { get; } = new();

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
