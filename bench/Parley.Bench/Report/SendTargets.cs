namespace Parley.Bench.Report;

/// <summary>The send target: CPU per send no more than Nchan's per publish, and every message delivered.</summary>
internal static class SendTargets
{
    public static TargetRow CpuAndDelivery(ResultSet results)
    {
        var found = results.Find("send", _ => true, Servers.Parley, Servers.Nchan);
        var row = TargetRule.NoMoreThan(1.0).Compare("send: server CPU per send, every message delivered", found, "cpuUsPerSend", Servers.Nchan);
        return WithDelivery(row, found);
    }

    /// <summary>
    /// A measured send target says whether Parley delivered every message, and is missed when it did not, however
    /// cheap the sends were.
    /// </summary>
    public static TargetRow WithDelivery(TargetRow row, ResultCase? found)
    {
        if (row.Verdict == Verdict.NotMeasured || found?.For(Servers.Parley) is not { } parley)
        {
            return row;
        }

        var shortfall = Shortfall(parley, found.Number("requests"));
        return shortfall is null
            ? row with { Parley = $"{row.Parley}; every message delivered" }
            : row with { Parley = $"{row.Parley}; {shortfall}", Verdict = Verdict.Missed };
    }

    /// <summary>What went missing in the worst round, or null when every round delivered every send exactly once.</summary>
    private static string? Shortfall(ResultGroup parley, double? requests)
    {
        var fewest = parley.Rounds.Select(r => r.Find("delivered")).OfType<double>().DefaultIfEmpty(double.PositiveInfinity).Min();
        if (requests is { } sent && fewest < sent)
        {
            return $"delivered {ReportNumber.Format(fewest)} of {ReportNumber.Format(sent)} in its worst round";
        }

        return parley.FailedChecks.Select(f => $"{f.Check.Name} failed in round {f.Round}").FirstOrDefault();
    }
}
