using System.Net.Sockets;

namespace Parley.Bench.Streams;

/// <summary>
/// The run's ready marker: one broadcast that every stream must see before measuring starts. A stream sees it
/// only after everything queued for it before (on the seed, every join announcement), and on Nchan it marks
/// where this run's messages begin in a channel's replayed buffer.
/// </summary>
internal static class ReadyMarker
{
    /// <summary>Publishes the marker and waits until every receiver has seen it; returns why not, or null.</summary>
    /// <param name="missing">How to name receivers that did not see it, after their count.</param>
    public static async Task<string?> PublishAndAwaitAsync(
        BroadcastPublisher publisher,
        SubscriberGroup group,
        StreamReceiver[] receivers,
        TimeSpan stall,
        string missing,
        CancellationToken cancellation)
    {
        try
        {
            await publisher.PublishReadyAsync(cancellation);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException)
        {
            return e.Message;
        }

        await group.WaitAsync(() => group.AnyEnded || receivers.All(r => r.ReadyAt != 0), stall, cancellation);
        return group.AnyEnded || receivers.Any(r => r.ReadyAt == 0)
            ? $"{receivers.Count(r => r.ReadyAt == 0):N0} {missing}; {group.Subscribers.Count(s => !s.IsOpen):N0} streams ended"
            : null;
    }
}
