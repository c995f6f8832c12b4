using System.Diagnostics;

namespace Parley.Bench.Streams;

/// <summary>
/// Watches one stream for what every mode waits on: the welcome a seed or JSON stream opens with, and the run's
/// ready markers. Times are <see cref="Stopwatch"/> timestamps, 0 until the event arrives.
/// </summary>
internal class StreamReceiver(BroadcastProtocol protocol) : IDataLineHandler
{
    private long _welcomedAt;
    private long _readyAt;
    private int _lastReady;

    public long WelcomedAt => Volatile.Read(ref _welcomedAt);

    /// <summary>When the first ready marker this stream saw arrived.</summary>
    public long ReadyAt => Volatile.Read(ref _readyAt);

    /// <summary>The highest-numbered ready marker this stream has seen, 0 before any.</summary>
    public int LastReady => Volatile.Read(ref _lastReady);

    protected BroadcastProtocol Protocol => protocol;

    public void OnData(ReadOnlySpan<byte> data)
    {
        if (protocol.TryReadBroadcast(data, out var payload))
        {
            if (protocol.ReadyNumber(payload) is var marker and > 0)
            {
                OnReady(marker);
            }
            else if (_readyAt != 0)
            {
                OnBroadcast(payload);
            }

            // A broadcast before the first marker: on an nchan channel, a message it kept from earlier runs.
        }
        else if (_welcomedAt == 0 && protocol.IsWelcome(data))
        {
            Volatile.Write(ref _welcomedAt, Stopwatch.GetTimestamp());
        }

        // Anything else is the chat around the broadcasts: who is online, who joined or left.
    }

    /// <summary>A broadcast that came after the first ready marker, without its protocol's framing.</summary>
    protected virtual void OnBroadcast(ReadOnlySpan<byte> payload)
    {
    }

    private void OnReady(int marker)
    {
        if (_readyAt == 0)
        {
            Volatile.Write(ref _readyAt, Stopwatch.GetTimestamp());
        }

        if (marker > _lastReady)
        {
            Volatile.Write(ref _lastReady, marker);
        }
    }
}
