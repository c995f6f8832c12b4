using System.Globalization;

namespace Parley.Bench.Report;

/// <summary>
/// A target stated as Parley's median against a factor of the peer's median: <c>≤ 1.0×</c> for costs
/// (CPU, memory, latency), <c>≥ 1.5×</c> for throughput.
/// </summary>
internal sealed record TargetRule(double Factor, bool AtMost)
{
    public static TargetRule NoMoreThan(double factor) => new(factor, AtMost: true);

    public static TargetRule AtLeast(double factor) => new(factor, AtMost: false);

    public bool Holds(double parley, double peer) => AtMost ? parley <= Factor * peer : parley >= Factor * peer;

    public string Describe(string peer) =>
        $"{(AtMost ? "≤" : "≥")} {Factor.ToString("0.0#", CultureInfo.InvariantCulture)}× {Servers.Display(peer)}";

    /// <summary>Compares one metric of one case; a side that did not measure it makes the target "not measured".</summary>
    public TargetRow Compare(string target, ResultCase? found, string metric, string peer)
    {
        var parley = found?.For(Servers.Parley);
        var other = found?.For(peer);
        var parleySpread = parley?.Metric(metric);
        var peerSpread = other?.Metric(metric);
        if (parleySpread is null || peerSpread is null)
        {
            return new TargetRow(target, Describe(peer), Cell(parleySpread, parley, metric), PeerCell(peer, peerSpread, other, metric), "—", Verdict.NotMeasured);
        }

        return new TargetRow(
            target,
            Describe(peer),
            Cell(parleySpread, parley, metric),
            PeerCell(peer, peerSpread, other, metric),
            Ratio(parleySpread.Median, peerSpread.Median),
            Holds(parleySpread.Median, peerSpread.Median) ? Verdict.Met : Verdict.Missed);
    }

    /// <summary>
    /// Compares several metrics of the same kind at once (memory settled, after a burst, after churn), each side's
    /// figures in one cell separated by slashes: met only when every one holds, not measured when a side lacks any.
    /// </summary>
    public TargetRow CompareEach(string target, ResultGroup? parley, ResultGroup? peer, string peerName, IReadOnlyList<string> metrics)
    {
        var parleySpreads = metrics.Select(m => parley?.Metric(m)).ToList();
        var peerSpreads = metrics.Select(m => peer?.Metric(m)).ToList();
        var parleyCell = Cells(parleySpreads, parley, metrics);
        var peerCell = $"{Servers.Display(peerName)}: {Cells(peerSpreads, peer, metrics)}";
        if (parleySpreads.Contains(null) || peerSpreads.Contains(null))
        {
            return new TargetRow(target, Describe(peerName), parleyCell, peerCell, "—", Verdict.NotMeasured);
        }

        var pairs = parleySpreads.Zip(peerSpreads, (p, o) => (Parley: p!.Median, Peer: o!.Median)).ToList();
        return new TargetRow(
            target,
            Describe(peerName),
            parleyCell,
            peerCell,
            string.Join(" / ", pairs.Select(p => Ratio(p.Parley, p.Peer))),
            pairs.All(p => Holds(p.Parley, p.Peer)) ? Verdict.Met : Verdict.Missed);
    }

    public static string Cell(Spread? spread, ResultGroup? group, string metric) =>
        spread is null || group is null ? "not measured" : $"{spread} {group.Unit(metric)}".TrimEnd();

    public static string PeerCell(string peer, Spread? spread, ResultGroup? group, string metric) =>
        $"{Servers.Display(peer)}: {Cell(spread, group, metric)}";

    private static string Cells(List<Spread?> spreads, ResultGroup? group, IReadOnlyList<string> metrics) =>
        group is null || spreads.All(s => s is null)
            ? "not measured"
            : $"{string.Join(" / ", spreads.Select(s => s?.ToString() ?? "—"))} {metrics.Select(group.Unit).FirstOrDefault(u => u.Length > 0)}".TrimEnd();

    public static string Ratio(double parley, double peer) =>
        peer == 0 ? "—" : (parley / peer).ToString("0.00", CultureInfo.InvariantCulture) + "×";
}
