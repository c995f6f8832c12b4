using System.Diagnostics;

namespace Parley.Bench.Streams;

/// <summary>
/// Watches one stream for what every mode waits on: the welcome a seed stream opens with, and the run's
/// ready marker. Times are <see cref="Stopwatch"/> timestamps, 0 until the event arrives.
/// </summary>
internal class StreamReceiver(BroadcastProtocol protocol) : IDataLineHandler
{
    private long _welcomedAt;
    private long _readyAt;

    public long WelcomedAt => Volatile.Read(ref _welcomedAt);

    public long ReadyAt => Volatile.Read(ref _readyAt);

    protected BroadcastProtocol Protocol => protocol;

    public void OnData(ReadOnlySpan<byte> data)
    {
        if (_readyAt != 0)
        {
            OnAfterReady(data);
        }
        else if (data.SequenceEqual(protocol.ReadyLine))
        {
            Volatile.Write(ref _readyAt, Stopwatch.GetTimestamp());
        }
        else if (_welcomedAt == 0 && protocol.WelcomePrefix is { } welcome && data.StartsWith(welcome))
        {
            Volatile.Write(ref _welcomedAt, Stopwatch.GetTimestamp());
        }

        // Anything else before the marker is the stream's opening: who is online, who joined, and on an nchan
        // channel the messages it kept from earlier runs.
    }

    /// <summary>A data line that came after the ready marker.</summary>
    protected virtual void OnAfterReady(ReadOnlySpan<byte> data)
    {
    }
}
