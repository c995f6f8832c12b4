namespace Parley.Bench.Report;

/// <summary>The memory targets: KiB per idle stream against Nchan's, and the idle server's memory (Pss) beside nginx's.</summary>
internal static class IdleTargets
{
    /// <summary>From the largest number of streams both Parley and Nchan held: the per-stream cost is clearest there.</summary>
    public static TargetRow MemoryPerStream(ResultSet results)
    {
        var found = results.Of("idle")
            .Where(c => c.Number("streams") > 0 && c.For(Servers.Parley) is not null && c.For(Servers.Nchan) is not null)
            .MaxBy(c => c.Number("streams"));
        var target = found is null
            ? "idle: memory per stream"
            : $"idle, {ReportNumber.Format(found.Number("streams")!.Value)} streams: memory per stream";
        return TargetRule.NoMoreThan(1.0).Compare(target, found, "kibPerStream", Servers.Nchan);
    }

    /// <summary>
    /// bench/run.sh records it as <c>idle</c> with <c>streams=0</c> against both servers: the memory (Pss) of a server
    /// that has started and served nothing. The target is to write it down, so both figures present is "met".
    /// </summary>
    public static TargetRow MemoryAtRest(ResultSet results)
    {
        var found = results.Find("idle", c => c.Is("streams", 0), Servers.Parley, Servers.Nginx);
        var compared = TargetRule.NoMoreThan(1.0).Compare("idle server memory (Pss), no streams", found, "pssBeforeKib", Servers.Nginx);
        return compared with
        {
            Rule = "written down beside nginx's",
            Verdict = compared.Verdict == Verdict.NotMeasured ? Verdict.NotMeasured : Verdict.Met,
        };
    }
}
