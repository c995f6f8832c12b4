using System.Globalization;

namespace Parley.Bench.Report;

/// <summary>
/// Durable Parley beside Parley in memory, as issue 9 asks: per number of keep-alive senders, messages/s and
/// server CPU per message for both and the CPU ratio, then the two durable targets with their verdicts.
/// </summary>
internal static class DurableSection
{
    public const string Heading = "## Durable send beside send in memory";

    public static void Write(TextWriter markdown, ResultSet results)
    {
        markdown.WriteLine(Heading);
        markdown.WriteLine();
        markdown.WriteLine("Durable is Parley as it ships: every message stored in SQLite (a fresh `--data-dir` per run) before its send " +
            "is answered. In memory is the same build with `--store memory`. One listener, keep-alive senders; CPU per message is " +
            "the server's CPU time from the first send until the listener had every message, divided by the messages. The latency " +
            $"target comes from the paced fan-out at {ReportNumber.Format(DurableTargets.LatencyListeners)} subscribers in the fanout table.");
        markdown.WriteLine();
        string[] header =
        [
            "senders", "messages", "durable: messages/s", "in memory: messages/s", "durable: CPU per message (us)",
            "in memory: CPU per message (us)", "durable ÷ in memory: CPU per message", "rounds (durable / in memory)",
        ];
        markdown.WriteLine(MarkdownText.Row(header));
        markdown.WriteLine(MarkdownText.Separator(header.Select(_ => true)));
        foreach (var senders in SendersOf(results))
        {
            markdown.WriteLine(MarkdownText.Row(Cells(senders, DurableTargets.Send(results, senders))));
        }

        markdown.WriteLine();
        TargetTable.Write(markdown, DurableTargets.Evaluate(results));
    }

    /// <summary>The 1, 16 and 64 senders, each shown even when not measured, and any other number that was.</summary>
    private static IEnumerable<double> SendersOf(ResultSet results) =>
        results.Of("send")
            .Where(c => c.Has("keepAlive", "true") && (c.For(Servers.Parley) is not null || c.For(Servers.ParleyMemory) is not null))
            .Select(c => c.Number("concurrency"))
            .OfType<double>()
            .Concat(DurableTargets.Senders.Select(s => (double)s))
            .Distinct()
            .Order();

    private static string[] Cells(double senders, ResultCase? found)
    {
        var durable = found?.For(Servers.Parley);
        var memory = found?.For(Servers.ParleyMemory);
        var durableCpu = durable?.Metric("cpuUsPerSend");
        var memoryCpu = memory?.Metric("cpuUsPerSend");
        return
        [
            ReportNumber.Format(senders),
            found?.Number("requests") is { } requests ? ReportNumber.Format(requests) : "—",
            durable?.Metric("sendsPerSec")?.ToString() ?? "—",
            memory?.Metric("sendsPerSec")?.ToString() ?? "—",
            durableCpu?.ToString() ?? "—",
            memoryCpu?.ToString() ?? "—",
            durableCpu is not null && memoryCpu is not null ? TargetRule.Ratio(durableCpu.Median, memoryCpu.Median) : "—",
            $"{Rounds(durable)} / {Rounds(memory)}",
        ];
    }

    private static string Rounds(ResultGroup? group) => (group?.Rounds.Count ?? 0).ToString(CultureInfo.InvariantCulture);
}
