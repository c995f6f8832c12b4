using Parley.Bench.Report;
using Parley.Bench.Results;
using static Parley.Tests.Bench.ResultFixtures;

namespace Parley.Tests.Bench;

public sealed class TargetTests
{
    private const string NoKeepAlive = "keepAlive=false concurrency=10 requests=10000 path=/";
    private const string KeepAlive = "keepAlive=true concurrency=10 requests=10000 path=/";
    private const string Send = "concurrency=10 requests=10000 keepAlive=false";

    [Fact]
    public void Parley_below_nginx_in_cpu_per_request_meets_the_static_target()
    {
        var row = Target("static, no keep-alive",
            Rounds("static", "parley", NoKeepAlive, "cpuUsPerRequest", 8, 10, 9),
            Rounds("static", "nginx", NoKeepAlive, "cpuUsPerRequest", 12, 10, 11));

        Assert.Equal(
            new TargetRow("static, no keep-alive: server CPU per request", "≤ 1.0× nginx", "9 (8–10) us", "nginx: 11 (10–12) us", "0.82×", Verdict.Met),
            row);
    }

    [Fact]
    public void Parley_above_nginx_in_cpu_per_request_misses_the_static_target()
    {
        var row = Target("static, keep-alive",
            Rounds("static", "parley", KeepAlive, "cpuUsPerRequest", 12, 12, 12),
            Rounds("static", "nginx", KeepAlive, "cpuUsPerRequest", 10, 10, 10));

        Assert.Equal(("12 us", "nginx: 10 us", "1.20×", Verdict.Missed, "MISSED"), (row.Parley, row.Peer, row.Ratio, row.Verdict, row.VerdictText));
    }

    [Fact]
    public void A_target_without_the_peers_figures_is_not_measured()
    {
        var row = Target("static, no keep-alive", Rounds("static", "parley", NoKeepAlive, "cpuUsPerRequest", 9));

        Assert.Equal(("9 us", "nginx: not measured", "—", Verdict.NotMeasured, "not measured"), (row.Parley, row.Peer, row.Ratio, row.Verdict, row.VerdictText));
    }

    [Fact]
    public void Every_target_is_not_measured_without_results()
    {
        var rows = Targets.Evaluate(ResultSet.From([]));

        Assert.Equal(16, rows.Count);
        Assert.All(rows, r => Assert.Equal(Verdict.NotMeasured, r.Verdict));
    }

    [Fact]
    public void Send_meets_its_target_with_less_cpu_per_send_and_every_message_delivered()
    {
        var row = Target("send:",
            [Result("send", "parley", 1, Send, ("cpuUsPerSend", 30), ("delivered", 10_000))],
            [Result("send", "nchan", 1, Send, ("cpuUsPerSend", 40), ("delivered", 10_000))]);

        Assert.Equal(("30 us; every message delivered", "0.75×", Verdict.Met), (row.Parley, row.Ratio, row.Verdict));
    }

    [Fact]
    public void Send_misses_its_target_when_a_round_lost_messages_however_cheap_it_was()
    {
        var row = Target("send:",
            [
                Result("send", "parley", 1, Send, ("cpuUsPerSend", 30), ("delivered", 10_000)),
                Failed(Result("send", "parley", 2, Send, ("cpuUsPerSend", 30), ("delivered", 9_998)), "every message once"),
            ],
            [Result("send", "nchan", 1, Send, ("cpuUsPerSend", 40), ("delivered", 10_000))]);

        Assert.Equal(("30 us; delivered 9,998 of 10,000 in its worst round", Verdict.Missed), (row.Parley, row.Verdict));
    }

    [Fact]
    public void Send_misses_its_target_when_the_delivery_check_failed()
    {
        var row = Target("send:",
            [Failed(Result("send", "parley", 1, Send, ("cpuUsPerSend", 30), ("delivered", 10_000)), "every message once")],
            [Result("send", "nchan", 1, Send, ("cpuUsPerSend", 40))]);

        Assert.Equal(("30 us; every message once failed in round 1", Verdict.Missed), (row.Parley, row.Verdict));
    }

    [Theory]
    [InlineData(150, "met")]
    [InlineData(149, "MISSED")]
    public void Fanout_throughput_must_be_one_and_a_half_times_nchans(double parley, string verdict)
    {
        const string Case = "subscribers=1000 broadcasts=1000 rate=0 publishers=4";
        var row = Target("fanout, 1,000 subscribers, as fast",
            Rounds("fanout", "parley", Case, "deliveriesPerSec", parley),
            Rounds("fanout", "nchan", Case, "deliveriesPerSec", 100));

        Assert.Equal(("≥ 1.5× Nchan", verdict), (row.Rule, row.VerdictText));
    }

