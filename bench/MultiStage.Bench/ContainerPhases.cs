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
        log.Say("bench/sample: cold builds");
        measurements.Machine["load_containers"] = Measurements.LoadAverage();
        builds.ColdStart(small);
        foreach (var variant in Builder.Variants)
        {
            builds.Build(variant, small, "api", "cold", 0, options.EngineOrder(1));
        }

        log.Say($"bench/sample: {options.Edits} one-line edits of Bench.Api, each followed by a rebuild of every Dockerfile on every engine and a PublishContainer");
        for (var e = 1; e <= options.Edits; e++)
        {
            foreach (var variant in BenchOptions.Rotated(e, Builder.Variants))
            {
                builds.Edit(small, variant, "app", e);
                builds.Build(variant, small, "api", "edit-app", e, options.EngineOrder(e));
            }
        }
    }

    /// <summary>bench/sample-large: cold builds, the second service built right after the first, edits in the app and in the project the others reference.</summary>
    public static void RunLarge(BenchOptions options, ContainerBuilds builds, BenchLog log, Measurements measurements)
    {
        var large = Solution.Large;
        log.Say("bench/sample-large: cold builds of Orders.Api, then Orders.Worker (the second service)");
        measurements.Machine["load_large"] = Measurements.LoadAverage();
        builds.ColdStart(large);
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
            foreach (var what in new[] { "app", "domain" })
            {
                foreach (var variant in BenchOptions.Rotated(e, Builder.Variants))
                {
                    builds.Edit(large, variant, what, e);
                    builds.Build(variant, large, "api", $"edit-{what}", e, options.EngineOrder(e));
                }
            }
        }
    }
}
