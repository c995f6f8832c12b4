using System.Diagnostics;
using System.Globalization;
using Parley.Bench.Cli;
using Parley.Bench.Measure;
using Parley.Bench.Results;
using Parley.Bench.Streams;

namespace Parley.Bench.Modes;

/// <summary>
/// Broadcast fan-out: S subscribers on one room (the seed's everyone, an nchan channel), M broadcasts by
/// P publishers; how long the room takes to fill, how fast broadcasts reach everyone, at what latency and
/// server CPU, and whether every subscriber got every broadcast exactly once. Given several nodes of one chat,
/// subscribers and publishers are split over them in turn, and a delivery counts through whichever node it came.
/// </summary>
internal sealed class FanoutMode : IBenchMode
{
    // One bit per subscriber and broadcast: 2^33 bits is 1 GiB of the tool's memory.
    private const long MaxTrackedDeliveries = 1L << 33;

    // A phase that sees no byte arrive at any stream for this long is stuck, not slow.
    private static readonly TimeSpan ConnectStall = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan DeliveryStall = TimeSpan.FromSeconds(10);

    public string Name => "fanout";

    public bool LoadsSeveralNodes => true;

    public async Task<ModeResult> RunAsync(CommonSettings common, BenchArgs options, CancellationToken cancellation)
    {
        var subscribers = options.Int("subscribers", 1000, min: 1);
        var broadcasts = options.Int("broadcasts", 100, min: 1);
        var rate = options.Double("rate", 0);
        var publishers = options.Int("publishers", 8, min: 1, max: 1000);
        var publishConnection = PublishConnections.Parse(options);
        var requestedSources = options.Int("source-addresses", 0, min: 0, max: SourceAddresses.MaxAddresses);
        if ((long)subscribers * broadcasts > MaxTrackedDeliveries)
        {
            throw new BenchUsageException($"--subscribers times --broadcasts may be at most {MaxTrackedDeliveries:N0} (one bit of memory each)");
        }

        OpenFileLimit.EnsureRoomFor(subscribers + publishers);
        var nodes = await ChatNodes.ResolveAsync(common.Urls, host => BroadcastProtocol.For(common.Protocol, host, "fanout"), cancellation);
        var sources = SourceAddresses.Choose(requestedSources, subscribers, nodes.AllLoopback);
        var protocol = nodes.Protocol;
        var latencies = new LatencyRecorder();
        var receivers = Enumerable.Range(0, subscribers)
            .Select(_ => new BroadcastReceiver(protocol, new DeliveryTracker(broadcasts), latencies))
            .ToArray();
        var parameters = new Dictionary<string, string>
        {
            ["subscribers"] = subscribers.ToString(CultureInfo.InvariantCulture),
            ["broadcasts"] = broadcasts.ToString(CultureInfo.InvariantCulture),
            ["rate"] = rate.ToString(CultureInfo.InvariantCulture),
            ["publishers"] = publishers.ToString(CultureInfo.InvariantCulture),
        };
        if (publishConnection == PublishConnection.New)
        {
            parameters["publishConnection"] = "new";
        }

        if (nodes.Count > 1)
        {
            // Only then: results of one server keep the parameters, and so the report cases, they always had.
            parameters["nodes"] = nodes.Count.ToString(CultureInfo.InvariantCulture);
        }
        ModeResult Result(IReadOnlyList<Metric> metrics, IReadOnlyList<Check> checks) =>
            new(Name, common.ServerName, common.Protocol.ToString().ToLowerInvariant(), common.Round, parameters, metrics, checks);

        using var group = new SubscriberGroup(receivers);
        var publishing = Enumerable.Range(0, publishers).Select(j => new BroadcastPublisher(nodes.Target(j), nodes.ProtocolOf(j), publishConnection)).ToArray();
        try
        {
            var connectStart = Stopwatch.GetTimestamp();
            if (await FillRoomAsync(common.Protocol, nodes, sources, group, receivers, publishing[0], cancellation) is { } failure)
            {
                await group.CloseAllAsync();
                return Result([new Metric("sourceAddresses", sources.Count, "count")], [new Check("every subscriber ready", false, failure)]);
            }

            var connectSeconds = Stopwatch.GetElapsedTime(connectStart, receivers.Max(r => r.ReadyAt)).TotalSeconds;
            var probe = common.ServerPids.Count > 0 ? new ServerProbe(common.ServerPids) : null;
            var cpuBefore = probe?.CpuTime();
            var publishStart = Stopwatch.GetTimestamp();
            var schedule = new PublishSchedule(broadcasts, rate, publishStart);
            await Task.WhenAll(publishing.Select(p => p.RunAsync(schedule, cancellation)));
            var expected = (long)subscribers * broadcasts;
            await group.WaitAsync(() => receivers.Sum(r => (long)r.Deliveries.Received) == expected, DeliveryStall, cancellation);
            var cpuUsed = probe?.CpuTime() - cpuBefore;
            var openAtEnd = group.OpenCount;
            var broken = await group.CloseAllAsync();

            var delivered = receivers.Sum(r => (long)r.Deliveries.Received);
            var lastDelivery = receivers.Max(r => r.LastDeliveryAt);
            var seconds = lastDelivery == 0 ? 0 : Stopwatch.GetElapsedTime(publishStart, lastDelivery).TotalSeconds;
            var lost = expected - delivered;
            var duplicated = receivers.Sum(r => (long)r.Deliveries.Duplicated);
            var stray = receivers.Sum(r => (long)r.Deliveries.Stray);
            var accepted = publishing.Sum(p => p.Accepted);
            var publishFailure = publishing.Select(p => p.Failure).FirstOrDefault(f => f is not null);

            List<Metric> metrics =
            [
                new("connectSeconds", connectSeconds, "s"),
                new("deliveriesPerSec", seconds > 0 ? delivered / seconds : 0, "deliveries/s"),
                new("p50Ms", latencies.PercentileMs(50), "ms"),
                new("p99Ms", latencies.PercentileMs(99), "ms"),
                new("p999Ms", latencies.PercentileMs(99.9), "ms"),
                new("lost", lost, "count"),
                new("duplicated", duplicated, "count"),
            ];
            if (cpuUsed is { } cpu && delivered > 0)
            {
                metrics.Add(new("cpuUsPerDelivery", cpu.TotalMicroseconds / delivered, "us"));
            }

            metrics.Add(new("sourceAddresses", sources.Count, "count"));
            return Result(metrics,
            [
                new Check("no delivery lost", lost == 0,
                    $"{delivered:N0} of {expected:N0} deliveries arrived; {openAtEnd:N0} of {subscribers:N0} streams still open at the end{(broken is null ? "" : $"; {broken}")}"),
                new Check("no delivery duplicated", duplicated == 0, $"{duplicated:N0} deliveries came more than once"),
                new Check("no stray delivery", stray == 0, $"{stray:N0} deliveries were no broadcast of this run"),
                new Check("every broadcast accepted", accepted == broadcasts, $"{accepted:N0} of {broadcasts:N0} accepted{(publishFailure is null ? "" : $"; first failure: {publishFailure}")}"),
            ]);
        }
        finally
        {
            foreach (var publisher in publishing)
            {
                publisher.Dispose();
            }
        }
    }

