using Parley.Bench.Results;

namespace Parley.Tests.Bench;

/// <summary>Hand-made results, as the modes would write them, for the report's tests.</summary>
internal static class ResultFixtures
{
    public static ModeResult Result(string mode, string server, int round, string parameters, params (string Name, double Value)[] metrics) =>
        new(
            mode,
            server,
            server == "nchan" ? "nchan" : "seed",
            round,
            Parameters(parameters),
            [.. metrics.Select(m => new Metric(m.Name, m.Value, UnitOf(m.Name)))],
            [new Check("every response as expected", true, "")]);

    public static ModeResult Failed(ModeResult result, string check) =>
        result with { Checks = [new Check(check, false, "2 missing")] };

    /// <summary><c>"keepAlive=false concurrency=10"</c> as the parameters of a result, in that order.</summary>
    public static Dictionary<string, string> Parameters(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .ToDictionary(p => p[0], p => p[1]);

    /// <summary>The same metric over rounds 1, 2, 3...: one result per value.</summary>
    public static IEnumerable<ModeResult> Rounds(string mode, string server, string parameters, string metric, params double[] values) =>
        values.Select((v, i) => Result(mode, server, i + 1, parameters, (metric, v)));

    private static string UnitOf(string metric) => metric switch
    {
        _ when metric.EndsWith("Ms", StringComparison.Ordinal) => "ms",
        _ when metric.StartsWith("cpuUs", StringComparison.Ordinal) || metric == "idleCpuUsPerStreamSecond" => "us",
        _ when metric.EndsWith("Kib", StringComparison.Ordinal) || metric.StartsWith("kibPerStream", StringComparison.Ordinal) => "KiB",
        _ when metric.EndsWith("Seconds", StringComparison.Ordinal) => "s",
        "reqPerSec" or "sendsPerSec" => "req/s",
        "deliveriesPerSec" => "deliveries/s",
        _ => "count",
    };
}
