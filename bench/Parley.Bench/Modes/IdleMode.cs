using System.Diagnostics;
using System.Globalization;
using Parley.Bench.Cli;
using Parley.Bench.Measure;
using Parley.Bench.Results;
using Parley.Bench.Streams;

namespace Parley.Bench.Modes;

/// <summary>
/// What an open stream costs the server at rest: its memory (Pss) once S streams opened and settled, the CPU it spends
/// on them while they are quiet, and its memory again after a burst of broadcasts through them and after half of
/// them closed and opened anew. Every stream must still be open at the end.
/// </summary>
internal sealed class IdleMode : IBenchMode
{
    private const string OpenCheck = "every stream open at the end";

    public string Name => "idle";

    public bool ReadsJsonStreams => true;

    public async Task<ModeResult> RunAsync(CommonSettings common, BenchArgs options, CancellationToken cancellation)
    {
        var streams = options.Int("streams", 1000, min: 0);
        var settle = TimeSpan.FromSeconds(options.Double("settle-seconds", 5));
        var quiet = TimeSpan.FromSeconds(options.Double("quiet-seconds", 20, min: 1));
        var burst = options.Int("burst", 20, min: 1, max: 100_000);
        var publishers = options.Int("publishers", 4, min: 1, max: 100);
        var probe = common.ServerPids.Count > 0
            ? new ServerProbe(common.ServerPids)
            : throw new BenchUsageException("idle measures the server's memory: give its process id with --server-pid");
        var parameters = new Dictionary<string, string> { ["streams"] = streams.ToString(CultureInfo.InvariantCulture) };
        if (common.Protocol == TargetProtocol.Json)
        {
            // Only then: seed and Nchan results keep the cases they always had, and JSON ones make their own.
            parameters["protocol"] = "json";
        }

        ModeResult Result(IReadOnlyList<Metric> metrics, IReadOnlyList<Check> checks) =>
            new(Name, common.ServerName, common.Protocol.ToString().ToLowerInvariant(), common.Round, parameters, metrics, checks);

        if (streams == 0)
        {
            return Result(await AtRestAsync(probe, settle, cancellation), [new Check(OpenCheck, true, "no streams asked for: the server at rest")]);
        }

        OpenFileLimit.EnsureRoomFor(streams + publishers + IdleStreams.ExtraSockets);
        using var idle = await IdleStreams.CreateAsync(common, streams, burst, cancellation);
        var run = new IdleRun(idle, probe, settle);
        var failure = await run.MeasureAsync(quiet, publishers, cancellation);
        var (open, broken) = await idle.CloseAllAsync();
        List<Check> checks =
        [
            new(OpenCheck, failure is null && open == streams,
                failure ?? $"{open:N0} of {streams:N0} streams open after the churn{(broken is null ? "" : $"; {broken}")}"),
        ];
        if (run.Burst is { } delivered)
        {
            checks.Add(delivered.ToCheck());
        }

        return Result(run.Metrics, checks);
    }

    /// <summary>With no streams: the memory of a server that started and holds nothing, to write beside a peer's.</summary>
    private static async Task<IReadOnlyList<Metric>> AtRestAsync(ServerProbe probe, TimeSpan settle, CancellationToken cancellation)
    {
        var before = probe.PssKib();
        await Task.Delay(settle, cancellation);
        return [new Metric("pssBeforeKib", before, "KiB"), new Metric("pssAfterKib", probe.PssKib(), "KiB")];
    }

    /// <summary>One run's phases in order, and the figures they wrote so far: a phase that fails ends the run with what it had.</summary>
    private sealed class IdleRun(IdleStreams idle, ServerProbe probe, TimeSpan settle)
    {
        private readonly List<Metric> _metrics = [];
        private long _pssBefore;

        public IReadOnlyList<Metric> Metrics => _metrics;

        public BurstDeliveries? Burst { get; private set; }

