namespace Parley.Bench.Report;

/// <summary>One server's line in one panel: a point per subscriber count, each a median with its min–max.</summary>
internal sealed record ChartSeries(string Server, IReadOnlyList<(double Subscribers, Spread Value)> Points)
{
    public string Color => Server == Servers.Parley ? "#1d4ed8" : "#c2410c";

    /// <summary>Nchan's line is dashed, so the two stay apart without colour.</summary>
    public string? Dash => Server == Servers.Parley ? null : "7 4";

    public static ChartSeries From(ResultSet results, string server, string metric)
    {
        var points = results.Of("fanout")
            .Where(c => c.Is("rate", 0) && c.Number("subscribers") is > 0)
            .Select(c => (Subscribers: c.Number("subscribers")!.Value, Value: c.For(server)?.Metric(metric)))
            .Where(p => p.Value is not null)
            .GroupBy(p => p.Subscribers)
            .Select(g => (g.Key, g.First().Value!))
            .OrderBy(p => p.Key)
            .ToList();
        return new ChartSeries(server, points);
    }
}