    [Fact]
    public void Fanout_throughput_is_taken_from_the_runs_as_fast_as_publishers_allow()
    {
        const string Paced = "subscribers=10000 broadcasts=300 rate=10 publishers=4";
        const string Fast = "subscribers=10000 broadcasts=100 rate=0 publishers=4";
        var row = Target("fanout, 10,000 subscribers, as fast",
            [.. Rounds("fanout", "parley", Paced, "deliveriesPerSec", 100), .. Rounds("fanout", "parley", Fast, "deliveriesPerSec", 300)],
            [.. Rounds("fanout", "nchan", Paced, "deliveriesPerSec", 100), .. Rounds("fanout", "nchan", Fast, "deliveriesPerSec", 100)]);

        Assert.Equal(("300 deliveries/s", "3.00×", Verdict.Met), (row.Parley, row.Ratio, row.Verdict));
    }

    [Fact]
    public void Fanout_p99_at_ten_broadcasts_per_second_must_not_exceed_nchans()
    {
        const string Paced = "subscribers=10000 broadcasts=300 rate=10 publishers=4";
        var row = Target("fanout, 10,000 subscribers, 10 broadcasts/s",
            Rounds("fanout", "parley", Paced, "p99Ms", 20, 24),
            Rounds("fanout", "nchan", Paced, "p99Ms", 21, 21));

        Assert.Equal(("22 (20–24) ms", "Nchan: 21 ms", "1.05×", Verdict.Missed), (row.Parley, row.Peer, row.Ratio, row.Verdict));
    }

    [Fact]
    public void One_lost_delivery_in_any_fanout_run_misses_nothing_lost()
    {
        var row = Target("fanout, every case: nothing lost",
            [
                .. Rounds("fanout", "parley", "subscribers=100 rate=0", "lost", 0, 0),
                .. Rounds("fanout", "parley", "subscribers=1000 rate=0", "lost", 0, 2),
            ],
            Rounds("fanout", "nchan", "subscribers=100 rate=0", "lost", 0, 0));

        Assert.Equal(("2 lost in 1 of 4 runs", "Nchan: 0 lost in 2 runs", Verdict.Missed), (row.Parley, row.Peer, row.Verdict));
    }

    [Fact]
    public void Nothing_lost_in_every_fanout_run_meets_the_target()
    {
        var row = Target("fanout, every case: nothing lost", Rounds("fanout", "parley", "subscribers=100 rate=0", "lost", 0, 0, 0));

        Assert.Equal(("0 lost in 3 runs", "Nchan: not measured", Verdict.Met), (row.Parley, row.Peer, row.Verdict));
    }

    [Theory]
    [InlineData(60, "met")]
    [InlineData(61, "MISSED")]
    public void Ten_thousand_seed_streams_must_connect_within_sixty_seconds(double seconds, string verdict)
    {
        var row = Target("10,000 seed-protocol streams",
            [
                .. Rounds("fanout", "parley", "subscribers=10000 rate=0", "connectSeconds", 30),
                .. Rounds("fanout", "parley", "subscribers=10000 rate=10", "connectSeconds", seconds),
                .. Rounds("fanout", "parley", "subscribers=5000 rate=0", "connectSeconds", 90),
            ]);

        Assert.Equal(
            ($"10,000 seed-protocol streams connected, every join announced (fanout subscribers=10000 rate=10)", "≤ 60 s", $"{seconds} s", verdict),
            (row.Target, row.Rule, row.Parley, row.VerdictText));
    }

    [Fact]
    public void Connect_time_comes_from_idle_when_no_fanout_had_ten_thousand_subscribers()
    {
        var row = Target("10,000 seed-protocol streams",
            [
                .. Rounds("idle", "parley", "streams=10000", "connectSeconds", 12),
                .. Rounds("idle", "parley", "streams=10000 protocol=json", "connectSeconds", 70),
                .. Rounds("fanout", "parley", "subscribers=1000 rate=0", "connectSeconds", 1),
            ],
            Rounds("idle", "nchan", "streams=10000", "connectSeconds", 8));

        Assert.Equal(
            ("10,000 seed-protocol streams connected, every join announced (idle streams=10000)", "12 s", "Nchan: 8 s", Verdict.Met),
            (row.Target, row.Parley, row.Peer, row.Verdict));
    }

