using Parley.Bench.Report;
using static Parley.Tests.Bench.ResultFixtures;

namespace Parley.Tests.Bench;

public sealed class DurableTargetTests
{
    private const string Senders1 = "concurrency=1 requests=5000 keepAlive=true";
    private const string Senders16 = "concurrency=16 requests=20000 keepAlive=true";
    private const string Senders64 = "concurrency=64 requests=20000 keepAlive=true";
    private const string Paced = "subscribers=1000 broadcasts=200 rate=20 publishers=4";
    private const string Fast = "subscribers=1000 broadcasts=1000 rate=0 publishers=4";

    [Theory]
    [InlineData(75, "1.50×", "met")]
    [InlineData(76, "1.52×", "MISSED")]
    public void Durable_cpu_per_message_from_64_senders_may_be_one_and_a_half_times_in_memorys(double durable, string ratio, string verdict)
    {
        var row = DurableTargets.CpuPerMessage(ResultSet.From(
        [
            Result("send", "parley", 1, Senders64, ("cpuUsPerSend", durable), ("delivered", 20_000)),
            Result("send", "parley-memory", 1, Senders64, ("cpuUsPerSend", 50), ("delivered", 20_000)),
        ]));

        Assert.Equal(
            (
                "send, keep-alive, 64 senders: durable CPU per message",
                "≤ 1.5× Parley in memory",
                $"{durable} us; every message delivered",
                "Parley in memory: 50 us",
                ratio,
                verdict),
            (row.Target, row.Rule, row.Parley, row.Peer, row.Ratio, row.VerdictText));
    }

    [Fact]
    public void Durable_cpu_per_message_is_judged_at_64_senders_only()
    {
        var row = DurableTargets.CpuPerMessage(ResultSet.From(
        [
            .. Rounds("send", "parley", Senders1, "cpuUsPerSend", 400),
            .. Rounds("send", "parley-memory", Senders1, "cpuUsPerSend", 100),
            .. Rounds("send", "parley", Senders16, "cpuUsPerSend", 300),
            .. Rounds("send", "parley-memory", Senders16, "cpuUsPerSend", 100),
            .. Rounds("send", "parley", Senders64, "cpuUsPerSend", 60, 70, 65),
            .. Rounds("send", "parley-memory", Senders64, "cpuUsPerSend", 50, 50, 50),
        ]));

        Assert.Equal(("65 (60–70) us; every message delivered", "Parley in memory: 50 us", "1.30×", Verdict.Met), (row.Parley, row.Peer, row.Ratio, row.Verdict));
    }

    [Fact]
    public void Durable_cpu_per_message_misses_when_a_durable_round_lost_messages()
    {
        var row = DurableTargets.CpuPerMessage(ResultSet.From(
        [
            Result("send", "parley", 1, Senders64, ("cpuUsPerSend", 60), ("delivered", 20_000)),
            Failed(Result("send", "parley", 2, Senders64, ("cpuUsPerSend", 60), ("delivered", 19_990)), "every message once"),
            Result("send", "parley-memory", 1, Senders64, ("cpuUsPerSend", 50), ("delivered", 20_000)),
        ]));

        Assert.Equal(("60 us; delivered 19,990 of 20,000 in its worst round", Verdict.Missed), (row.Parley, row.Verdict));
    }

    [Fact]
    public void Durable_cpu_per_message_without_parley_in_memory_is_not_measured()
    {
        var row = DurableTargets.CpuPerMessage(ResultSet.From(Rounds("send", "parley", Senders64, "cpuUsPerSend", 60)));

        Assert.Equal(("60 us", "Parley in memory: not measured", "—", Verdict.NotMeasured), (row.Parley, row.Peer, row.Ratio, row.Verdict));
    }

