namespace MultiStage.Bench;

/// <summary>
/// The order of the container builds. Cold: nothing of the sample's Dockerfiles in the layer cache (its earlier images
/// removed, the run's Directory.Build.props new to buildah's cache, BuildKit's cache emptied; a COPY, ADD or RUN step
/// served from a cache fails the run) and every cache mount empty, so every Dockerfile downloads its packages itself.
/// Not --no-cache: that would add a second layer for steps that only set metadata (ARG, WORKDIR), and buildah's cache
/// lookup, which takes the first match, could follow the other one on the rebuild and miss every layer after it. Then
/// one-line edits, the variants' order rotating and the engines' alternating, so drift in the machine's load falls on
/// all alike.
/// </summary>
internal static class ContainerPhases
{
    public static void Run(BenchOptions options, ContainerBuilds builds, BenchLog log, Measurements measurements)
    {
        var small = Solution.Small;
        Cold(builds, small, log, "bench/sample: cold builds", measurements, "load_containers");
        foreach (var variant in Builder.Variants)
        {
            builds.Build(variant, small, "api", "cold", 0, options.EngineOrder(1));
        }

        log.Say($"bench/sample: {options.Edits} one-line edits of Bench.Api, each followed by a rebuild of every Dockerfile on every engine and a PublishContainer");
        for (var e = 1; e <= options.Edits; e++)
        {
            Edits(options, builds, small, "app", e);
        }
    }

    /// <summary>bench/sample-large: cold builds, the second service built right after the first, edits in the app and in the project the others reference.</summary>
    public static void RunLarge(BenchOptions options, ContainerBuilds builds, BenchLog log, Measurements measurements)
    {
        var large = Solution.Large;
        Cold(builds, large, log, "bench/sample-large: cold builds of Orders.Api, then Orders.Worker (the second service)", measurements, "load_large");
        foreach (var variant in Builder.Variants)
        {
            if (variant == Builder.PublishContainer)
            {
                builds.Publish(large, "api", "cold", 0);
                builds.Publish(large, "worker", "second", 0);
                continue;
            }

            foreach (var engine in options.EngineOrder(1))
            {
                builds.ImageBuild(engine, large, variant, "api", "cold", 0);
                builds.ImageBuild(engine, large, variant, "worker", "second", 0);
            }
        }

        log.Say($"bench/sample-large: {options.LargeEdits} rounds of a one-line edit in Orders.Api and one in Orders.Domain, each followed by a rebuild of every Dockerfile on every engine and a PublishContainer");
        for (var e = 1; e <= options.LargeEdits; e++)
        {
            Edits(options, builds, large, "app", e);
            Edits(options, builds, large, "domain", e);
        }
    }

    /// <summary>The load average noted, then every layer cache and cache mount of the solution emptied.</summary>
    private static void Cold(ContainerBuilds builds, Solution s, BenchLog log, string title, Measurements measurements, string loadKey)
    {
        log.Say(title);
        measurements.Machine[loadKey] = Measurements.LoadAverage();
        builds.ColdStart(s);
    }

    /// <summary>The edit-th one-line edit in each variant's copy, each followed by its rebuilds.</summary>
    private static void Edits(BenchOptions options, ContainerBuilds builds, Solution s, string what, int e)
    {
        foreach (var variant in BenchOptions.Rotated(e, Builder.Variants))
        {
            builds.Edit(s, variant, what, e);
            builds.Build(variant, s, "api", $"edit-{what}", e, options.EngineOrder(e));
        }
    }
}
