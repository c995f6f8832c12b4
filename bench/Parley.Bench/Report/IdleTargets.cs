namespace Parley.Bench.Report;

/// <summary>
/// The idle targets, for Parley's seed protocol and its JSON protocol each: memory per stream no more than Nchan's
/// (settled, after a burst, after churn) at 10,000 streams and at the most streams both servers held, and the server's
/// CPU per quiet stream written down beside Nchan's at every count; and the memory of a server at rest beside nginx's.
/// </summary>
internal static class IdleTargets
{
    /// <summary>Streams every idle target is judged at, besides the most both servers held.</summary>
    public const int Streams = 10_000;

    /// <summary>Parley's protocols: a JSON result carries the parameter <c>protocol=json</c>, a seed result none.</summary>
    public static readonly string[] Protocols = ["seed", "json"];

    public static readonly string[] MemoryMetrics = ["kibPerStream", "kibPerStreamAfterBurst", "kibPerStreamAfterChurn"];

    public const string CpuMetric = "idleCpuUsPerStreamSecond";

    /// <summary>A row per protocol and count: <see cref="Streams"/>, and the most streams Parley on it and Nchan both held when that differs.</summary>
    public static IEnumerable<TargetRow> MemoryPerStream(ResultSet results) =>
        from protocol in Protocols
        from streams in CountsToJudge(results, protocol)
        select MemoryPerStream(results, protocol, streams);

    public static TargetRow MemoryPerStream(ResultSet results, string protocol, double streams) =>
        TargetRule.NoMoreThan(1.0).CompareEach(
            $"idle, {ReportNumber.Format(streams)} streams, {Display(protocol)}: memory per stream settled / after burst / after churn",
            ParleyAt(results, protocol, streams),
            NchanAt(results, streams),
            Servers.Nchan,
            MemoryMetrics);

    /// <summary>
    /// The server's CPU per stream and second while nothing is sent, at every count measured, so whether it grows with
    /// the streams shows. The target is to write it down beside Nchan's: both measured at one count is "met".
    /// </summary>
    public static TargetRow CpuWhileQuiet(ResultSet results, string protocol)
    {
        var target = $"idle, {Display(protocol)}: server CPU per stream-second while quiet";
        const string Rule = "does not grow; written down beside Nchan's";
        var parley = CpuByCount(results, c => IsProtocol(c, protocol), Servers.Parley);
        var nchan = CpuByCount(results, c => IsProtocol(c, "seed"), Servers.Nchan);
        var peerCell = $"{Servers.Display(Servers.Nchan)}: {CpuCell(nchan)}";
        var both = parley.Keys.Intersect(nchan.Keys).DefaultIfEmpty(double.NaN).Max();
        if (double.IsNaN(both))
        {
            return new TargetRow(target, Rule, CpuCell(parley), peerCell, "—", Verdict.NotMeasured);
        }

        return new TargetRow(target, Rule, CpuCell(parley), peerCell, TargetRule.Ratio(parley[both].Median, nchan[both].Median), Verdict.Met);
    }

    /// <summary>
    /// bench/run.sh records it as <c>idle</c> with <c>streams=0</c> against both servers: the memory (Pss) of a server
    /// that has started and served nothing. The target is to write it down, so both figures present is "met".
    /// </summary>
    public static TargetRow MemoryAtRest(ResultSet results)
    {
        var found = results.Find("idle", c => c.Is("streams", 0), Servers.Parley, Servers.Nginx);
        var compared = TargetRule.NoMoreThan(1.0).Compare("idle server memory (Pss), no streams", found, "pssBeforeKib", Servers.Nginx);
        return compared with
        {
            Rule = "written down beside nginx's",
            Verdict = compared.Verdict == Verdict.NotMeasured ? Verdict.NotMeasured : Verdict.Met,
        };
    }

    /// <summary>Whether an idle case is Parley's on <paramref name="protocol"/>: Nchan's cases are the seed's, with no protocol parameter.</summary>
    public static bool IsProtocol(ResultCase found, string protocol) => (found.Parameter("protocol") ?? "seed") == protocol;

    private static IEnumerable<double> CountsToJudge(ResultSet results, string protocol)
    {
        var most = results.Of("idle")
            .Where(c => c.Number("streams") > 0 && IsProtocol(c, protocol))
            .Select(c => c.Number("streams")!.Value)
            .Where(streams => ParleyAt(results, protocol, streams) is not null && NchanAt(results, streams) is not null)
            .DefaultIfEmpty(Streams)
            .Max();
        return most == Streams ? [Streams] : [.. new double[] { Streams, most }.Order()];
    }

    private static ResultGroup? ParleyAt(ResultSet results, string protocol, double streams) =>
        results.Of("idle").FirstOrDefault(c => c.Is("streams", streams) && IsProtocol(c, protocol))?.For(Servers.Parley);

    private static ResultGroup? NchanAt(ResultSet results, double streams) =>
        results.Of("idle").FirstOrDefault(c => c.Is("streams", streams) && IsProtocol(c, "seed"))?.For(Servers.Nchan);

    private static SortedDictionary<double, Spread> CpuByCount(ResultSet results, Func<ResultCase, bool> matches, string server)
    {
        var byCount = new SortedDictionary<double, Spread>();
        foreach (var found in results.Of("idle").Where(c => c.Number("streams") > 0 && matches(c)))
        {
            if (found.For(server)?.Metric(CpuMetric) is { } cpu)
            {
                byCount[found.Number("streams")!.Value] = cpu;
            }
        }

        return byCount;
    }

    private static string CpuCell(SortedDictionary<double, Spread> byCount) =>
        byCount.Count == 0 ? "not measured" : string.Join("; ", byCount.Select(p => $"{p.Value} us at {ReportNumber.Format(p.Key)}"));

    private static string Display(string protocol) => protocol == "json" ? "JSON protocol" : "seed protocol";
}
