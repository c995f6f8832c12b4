using Parley.Bench.Results;
using static Parley.Tests.Bench.ReportFolder;
using static Parley.Tests.Bench.ResultFixtures;

namespace Parley.Tests.Bench;

public sealed class DurableReportTests
{
    private const string NoKeepAlive = "concurrency=10 requests=10000 keepAlive=false";
    private const string Senders1 = "concurrency=1 requests=5000 keepAlive=true";
    private const string Senders16 = "concurrency=16 requests=20000 keepAlive=true";
    private const string Senders64 = "concurrency=64 requests=20000 keepAlive=true";
    private const string Paced = "subscribers=1000 broadcasts=200 rate=20 publishers=4";

    [Fact]
    public async Task The_durable_section_gives_each_number_of_senders_both_figures_the_cpu_ratio_and_the_targets()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        await folder.ReportAsync();

        Assert.Equal(
            [
                "## Durable send beside send in memory",
                "",
                "Durable is Parley as it ships: every message stored in SQLite (a fresh `--data-dir` per run) before its send is answered. " +
                "In memory is the same build with `--store memory`. One listener, keep-alive senders; CPU per message is the server's CPU time " +
                "from the first send until the listener had every message, divided by the messages. The latency target comes from " +
                "the paced fan-out at 1,000 subscribers in the fanout table.",
                "",
                "| senders | messages | durable: messages/s | in memory: messages/s | durable: CPU per message (us) | in memory: CPU per message (us) | durable ÷ in memory: CPU per message | rounds (durable / in memory) |",
                "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                "| 1 | 5,000 | 310 (300–320) | 2,500 | 110 (100–120) | 60 | 1.83× | 3 / 3 |",
                "| 16 | 20,000 | 4,000 | 9,000 | 80 | 50 | 1.60× | 1 / 1 |",
                "| 64 | 20,000 | 5,000 | 10,000 | 75 | 50 | 1.50× | 1 / 1 |",
                "",
                "| target | rule | Parley | peer | Parley ÷ peer | verdict |",
                "| --- | --- | --- | --- | ---: | --- |",
                "| send, keep-alive, 64 senders: durable CPU per message | ≤ 1.5× Parley in memory | 75 us; every message delivered | Parley in memory: 50 us | 1.50× | met |",
                "| fanout, 1,000 subscribers, 20 broadcasts/s: p99 send-to-delivery | < 50 ms | 30 ms | Parley in memory: 20 ms | — | met |",
            ],
            Section(File.ReadAllLines(folder.Markdown), "## Durable send"));
    }

    [Fact]
    public async Task Senders_the_issue_names_but_no_run_measured_are_rows_of_dashes()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(
        [
            Result("send", "parley", 1, "concurrency=4 requests=300 keepAlive=true", ("sendsPerSec", 900), ("cpuUsPerSend", 90)),
            Result("send", "parley-memory", 1, Senders64, ("sendsPerSec", 10_000), ("cpuUsPerSend", 50)),
        ]);

        await folder.ReportAsync();
        var rows = Section(File.ReadAllLines(folder.Markdown), "## Durable send")[6..10];

        Assert.Equal(
            [
                "| 1 | — | — | — | — | — | — | 0 / 0 |",
                "| 4 | 300 | 900 | — | 90 | — | — | 1 / 0 |",
                "| 16 | — | — | — | — | — | — | 0 / 0 |",
                "| 64 | 20,000 | — | 10,000 | — | 50 | — | 0 / 1 |",
            ],
            rows);
    }

    [Fact]
    public async Task The_send_table_shows_parley_in_memory_after_nchan_with_a_ratio_each()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        await folder.ReportAsync();
        var send = Section(File.ReadAllLines(folder.Markdown), "## send");

        Assert.Equal(
            [
                "## send: one listener, many sends, beside Nchan's publish and Parley in memory",
                "",
                "| case | metric | Parley | Nchan | Parley in memory | Parley ÷ Nchan | Parley ÷ Parley in memory | seed (PHP, published) | rounds (Parley / Nchan / Parley in memory) |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                "| concurrency=10 requests=10000 keepAlive=false | sendsPerSec (req/s) | 4,000 | 6,000 | — | 0.67× | — | 9,872 | 1 / 1 / 0 |",
                "| concurrency=10 requests=10000 keepAlive=false | cpuUsPerSend (us) | 300 | 100 | — | 3.00× | — |  | 1 / 1 / 0 |",
                "| concurrency=10 requests=10000 keepAlive=false | delivered (count) | 10,000 | 10,000 | — | 1.00× | — |  | 1 / 1 / 0 |",
                "| concurrency=1 requests=5000 keepAlive=true | sendsPerSec (req/s) | 310 (300–320) | — | 2,500 | — | 0.12× |  | 3 / 0 / 3 |",
            ],
            send[..8]);
    }

    [Fact]
    public async Task The_targets_table_carries_the_durable_targets_and_the_nchan_fanout_ones()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        await folder.ReportAsync();
        var targets = Section(File.ReadAllLines(folder.Markdown), "## Targets");

        Assert.Equal("| send, keep-alive, 64 senders: durable CPU per message | ≤ 1.5× Parley in memory | 75 us; every message delivered | Parley in memory: 50 us | 1.50× | met |", targets[9]);
        Assert.Equal("| fanout, 1,000 subscribers, as fast as publishers allow: deliveries/s | ≥ 1.5× Nchan | not measured | Nchan: not measured | — | not measured |", targets[10]);
        Assert.Equal("| fanout, 5,000 subscribers, as fast as publishers allow: deliveries/s | ≥ 1.5× Nchan | not measured | Nchan: not measured | — | not measured |", targets[11]);
        Assert.Equal("| fanout, 10,000 subscribers, as fast as publishers allow: deliveries/s | ≥ 1.5× Nchan | not measured | Nchan: not measured | — | not measured |", targets[12]);
        Assert.Equal("| fanout, 1,000 subscribers, 20 broadcasts/s: p99 send-to-delivery | < 50 ms | 30 ms | Parley in memory: 20 ms | — | met |", targets[14]);
    }

    [Fact]
    public async Task The_introduction_says_parley_is_the_durable_default_and_how_long_a_full_run_takes()
    {
        using var folder = new ReportFolder();
        await folder.AddAsync(Fixture());

        await folder.ReportAsync();
        var lines = File.ReadAllLines(folder.Markdown);

        Assert.StartsWith("It takes about an hour: ", Section(lines, "## How to regenerate")[6], StringComparison.Ordinal);
        Assert.Contains(
            "- Parley is the durable default: every message stored in SQLite, in a fresh data folder per run, before its send is answered. " +
            "Parley in memory is the same build with `--store memory`, run beside it where storing shows: keep-alive sends and a paced fan-out.",
            Section(lines, "## How to read it"));
    }

    private static List<ModeResult> Fixture() =>
    [
        Result("send", "parley", 1, NoKeepAlive, ("sendsPerSec", 4_000), ("cpuUsPerSend", 300), ("delivered", 10_000)),
        Result("send", "nchan", 1, NoKeepAlive, ("sendsPerSec", 6_000), ("cpuUsPerSend", 100), ("delivered", 10_000)),
        Result("send", "parley", 1, Senders1, ("sendsPerSec", 300), ("cpuUsPerSend", 120), ("delivered", 5_000)),
        Result("send", "parley", 2, Senders1, ("sendsPerSec", 320), ("cpuUsPerSend", 100), ("delivered", 5_000)),
        Result("send", "parley", 3, Senders1, ("sendsPerSec", 310), ("cpuUsPerSend", 110), ("delivered", 5_000)),
        .. Enumerable.Range(1, 3).Select(r => Result("send", "parley-memory", r, Senders1, ("sendsPerSec", 2_500), ("cpuUsPerSend", 60), ("delivered", 5_000))),
        Result("send", "parley", 1, Senders16, ("sendsPerSec", 4_000), ("cpuUsPerSend", 80), ("delivered", 20_000)),
        Result("send", "parley-memory", 1, Senders16, ("sendsPerSec", 9_000), ("cpuUsPerSend", 50), ("delivered", 20_000)),
        Result("send", "parley", 1, Senders64, ("sendsPerSec", 5_000), ("cpuUsPerSend", 75), ("delivered", 20_000)),
        Result("send", "parley-memory", 1, Senders64, ("sendsPerSec", 10_000), ("cpuUsPerSend", 50), ("delivered", 20_000)),
        Result("fanout", "parley", 1, Paced, ("p99Ms", 30), ("lost", 0)),
        Result("fanout", "parley-memory", 1, Paced, ("p99Ms", 20), ("lost", 0)),
    ];
}
