namespace Parley.Bench.Report;

/// <summary>The fan-out targets that span several cases: nothing lost anywhere, and the time to connect 10,000 streams.</summary>
internal static class FanoutTargets
{
    public static TargetRow NothingLost(ResultSet results)
    {
        var parley = Lost(results, Servers.Parley);
        var nchan = Lost(results, Servers.Nchan);
        var target = "fanout, every case: nothing lost";
        if (parley.Count == 0)
        {
            return new TargetRow(target, "lost = 0", "not measured", Describe(Servers.Nchan, nchan), "—", Verdict.NotMeasured);
        }

        return new TargetRow(
            target,
            "lost = 0",
            Describe(Servers.Parley, parley),
            Describe(Servers.Nchan, nchan),
            "—",
            parley.All(lost => lost == 0) ? Verdict.Met : Verdict.Missed);
    }

    /// <summary>
    /// From fanout at 10,000 subscribers, whose connect time runs until every join was announced to everyone
    /// (the seed protocol's promise); idle at 10,000 seed streams only when no such fanout ran. The slowest case counts.
    /// </summary>
    public static TargetRow ConnectTime(ResultSet results)
    {
        var limit = Targets.ConnectLimitSeconds;
        var candidates = results.Of("fanout").Where(c => c.Is("subscribers", Targets.ConnectStreams)).ToList();
        if (!candidates.Any(HasConnectTime))
        {
            candidates = [.. results.Of("idle").Where(c => c.Is("streams", Targets.ConnectStreams) && IdleTargets.IsProtocol(c, "seed"))];
        }

        var slowest = candidates.Where(HasConnectTime).MaxBy(c => c.For(Servers.Parley)!.Metric("connectSeconds")!.Median);
        var target = slowest is null
            ? "10,000 seed-protocol streams connected, every join announced"
            : $"10,000 seed-protocol streams connected, every join announced ({slowest.Mode} {slowest.Describe()})";
        var rule = $"≤ {ReportNumber.Format(limit)} s";
        var parley = slowest?.For(Servers.Parley);
        var peer = slowest?.For(Servers.Nchan);
        var peerCell = TargetRule.PeerCell(Servers.Nchan, peer?.Metric("connectSeconds"), peer, "connectSeconds");
        if (parley?.Metric("connectSeconds") is not { } seconds)
        {
            return new TargetRow(target, rule, "not measured", peerCell, "—", Verdict.NotMeasured);
        }

        return new TargetRow(
            target,
            rule,
            TargetRule.Cell(seconds, parley, "connectSeconds"),
            peerCell,
            "—",
            seconds.Median <= limit ? Verdict.Met : Verdict.Missed);
    }

    private static bool HasConnectTime(ResultCase found) => found.For(Servers.Parley)?.Metric("connectSeconds") is not null;

    private static List<double> Lost(ResultSet results, string server) =>
    [
        .. results.Of("fanout")
            .Select(c => c.For(server))
            .OfType<ResultGroup>()
            .SelectMany(g => g.Rounds)
            .Select(r => r.Find("lost"))
            .OfType<double>(),
    ];

    private static string Describe(string server, List<double> lost)
    {
        if (lost.Count == 0)
        {
            return $"{Servers.Display(server)}: not measured";
        }

        var losing = lost.Count(l => l > 0);
        var prefix = server == Servers.Parley ? "" : $"{Servers.Display(server)}: ";
        return losing == 0
            ? $"{prefix}0 lost in {lost.Count} runs"
            : $"{prefix}{ReportNumber.Format(lost.Sum())} lost in {losing} of {lost.Count} runs";
    }
}
