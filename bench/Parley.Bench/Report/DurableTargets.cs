namespace Parley.Bench.Report;

/// <summary>
/// Issue 9's targets for durable messages, Parley (stored in SQLite) against Parley in memory from the same run:
/// CPU per message from 64 keep-alive senders, and p99 from send to delivery at 1,000 listeners.
/// </summary>
internal static class DurableTargets
{
    /// <summary>The keep-alive senders the issue compares durable and in-memory sends with.</summary>
    public static readonly int[] Senders = [1, 16, 64];

    public const int CpuSenders = 64;

    public const double CpuFactor = 1.5;

    public const int LatencyListeners = 1_000;

    public const double LatencyLimitMs = 50;

    public static IReadOnlyList<TargetRow> Evaluate(ResultSet results) => [CpuPerMessage(results), DeliveryLatency(results)];

    /// <summary>The keep-alive send case from <paramref name="senders"/> senders, preferring one both Parleys measured.</summary>
    public static ResultCase? Send(ResultSet results, double senders) =>
        results.Find("send", c => c.Has("keepAlive", "true") && c.Is("concurrency", senders), Servers.Parley, Servers.ParleyMemory);

    /// <summary>A durable send that lost messages is no cheaper for it: as for the send target, every message must arrive.</summary>
    public static TargetRow CpuPerMessage(ResultSet results)
    {
        var found = Send(results, CpuSenders);
        var row = TargetRule.NoMoreThan(CpuFactor).Compare(
            $"send, keep-alive, {CpuSenders} senders: durable CPU per message", found, "cpuUsPerSend", Servers.ParleyMemory);
        return SendTargets.WithDelivery(row, found);
    }

    /// <summary>From a paced fan-out at 1,000 subscribers: as fast as publishers allow, p99 measures the queue, not a send.</summary>
    public static TargetRow DeliveryLatency(ResultSet results)
    {
        var found = results.Find(
            "fanout", c => c.Is("subscribers", LatencyListeners) && c.Number("rate") > 0, Servers.Parley, Servers.ParleyMemory);
        var pace = found?.Number("rate") is { } rate ? $"{ReportNumber.Format(rate)} broadcasts/s" : "paced";
        var target = $"fanout, {ReportNumber.Format(LatencyListeners)} subscribers, {pace}: p99 send-to-delivery";
        var rule = $"< {ReportNumber.Format(LatencyLimitMs)} ms";
        var memory = found?.For(Servers.ParleyMemory);
        var memoryCell = TargetRule.PeerCell(Servers.ParleyMemory, memory?.Metric("p99Ms"), memory, "p99Ms");
        var parley = found?.For(Servers.Parley);
        if (parley?.Metric("p99Ms") is not { } p99)
        {
            return new TargetRow(target, rule, "not measured", memoryCell, "—", Verdict.NotMeasured);
        }

        return new TargetRow(target, rule, TargetRule.Cell(p99, parley, "p99Ms"), memoryCell, "—", p99.Median < LatencyLimitMs ? Verdict.Met : Verdict.Missed);
    }
}
