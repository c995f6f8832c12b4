using System.Globalization;

namespace Parley.Bench.Report;

/// <summary>
/// One mode's table: a row per case and metric, a column per server (Parley first, then its peer), the ratio
/// of Parley's median to each other server's, the seed's figure where it published one, and the rounds.
/// </summary>
internal static class ModeTable
{
    public static void Write(TextWriter markdown, ResultSet results, string mode)
    {
        var cases = results.Of(mode).ToList();
        var servers = Servers.InColumnOrder(mode, cases.SelectMany(c => c.ServerNames));
        var others = servers.Where(s => s != Servers.Parley).ToList();
        var varying = VaryingParameters(cases);
        var constant = cases[0].Parameters.Where(p => !varying.Contains(p.Key)).Select(p => $"{p.Key}={p.Value}").ToList();
        if (constant.Count > 0)
        {
            markdown.WriteLine($"Every case: `{string.Join(" ", constant)}`.");
            markdown.WriteLine();
        }

        var withCase = varying.Count > 0;
        var withSeed = SeedFigures.Has(mode);
        var header = new List<string>();
        if (withCase)
        {
            header.Add("case");
        }

        header.Add("metric");
        header.AddRange(servers.Select(Servers.Display));
        if (servers.Contains(Servers.Parley))
        {
            header.AddRange(others.Select(o => $"Parley ÷ {Servers.Display(o)}"));
        }

        if (withSeed)
        {
            header.Add("seed (PHP, published)");
        }

        header.Add($"rounds ({string.Join(" / ", servers.Select(Servers.Display))})");
        markdown.WriteLine(MarkdownText.Row(header));
        markdown.WriteLine(MarkdownText.Separator(header.Select((_, i) => i >= (withCase ? 2 : 1))));
        foreach (var found in cases)
        {
            var label = string.Join(" ", found.Parameters.Where(p => varying.Contains(p.Key)).Select(p => $"{p.Key}={p.Value}"));
            foreach (var metric in MetricsOf([found]))
            {
                markdown.WriteLine(MarkdownText.Row(Cells(found, metric, label, servers, others, withCase, withSeed)));
            }
        }

        WriteFailedChecks(markdown, cases, servers);
    }

    private static List<string> Cells(
        ResultCase found, string metric, string label, IReadOnlyList<string> servers, List<string> others, bool withCase, bool withSeed)
    {
        var cells = new List<string>();
        if (withCase)
        {
            cells.Add(label);
        }

        var unit = servers.Select(s => found.For(s)?.Unit(metric)).FirstOrDefault(u => !string.IsNullOrEmpty(u));
        cells.Add(unit is null ? metric : $"{metric} ({unit})");
        cells.AddRange(servers.Select(s => found.For(s)?.Metric(metric)?.ToString() ?? "—"));
        if (servers.Contains(Servers.Parley))
        {
            var parley = found.For(Servers.Parley)?.Metric(metric);
            cells.AddRange(others.Select(o =>
                parley is not null && found.For(o)?.Metric(metric) is { } peer ? TargetRule.Ratio(parley.Median, peer.Median) : "—"));
        }

        if (withSeed)
        {
            cells.Add(SeedFigures.For(found, metric) ?? "");
        }

        cells.Add(string.Join(" / ", servers.Select(s => (found.For(s)?.Rounds.Count ?? 0).ToString(CultureInfo.InvariantCulture))));
        return cells;
    }

    /// <summary>Metric names in the order the modes wrote them, each once.</summary>
    public static IReadOnlyList<string> MetricsOf(IEnumerable<ResultCase> cases) =>
    [
        .. cases
            .SelectMany(c => Servers.InColumnOrder(c.Mode, c.ServerNames).Select(s => c.For(s)!))
            .SelectMany(g => g.Rounds)
            .SelectMany(r => r.Metrics)
            .Select(m => m.Name)
            .Distinct(StringComparer.Ordinal),
    ];

    /// <summary>The parameters whose value is not the same in every case: they name the rows.</summary>
    private static HashSet<string> VaryingParameters(List<ResultCase> cases)
    {
        var names = cases.SelectMany(c => c.Parameters.Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        return names.Where(n => cases.Select(c => c.Parameter(n)).Distinct(StringComparer.Ordinal).Count() > 1).ToHashSet(StringComparer.Ordinal);
    }

    private static void WriteFailedChecks(TextWriter markdown, List<ResultCase> cases, IReadOnlyList<string> servers)
    {
        var failed = (
            from found in cases
            from server in servers
            let g = found.For(server)
            where g is not null
            from f in g.FailedChecks
            select $"- {Servers.Display(server)}, {found.Describe()}, round {f.Round}: {f.Check.Name} failed ({f.Check.Detail})").ToList();
        MarkdownText.WriteFailedChecks(markdown, failed);
    }
}
