using Humanizer;

namespace Bench.Core;

public static class Durations
{
    /// <summary>"3 hours", "1 day": a duration in words.</summary>
    public static string Describe(int minutes) => TimeSpan.FromMinutes(minutes).Humanize();
}
