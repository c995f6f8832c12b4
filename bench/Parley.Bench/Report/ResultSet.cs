using Parley.Bench.Results;

namespace Parley.Bench.Report;

/// <summary>
/// Every result of a run, grouped by mode, parameters and server, in one fixed order (mode, then parameters
/// compared as numbers where they are numbers) so the same results always make the same report.
/// </summary>
internal sealed class ResultSet
{
    /// <summary>The modes in the order the issue lists them; any other mode follows, by name.</summary>
    private static readonly string[] ModeOrder = ["static", "send", "fanout", "idle"];

    private ResultSet(IReadOnlyList<ResultCase> cases, int count)
    {
        Cases = cases;
        Count = count;
    }

    public IReadOnlyList<ResultCase> Cases { get; }

    /// <summary>How many results (one per mode, parameters, server and round) the set holds.</summary>
    public int Count { get; }

    public IEnumerable<string> Modes => Cases.Select(c => c.Mode).Distinct();

    public static ResultSet From(IEnumerable<ModeResult> results)
    {
        // Sorted first, so which result's parameter order a group keeps does not depend on the input order.
        var sorted = results
            .OrderBy(r => r.Mode, StringComparer.Ordinal)
            .ThenBy(r => CaseKey(r.Parameters), StringComparer.Ordinal)
            .ThenBy(r => r.Server, StringComparer.Ordinal)
            .ThenBy(r => r.Round)
            .ToList();
        var cases = sorted
            .GroupBy(r => (r.Mode, Key: CaseKey(r.Parameters)))
            .Select(c => new ResultCase(
                c.Key.Mode,
                [.. c.First().Parameters],
                c.GroupBy(r => r.Server, StringComparer.Ordinal).Select(s => new ResultGroup(s.Key, [.. s]))))
            .OrderBy(c => ModeRank(c.Mode))
            .ThenBy(c => c.Mode, StringComparer.Ordinal)
            .ThenBy(c => c, CaseOrder.Instance)
            .ToList();
        return new ResultSet(cases, sorted.Count);
    }

    public IEnumerable<ResultCase> Of(string mode) => Cases.Where(c => c.Mode == mode);

    /// <summary>
    /// The first case of <paramref name="mode"/> that matches and that every one of <paramref name="servers"/>
    /// measured; failing that the first that matches, so a target can still show the side that was measured.
    /// </summary>
    public ResultCase? Find(string mode, Func<ResultCase, bool> matches, params string[] servers)
    {
        var matching = Of(mode).Where(matches).ToList();
        return matching.FirstOrDefault(c => servers.All(s => c.For(s) is not null)) ?? matching.FirstOrDefault();
    }

    private static int ModeRank(string mode) => Array.IndexOf(ModeOrder, mode) is var rank and >= 0 ? rank : ModeOrder.Length;

    private static string CaseKey(IReadOnlyDictionary<string, string> parameters) =>
        string.Join("\n", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>
    /// Parameter by parameter, numbers as numbers (100 before 1000 before 10000): first the ones that name a
    /// case in the issue, so fan-out reads by subscribers and then rate, then the rest in the mode's own order.
    /// </summary>
    private sealed class CaseOrder : IComparer<ResultCase>
    {
        public static readonly CaseOrder Instance = new();

        private static readonly string[] First = ["keepAlive", "subscribers", "rate", "streams"];

        public int Compare(ResultCase? x, ResultCase? y)
        {
            if (x is null || y is null)
            {
                return x is null ? (y is null ? 0 : -1) : 1;
            }

            var names = First.Where(n => x.Parameter(n) is not null).Concat(x.Parameters.Select(p => p.Key).Except(First));
            foreach (var name in names)
            {
                var order = ParameterValueOrder.Compare(x.Parameter(name), y.Parameter(name));
                if (order != 0)
                {
                    return order;
                }
            }

            return string.CompareOrdinal(x.Describe(), y.Describe());
        }
    }
}
