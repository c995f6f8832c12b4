namespace Parley.Bench.Report;

internal enum Verdict
{
    Met,
    Missed,
    NotMeasured,
}

/// <summary>One line of the targets table: what was asked, what each side measured, and whether Parley made it.</summary>
internal sealed record TargetRow(string Target, string Rule, string Parley, string Peer, string Ratio, Verdict Verdict)
{
    public string VerdictText => Verdict switch
    {
        Verdict.Met => "met",
        Verdict.Missed => "MISSED",
        _ => "not measured",
    };
}