    [Theory]
    [InlineData(49.9, "met")]
    [InlineData(50, "MISSED")]
    public void P99_send_to_delivery_at_a_thousand_listeners_must_stay_under_50_ms(double p99, string verdict)
    {
        var row = DurableTargets.DeliveryLatency(ResultSet.From(
        [
            .. Rounds("fanout", "parley", Paced, "p99Ms", p99),
            .. Rounds("fanout", "parley-memory", Paced, "p99Ms", 20, 24),
        ]));

        Assert.Equal(
            (
                "fanout, 1,000 subscribers, 20 broadcasts/s: p99 send-to-delivery",
                "< 50 ms",
                $"{p99} ms",
                "Parley in memory: 22 (20–24) ms",
                "—",
                verdict),
            (row.Target, row.Rule, row.Parley, row.Peer, row.Ratio, row.VerdictText));
    }

    [Fact]
    public void P99_send_to_delivery_comes_from_the_paced_run_not_the_one_as_fast_as_publishers_allow()
    {
        var row = DurableTargets.DeliveryLatency(ResultSet.From(
        [
            .. Rounds("fanout", "parley", Fast, "p99Ms", 114),
            .. Rounds("fanout", "nchan", Fast, "p99Ms", 90),
            .. Rounds("fanout", "parley", Paced, "p99Ms", 30, 28, 32),
            .. Rounds("fanout", "parley-memory", Paced, "p99Ms", 20),
        ]));

        Assert.Equal(("30 (28–32) ms", Verdict.Met), (row.Parley, row.Verdict));
    }

    [Fact]
    public void P99_send_to_delivery_without_a_paced_durable_run_is_not_measured_and_shows_memorys()
    {
        var row = DurableTargets.DeliveryLatency(ResultSet.From(Rounds("fanout", "parley-memory", Paced, "p99Ms", 20)));

        Assert.Equal(
            new TargetRow("fanout, 1,000 subscribers, 20 broadcasts/s: p99 send-to-delivery", "< 50 ms", "not measured", "Parley in memory: 20 ms", "—", Verdict.NotMeasured),
            row);
    }

    [Fact]
    public void Without_results_both_durable_targets_are_not_measured()
    {
        var rows = DurableTargets.Evaluate(ResultSet.From([]));

        Assert.Equal(
            [
                new TargetRow("send, keep-alive, 64 senders: durable CPU per message", "≤ 1.5× Parley in memory", "not measured", "Parley in memory: not measured", "—", Verdict.NotMeasured),
                new TargetRow("fanout, 1,000 subscribers, paced: p99 send-to-delivery", "< 50 ms", "not measured", "Parley in memory: not measured", "—", Verdict.NotMeasured),
            ],
            rows);
    }

    [Fact]
    public void The_targets_table_lists_the_durable_targets_beside_the_ones_they_follow()
    {
        var targets = Targets.Evaluate(ResultSet.From([])).Select(t => t.Target).ToList();

        Assert.Equal(
            [
                "static, no keep-alive: server CPU per request",
                "static, keep-alive: server CPU per request",
                "send: server CPU per send, every message delivered",
                "send, keep-alive, 64 senders: durable CPU per message",
                "fanout, 1,000 subscribers, as fast as publishers allow: deliveries/s",
                "fanout, 5,000 subscribers, as fast as publishers allow: deliveries/s",
                "fanout, 10,000 subscribers, as fast as publishers allow: deliveries/s",
                "fanout, 10,000 subscribers, 10 broadcasts/s: p99 latency",
                "fanout, 1,000 subscribers, paced: p99 send-to-delivery",
                "fanout, every case: nothing lost",
                "10,000 seed-protocol streams connected, every join announced",
                "idle, 10,000 streams, seed protocol: memory per stream settled / after burst / after churn",
                "idle, 10,000 streams, JSON protocol: memory per stream settled / after burst / after churn",
                "idle, seed protocol: server CPU per stream-second while quiet",
                "idle, JSON protocol: server CPU per stream-second while quiet",
                "idle server memory (Pss), no streams",
            ],
            targets);
    }
}
