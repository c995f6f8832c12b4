namespace Parley.Bench.Report;

/// <summary>
/// The issue's targets, each decided from the results of one run by comparing medians: met, MISSED, or
/// not measured when a side's data is missing.
/// </summary>
internal static class Targets
{
    /// <summary>Streams the seed protocol must connect within <see cref="ConnectLimitSeconds"/>.</summary>
    public const int ConnectStreams = 10_000;

    public const double ConnectLimitSeconds = 60;

    public static readonly int[] FanoutSubscribers = [1_000, 5_000, 10_000];

    public static IReadOnlyList<TargetRow> Evaluate(ResultSet results) =>
    [
        StaticCpu(results, keepAlive: false),
        StaticCpu(results, keepAlive: true),
        SendTargets.CpuAndDelivery(results),
        DurableTargets.CpuPerMessage(results),
        .. FanoutSubscribers.Select(n => FanoutThroughput(results, n)),
        FanoutLatency(results),
        DurableTargets.DeliveryLatency(results),
        FanoutTargets.NothingLost(results),
        FanoutTargets.ConnectTime(results),
        .. IdleTargets.MemoryPerStream(results),
        .. IdleTargets.Protocols.Select(protocol => IdleTargets.CpuWhileQuiet(results, protocol)),
        IdleTargets.MemoryAtRest(results),
    ];

    private static TargetRow StaticCpu(ResultSet results, bool keepAlive)
    {
        var value = keepAlive ? "true" : "false";
        var found = results.Find("static", c => c.Has("keepAlive", value), Servers.Parley, Servers.Nginx);
        var target = $"static, {(keepAlive ? "keep-alive" : "no keep-alive")}: server CPU per request";
        return TargetRule.NoMoreThan(1.0).Compare(target, found, "cpuUsPerRequest", Servers.Nginx);
    }

    private static TargetRow FanoutThroughput(ResultSet results, int subscribers)
    {
        var found = results.Find("fanout", c => c.Is("subscribers", subscribers) && c.Is("rate", 0), Servers.Parley, Servers.Nchan);
        var target = $"fanout, {ReportNumber.Format(subscribers)} subscribers, as fast as publishers allow: deliveries/s";
        return TargetRule.AtLeast(1.5).Compare(target, found, "deliveriesPerSec", Servers.Nchan);
    }

    private static TargetRow FanoutLatency(ResultSet results)
    {
        var found = results.Find("fanout", c => c.Is("subscribers", 10_000) && c.Is("rate", 10), Servers.Parley, Servers.Nchan);
        return TargetRule.NoMoreThan(1.0).Compare("fanout, 10,000 subscribers, 10 broadcasts/s: p99 latency", found, "p99Ms", Servers.Nchan);
    }
}
