namespace Parley.Chat;

/// <summary>
/// An event queued for one stream. The sequence is written per stream as the SSE <c>id:</c>, apart from the
/// shared bytes, so that it can become a per-nick sequence kept by a durable store.
/// </summary>
public readonly record struct Delivery(long Sequence, OutboundEvent Event)
{
    /// <summary>Not an event: wakes a writer loop to read the presence log (see <see cref="Subscriber.Nudge"/>).</summary>
    public static Delivery Nudge { get; } = new(-1, null!);

    public bool IsNudge => Event is null;
}