    /// <summary>
    /// Opens every subscriber, waits for every welcome, then publishes the ready marker and waits until every
    /// stream has it: the marker comes after every join announcement, so then the room is quiet and full. The marker
    /// goes out through the first publisher's node; streams on the other nodes see it only once the nodes share the chat.
    /// </summary>
    /// <returns>Why the room could not be filled, or null.</returns>
    private static async Task<string?> FillRoomAsync(
        TargetProtocol protocol,
        ChatNodes nodes,
        SourceAddresses sources,
        SubscriberGroup group,
        BroadcastReceiver[] receivers,
        BroadcastPublisher publisher,
        CancellationToken cancellation)
    {
        try
        {
            await group.OpenAllAsync(nodes.Target, i => protocol == TargetProtocol.Seed ? $"/s{i}" : "/sub/fanout", sources, cancellation);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidDataException)
        {
            return $"a subscriber could not open: {e.Message}";
        }

        if (protocol == TargetProtocol.Seed
            && !await group.WaitAsync(() => group.AnyEnded || receivers.All(r => r.WelcomedAt != 0), ConnectStall, cancellation))
        {
            return $"{receivers.Count(r => r.WelcomedAt == 0):N0} subscribers saw no welcome";
        }

        return await ReadyMarker.PublishAndAwaitAsync(
            publisher, group, receivers, ConnectStall, "subscribers did not see the ready marker", cancellation);
    }
}