        /// <returns>Why the run stopped early, or null.</returns>
        public async Task<string?> MeasureAsync(TimeSpan quiet, int publishers, CancellationToken cancellation)
        {
            var all = Enumerable.Range(0, idle.Count).ToList();
            _pssBefore = probe.PssKib();
            _metrics.Add(new("pssBeforeKib", _pssBefore, "KiB"));

            var cpuBefore = probe.CpuTime();
            var connectStart = Stopwatch.GetTimestamp();
            var (connectedAt, failure) = await idle.OpenAsync(all, cancellation);
            if (failure is not null)
            {
                return failure;
            }

            _metrics.Add(new("connectSeconds", Stopwatch.GetElapsedTime(connectStart, connectedAt).TotalSeconds, "s"));
            _metrics.Add(new("cpuSecondsToConnect", (probe.CpuTime() - cpuBefore).TotalSeconds, "s"));

            // Each seed stream that opens announces itself to every stream already open: S(S-1)/2 announcements, still
            // on their way when the last welcome arrives. The marker after them shows they all arrived, so the memory
            // read next is that of idle streams, not of queues; on Nchan it shows the room reaches every stream.
            if (await idle.CatchUpAsync(all, 1, "streams did not see the broadcast sent after the join announcements", cancellation) is { } stuck)
            {
                return stuck;
            }

            await SettleAndReadAsync("pssAfterKib", "kibPerStream", cancellation);
            if (await QuietAsync(quiet, cancellation) is { } ended)
            {
                return ended;
            }

            Burst = await idle.BurstAsync(publishers, cancellation);
            await SettleAndReadAsync("pssAfterBurstKib", "kibPerStreamAfterBurst", cancellation);
            return await ChurnAsync(all, cancellation);
        }

        /// <summary>
        /// The server's CPU over a quiet window, per stream and second: what holding streams costs when nothing happens
        /// (Parley's heartbeat every 15 s on a quiet stream, Nchan's pings where its config asks for them).
        /// </summary>
        private async Task<string?> QuietAsync(TimeSpan quiet, CancellationToken cancellation)
        {
            var cpuBefore = probe.CpuTime();
            var start = Stopwatch.GetTimestamp();
            await Task.Delay(quiet, cancellation);
            var cpu = probe.CpuTime() - cpuBefore;
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            _metrics.Add(new("idleCpuUsPerStreamSecond", cpu.TotalMicroseconds / idle.Count / seconds, "us"));
            return idle.AnyEnded ? $"streams ended while quiet; {idle.OpenCount:N0} of {idle.Count:N0} open" : null;
        }

        /// <summary>
        /// Closes every second stream and opens it again, as people come and go: on Parley its nick leaves the chat and
        /// joins again, and every other stream hears of both. The leaves are announced before the streams reopen, so
        /// <c>churnSeconds</c> is the time to reopen half into a settled room.
        /// </summary>
        private async Task<string?> ChurnAsync(IReadOnlyList<int> all, CancellationToken cancellation)
        {
            var churned = idle.Churned;
            if (await idle.CloseAsync(churned, cancellation) is { } notGone)
            {
                return notGone;
            }

            var kept = all.Except(churned).ToList();
            if (await idle.CatchUpAsync(kept, 2, "streams did not see the broadcast sent after the leave announcements", cancellation) is { } stuck)
            {
                return stuck;
            }

            var reopenStart = Stopwatch.GetTimestamp();
            var (reopenedAt, failure) = churned.Count == 0 ? (reopenStart, null) : await idle.OpenAsync(churned, cancellation);
            if (failure is not null)
            {
                return failure;
            }

            _metrics.Add(new("churnSeconds", Stopwatch.GetElapsedTime(reopenStart, reopenedAt).TotalSeconds, "s"));
            if (await idle.CatchUpAsync(all, 3, "streams did not see the broadcast sent after the streams reopened", cancellation) is { } late)
            {
                return late;
            }

            await SettleAndReadAsync("pssAfterChurnKib", "kibPerStreamAfterChurn", cancellation);
            return null;
        }

        private async Task SettleAndReadAsync(string pss, string perStream, CancellationToken cancellation)
        {
            await Task.Delay(settle, cancellation);
            var after = probe.PssKib();
            _metrics.Add(new(pss, after, "KiB"));
            _metrics.Add(new(perStream, (after - _pssBefore) / (double)idle.Count, "KiB"));
        }
    }
}
