using Parley.Bench.Results;

namespace Parley.Bench.Report;

/// <summary>
/// The cluster section's results sorted by setup and by what each case measures: fan-out as fast as the publishers
/// go (rate 0: deliveries/s), paced fan-out (rate above 0: latency a load the tool keeps up with), and keep-alive
/// sends through one node (commits/s of one chat).
/// </summary>
internal sealed class ClusterFigures(IReadOnlyList<ModeResult> results)
{
    public IReadOnlyList<ModeResult> Results => results;

    public ResultGroup? Fast(string server) => Group(server, IsFast);

    public ResultGroup? Paced(string server) => Group(server, IsPaced);

    public ResultGroup? Sends(string server) => Group(server, r => r.Mode == "send");

    /// <summary>The median of <paramref name="metric"/> over <paramref name="group"/>'s rounds, or null when not measured.</summary>
    public static double? Median(ResultGroup? group, string metric) => group?.Metric(metric)?.Median;

    /// <summary>How the fast fan-out, the paced one and the sends were run, for the section's text (null when none was).</summary>
    public string? FastCase => Describe(IsFast);

    public string? PacedCase => Describe(IsPaced);

    public string? SendCase => Describe(r => r.Mode == "send");

    /// <summary>Subscribers of the fast fan-out: every committed broadcast is that many deliveries.</summary>
    public double? Subscribers =>
        results.FirstOrDefault(IsFast)?.Parameters.GetValueOrDefault("subscribers") is { } text
        && double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool IsFast(ModeResult r) => r.Mode == "fanout" && Rate(r) == 0;

    private static bool IsPaced(ModeResult r) => r.Mode == "fanout" && Rate(r) > 0;

    private static double Rate(ModeResult r) =>
        double.TryParse(r.Parameters.GetValueOrDefault("rate", "0"), System.Globalization.CultureInfo.InvariantCulture, out var rate) ? rate : 0;

    private ResultGroup? Group(string server, Func<ModeResult, bool> kind)
    {
        var rounds = results.Where(r => r.Server == server && kind(r)).ToList();
        return rounds.Count == 0 ? null : new ResultGroup(server, rounds);
    }

    // The nodes parameter tells the setups apart, which the table's rows already do.
    private string? Describe(Func<ModeResult, bool> kind) =>
        results.FirstOrDefault(kind) is { } first
            ? string.Join(" ", first.Parameters.Where(p => p.Key != "nodes").Select(p => $"{p.Key}={p.Value}"))
            : null;
}
