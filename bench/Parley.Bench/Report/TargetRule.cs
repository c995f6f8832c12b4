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

    public static string Cell(Spread? spread, ResultGroup? group, string metric) =>
        spread is null || group is null ? "not measured" : $"{spread} {group.Unit(metric)}".TrimEnd();

    public static string PeerCell(string peer, Spread? spread, ResultGroup? group, string metric) =>
        $"{Servers.Display(peer)}: {Cell(spread, group, metric)}";

    public static string Ratio(double parley, double peer) =>
        peer == 0 ? "—" : (parley / peer).ToString("0.00", CultureInfo.InvariantCulture) + "×";
}
