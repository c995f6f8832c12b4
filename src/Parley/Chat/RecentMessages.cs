namespace Parley.Chat;

/// <summary>
/// Messages the hub fanned out lately, kept so that a stream reconnecting with the id of the last event it
/// saw gets what it missed in between (a network blip, another tab taking over the shared stream). Bounded
/// in count and age: it bridges reconnects and is not a history. Used under the hub's lock.
/// </summary>
internal sealed class RecentMessages
{
    private readonly Queue<Entry> _entries = new();

    public void Add(Delivery delivery, string? recipient, int capacity)
    {
        while (_entries.Count >= capacity && _entries.Count > 0)
        {
            _entries.Dequeue();
        }

        if (capacity > 0)
        {
            _entries.Enqueue(new Entry(delivery, recipient));
        }
    }

    /// <summary>What <paramref name="nick"/> was sent after <paramref name="lastSeen"/>, oldest first.</summary>
    public IEnumerable<OutboundEvent> After(long lastSeen, string nick, DateTimeOffset notBefore) =>
        _entries
            .Where(entry => entry.Delivery.Sequence > lastSeen
                && (entry.Recipient is null || Nick.SameNick(entry.Recipient, nick))
                && ((MessageEvent)entry.Delivery.Event.Event).Message.SentAt >= notBefore)
            .Select(entry => entry.Delivery.Event);

    /// <param name="Recipient">The nick it was for, or null for everyone.</param>
    private sealed record Entry(Delivery Delivery, string? Recipient);
}
