using System.Diagnostics;
using Parley.Bench.Measure;

namespace Parley.Bench.Streams;

/// <summary>
/// A stream that counts broadcasts (a fanout subscriber, an idle stream through its burst): after the first ready
/// marker, every broadcast's latency and whether it came once.
/// </summary>
internal sealed class BroadcastReceiver(BroadcastProtocol protocol, DeliveryTracker deliveries, LatencyRecorder latencies)
    : StreamReceiver(protocol)
{
    private long _lastDeliveryAt;

    public DeliveryTracker Deliveries => deliveries;

    /// <summary>When the last broadcast arrived (a <see cref="Stopwatch"/> timestamp), 0 before the first.</summary>
    public long LastDeliveryAt => Volatile.Read(ref _lastDeliveryAt);

    protected override void OnBroadcast(ReadOnlySpan<byte> payload)
    {
        var now = Stopwatch.GetTimestamp();
        if (!BroadcastPayload.TryParse(payload, out var sequence, out var sentAt))
        {
            deliveries.Record(-1); // a broadcast this run did not publish
            return;
        }

        latencies.RecordMicros(Stopwatch.GetElapsedTime(sentAt, now).TotalMicroseconds);
        deliveries.Record(sequence);
        Volatile.Write(ref _lastDeliveryAt, now);
    }
}
