using Parley.Bench.Results;

namespace Parley.Bench.Report;

/// <summary>Every round of one mode, with one set of parameters, against one server.</summary>
internal sealed class ResultGroup(string server, IReadOnlyList<ModeResult> rounds)
{
    public string Server { get; } = server;

    /// <summary>The rounds, in round order.</summary>
    public IReadOnlyList<ModeResult> Rounds { get; } = [.. rounds.OrderBy(r => r.Round)];

    public Spread? Metric(string name) => Spread.Of(Rounds.Select(r => r.Find(name)).OfType<double>());

    /// <summary>The unit the rounds gave <paramref name="name"/> in, or an empty text when none measured it.</summary>
    public string Unit(string name) =>
        Rounds.SelectMany(r => r.Metrics).FirstOrDefault(m => m.Name == name)?.Unit ?? "";

    /// <summary>Every check that failed, with the round it failed in.</summary>
    public IEnumerable<(int Round, Check Check)> FailedChecks =>
        Rounds.SelectMany(r => r.Checks.Where(c => !c.Passed).Select(c => (r.Round, c)));
}
