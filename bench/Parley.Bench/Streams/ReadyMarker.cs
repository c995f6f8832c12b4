using System.Net.Sockets;

namespace Parley.Bench.Streams;

/// <summary>
/// The run's ready markers: broadcasts that every stream must see before measuring goes on. A stream sees one
/// only after everything queued for it before (on the seed, every join announcement), and on Nchan the first marks
/// where this run's messages begin in a channel's replayed buffer. Markers are numbered, so a stream that opened
/// later, or a marker that came twice, still shows which one a stream has reached.
/// </summary>
internal static class ReadyMarker
{
    /// <summary>Publishes the first marker and waits until every receiver has seen it; returns why not, or null.</summary>
    /// <param name="missing">How to name receivers that did not see it, after their count.</param>
    public static Task<string?> PublishAndAwaitAsync(
        BroadcastPublisher publisher,
        SubscriberGroup group,
        StreamReceiver[] receivers,
        TimeSpan stall,
        string missing,
        CancellationToken cancellation) =>
        PublishAndAwaitAsync(publisher, group, receivers, 1, stall, missing, cancellation);

    /// <summary>Publishes marker <paramref name="number"/> and waits until every receiver has seen it (or a later one).</summary>
    public static async Task<string?> PublishAndAwaitAsync(
        BroadcastPublisher publisher,
        SubscriberGroup group,
        IReadOnlyList<StreamReceiver> receivers,
        int number,
        TimeSpan stall,
        string missing,
        CancellationToken cancellation)
    {
        try
        {
            await publisher.PublishReadyAsync(number, cancellation);
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidDataException)
        {
            return e.Message;
        }

        await group.WaitAsync(() => group.AnyEnded || receivers.All(r => r.LastReady >= number), stall, cancellation);
        return group.AnyEnded || receivers.Any(r => r.LastReady < number)
            ? $"{receivers.Count(r => r.LastReady < number):N0} {missing}; {group.EndedCount:N0} streams ended"
            : null;
    }
}
