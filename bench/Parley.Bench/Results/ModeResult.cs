namespace Parley.Bench.Results;

/// <summary>One named figure of a run, with its unit (<c>req/s</c>, <c>us</c>, <c>ms</c>, <c>KiB</c>, <c>count</c>...).</summary>
internal sealed record Metric(string Name, double Value, string Unit);

/// <summary>A correctness check of a run (every message delivered, none duplicated...): a failed check fails the run.</summary>
internal sealed record Check(string Name, bool Passed, string Detail);

/// <summary>
/// What one mode measured against one server in one round. <see cref="Parameters"/> tell runs apart for the
/// report (for example <c>subscribers=1000</c>); <see cref="Metrics"/> are the figures, in the order printed.
/// </summary>
internal sealed record ModeResult(
    string Mode,
    string Server,
    string Protocol,
    int Round,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyList<Metric> Metrics,
    IReadOnlyList<Check> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);

    public double? Find(string metric) => Metrics.FirstOrDefault(m => m.Name == metric)?.Value;
}
