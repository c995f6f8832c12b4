using System.Diagnostics;
using System.Globalization;
using Parley.Bench.Cli;
using Parley.Bench.Measure;
using Parley.Bench.Results;
using Parley.Bench.Streams;

namespace Parley.Bench.Modes;

/// <summary>
/// What an open stream costs the server at rest: its resident memory before and after S streams open and
/// settle, and the CPU it spent opening them. Every stream must still be open at the end.
/// </summary>
internal sealed class IdleMode : IBenchMode
{
    // A phase that sees no byte arrive at any stream for this long is stuck, not slow.
    private static readonly TimeSpan Stall = TimeSpan.FromSeconds(30);

    public string Name => "idle";

    public async Task<ModeResult> RunAsync(CommonSettings common, BenchArgs options, CancellationToken cancellation)
    {
        var streams = options.Int("streams", 1000, min: 0);
        var settle = TimeSpan.FromSeconds(options.Double("settle-seconds", 5));
        var probe = common.ServerPids.Count > 0
            ? new ServerProbe(common.ServerPids)
            : throw new BenchUsageException("idle measures the server's memory: give its process id with --server-pid");

        if (streams == 0)
        {
            return await AtRestAsync(common, probe, settle, cancellation);
        }

        OpenFileLimit.EnsureRoomFor(streams + 1);
        var target = await StreamTarget.ResolveAsync(common.Url, cancellation);
        var sources = SourceAddresses.Choose(0, streams, target.IsLoopback);
        var seed = common.Protocol == TargetProtocol.Seed;
        var protocol = BroadcastProtocol.For(common.Protocol, target.Host, "idle");
        var receivers = Enumerable.Range(0, streams).Select(_ => new StreamReceiver(protocol)).ToArray();
        var parameters = new Dictionary<string, string> { ["streams"] = streams.ToString(CultureInfo.InvariantCulture) };
        ModeResult Result(IReadOnlyList<Metric> metrics, bool passed, string detail) =>
            new(Name, common.ServerName, common.Protocol.ToString().ToLowerInvariant(), common.Round, parameters, metrics,
                [new Check("every stream open at the end", passed, detail)]);

        using var group = new SubscriberGroup(receivers);
        var pssBefore = probe.PssKib();
        var cpuBefore = probe.CpuTime();
        var connectStart = Stopwatch.GetTimestamp();
        if (await OpenAsync(seed, target, sources, protocol, group, receivers, cancellation) is { } failure)
        {
            await group.CloseAllAsync();
            return Result([new Metric("pssBeforeKib", pssBefore, "KiB")], false, failure);
        }

        // Nchan sends nothing on a fresh stream: its 200 head is the first sign it is open.
        var connectedAt = seed ? receivers.Max(r => r.WelcomedAt) : group.LastOpenedAt;
        var cpuToConnect = probe.CpuTime() - cpuBefore;
        if (seed && await DrainJoinsAsync(target, protocol, group, receivers, cancellation) is { } stuck)
        {
            await group.CloseAllAsync();
            return Result([new Metric("pssBeforeKib", pssBefore, "KiB")], false, stuck);
        }

        await Task.Delay(settle, cancellation);
        var pssAfter = probe.PssKib();
        var open = group.OpenCount;
        var broken = await group.CloseAllAsync();
        return Result(
            [
                new Metric("connectSeconds", Stopwatch.GetElapsedTime(connectStart, connectedAt).TotalSeconds, "s"),
                new Metric("pssBeforeKib", pssBefore, "KiB"),
                new Metric("pssAfterKib", pssAfter, "KiB"),
                new Metric("kibPerStream", (pssAfter - pssBefore) / (double)streams, "KiB"),
                new Metric("cpuSecondsToConnect", cpuToConnect.TotalSeconds, "s"),
            ],
            open == streams,
            $"{open:N0} of {streams:N0} streams open after settling {settle.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s{(broken is null ? "" : $"; {broken}")}");
    }

    /// <summary>With no streams: the memory of a server that started and holds nothing, to write beside a peer's.</summary>
    private async Task<ModeResult> AtRestAsync(CommonSettings common, ServerProbe probe, TimeSpan settle, CancellationToken cancellation)
    {
        var pssBefore = probe.PssKib();
        await Task.Delay(settle, cancellation);
        var pssAfter = probe.PssKib();
        return new ModeResult(
            Name,
            common.ServerName,
            common.Protocol.ToString().ToLowerInvariant(),
            common.Round,
            new Dictionary<string, string> { ["streams"] = "0" },
            [new Metric("pssBeforeKib", pssBefore, "KiB"), new Metric("pssAfterKib", pssAfter, "KiB")],
            [new Check("every stream open at the end", true, "no streams asked for: the server at rest")]);
    }

    /// <summary>Opens every stream and, on the seed, waits for each one's welcome; returns why not, or null.</summary>
    private static async Task<string?> OpenAsync(
        bool seed,
        StreamTarget target,
        SourceAddresses sources,
        BroadcastProtocol protocol,
        SubscriberGroup group,
        StreamReceiver[] receivers,
        CancellationToken cancellation)
    {
        try
        {
            await group.OpenAllAsync(target, i => seed ? $"/i{i}" : $"/sub/idle{i}", sources, cancellation);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidDataException)
        {
            return $"a stream could not open: {e.Message}";
        }

        return !seed || await group.WaitAsync(() => group.AnyEnded || receivers.All(r => r.WelcomedAt != 0), Stall, cancellation)
            && !group.AnyEnded
            ? null
            : $"{receivers.Count(r => r.WelcomedAt == 0):N0} streams saw no welcome; {group.Subscribers.Count(s => !s.IsOpen):N0} ended";
    }

    /// <summary>
    /// Each seed stream that opens announces itself to every stream already open: S streams make S(S-1)/2
    /// announcements, still on their way when the last welcome arrives. One broadcast after them, seen by
    /// every stream, shows they all arrived, so the settled memory is that of idle streams, not of queues.
    /// </summary>
    private static async Task<string?> DrainJoinsAsync(
        StreamTarget target,
        BroadcastProtocol protocol,
        SubscriberGroup group,
        StreamReceiver[] receivers,
        CancellationToken cancellation)
    {
        using var publisher = new BroadcastPublisher(target, protocol);
        return await ReadyMarker.PublishAndAwaitAsync(
            publisher, group, receivers, Stall, "streams did not see the broadcast sent after the join announcements", cancellation);
    }
}