    [Fact]
    public void Memory_per_idle_stream_is_judged_settled_after_burst_and_after_churn_at_ten_thousand_and_at_the_most_both_held()
    {
        var rows = Targets.Evaluate(ResultSet.From(
        [
            Idle("parley", "streams=1000", 9, 9, 9),
            Idle("parley", "streams=10000", 3, 4, 5),
            Idle("parley", "streams=19000", 3, 5, 7),
            Idle("parley", "streams=30000", 2, 2, 2),
            Idle("nchan", "streams=1000", 5, 5, 5),
            Idle("nchan", "streams=10000", 4, 4, 5),
            Idle("nchan", "streams=19000", 4, 4, 4),
        ])).Where(r => r.Target.Contains("memory per stream", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [
                new TargetRow("idle, 10,000 streams, seed protocol: memory per stream settled / after burst / after churn", "≤ 1.0× Nchan",
                    "3 / 4 / 5 KiB", "Nchan: 4 / 4 / 5 KiB", "0.75× / 1.00× / 1.00×", Verdict.Met),
                new TargetRow("idle, 19,000 streams, seed protocol: memory per stream settled / after burst / after churn", "≤ 1.0× Nchan",
                    "3 / 5 / 7 KiB", "Nchan: 4 / 4 / 4 KiB", "0.75× / 1.25× / 1.75×", Verdict.Missed),
                new TargetRow("idle, 10,000 streams, JSON protocol: memory per stream settled / after burst / after churn", "≤ 1.0× Nchan",
                    "not measured", "Nchan: 4 / 4 / 5 KiB", "—", Verdict.NotMeasured),
            ],
            rows);
    }

    [Fact]
    public void Json_memory_per_stream_is_held_against_nchans_at_the_same_count()
    {
        var row = Target("idle, 10,000 streams, JSON",
            [Idle("parley", "streams=10000 protocol=json", 2, 3, 3), Idle("parley", "streams=10000", 9, 9, 9)],
            [Idle("nchan", "streams=10000", 4, 4, 4)]);

        Assert.Equal(("2 / 3 / 3 KiB", "Nchan: 4 / 4 / 4 KiB", "0.50× / 0.75× / 0.75×", Verdict.Met), (row.Parley, row.Peer, row.Ratio, row.Verdict));
    }

    [Fact]
    public void A_memory_figure_missing_on_either_side_leaves_the_memory_target_not_measured()
    {
        var row = Target("idle, 10,000 streams, seed",
            [Result("idle", "parley", 1, "streams=10000", ("kibPerStream", 3), ("kibPerStreamAfterBurst", 4))],
            [Idle("nchan", "streams=10000", 4, 4, 4)]);

        Assert.Equal(("3 / 4 / — KiB", "—", Verdict.NotMeasured), (row.Parley, row.Ratio, row.Verdict));
    }

    [Fact]
    public void Idle_cpu_is_written_down_beside_nchans_at_every_count_and_met_once_both_measured()
    {
        var row = Target("idle, seed protocol: server CPU",
            [
                .. Rounds("idle", "parley", "streams=10000", "idleCpuUsPerStreamSecond", 0.8, 0.9, 0.85),
                .. Rounds("idle", "parley", "streams=19000", "idleCpuUsPerStreamSecond", 1),
                .. Rounds("idle", "parley", "streams=19000 protocol=json", "idleCpuUsPerStreamSecond", 5),
            ],
            Rounds("idle", "nchan", "streams=19000", "idleCpuUsPerStreamSecond", 0.5));

        Assert.Equal(
            new TargetRow(
                "idle, seed protocol: server CPU per stream-second while quiet",
                "does not grow; written down beside Nchan's",
                "0.85 (0.8–0.9) us at 10,000; 1 us at 19,000",
                "Nchan: 0.5 us at 19,000",
                "2.00×",
                Verdict.Met),
            row);
    }

    [Fact]
    public void Idle_cpu_without_nchans_at_the_same_count_is_not_measured()
    {
        var row = Target("idle, JSON protocol: server CPU",
            Rounds("idle", "parley", "streams=10000 protocol=json", "idleCpuUsPerStreamSecond", 5),
            Rounds("idle", "nchan", "streams=19000", "idleCpuUsPerStreamSecond", 0.5));

        Assert.Equal(("5 us at 10,000", "Nchan: 0.5 us at 19,000", Verdict.NotMeasured), (row.Parley, row.Peer, row.Verdict));
    }

    [Fact]
    public void Idle_memory_before_streams_is_met_once_written_down_beside_nginxs_whatever_the_ratio()
    {
        var row = Target("idle server memory",
            Rounds("idle", "parley", "streams=0", "pssBeforeKib", 60_000, 62_000),
            Rounds("idle", "nginx", "streams=0", "pssBeforeKib", 9_000));

        Assert.Equal(
            new TargetRow("idle server memory (Pss), no streams", "written down beside nginx's", "61,000 (60,000–62,000) KiB", "nginx: 9,000 KiB", "6.78×", Verdict.Met),
            row);
    }

    [Fact]
    public void Idle_memory_without_nginxs_is_not_measured()
    {
        var row = Target("idle server memory", Rounds("idle", "parley", "streams=0", "pssBeforeKib", 60_000));

        Assert.Equal(Verdict.NotMeasured, row.Verdict);
    }

    private static ModeResult Idle(string server, string parameters, double settled, double afterBurst, double afterChurn) =>
        Result("idle", server, 1, parameters, ("kibPerStream", settled), ("kibPerStreamAfterBurst", afterBurst), ("kibPerStreamAfterChurn", afterChurn));

    private static TargetRow Target(string startsWith, params IEnumerable<ModeResult>[] results) =>
        Targets.Evaluate(ResultSet.From(results.SelectMany(r => r))).Single(r => r.Target.StartsWith(startsWith, StringComparison.Ordinal));
}
