namespace Parley.Chat;

/// <summary>
/// Every join and departure, kept once for all streams instead of once in each stream's queue. Each writer
/// loop reads it at its own position, so a crowd arriving together costs one entry per arrival rather than
/// one queued event per arrival per stream, and an announcement never fills a stream's message budget: a
/// reconnect storm of thousands of streams cut nearly all of them off while joins counted against their
/// queues. The hub appends under its lock; writers read without it. A fixed ring keeps memory bounded: a
/// stream so far behind that its next entry was overwritten has fallen out of the log (<see cref="PresenceRead.Overrun"/>).
/// </summary>
internal sealed class PresenceLog(int capacity)
{
    private readonly Entry?[] _ring = new Entry?[capacity];
    private long _head;

    /// <summary>The position the next entry will take; a stream opened now starts reading here.</summary>
    public long Head => Volatile.Read(ref _head);

    /// <summary>Under the hub's lock, which then nudges every stream's writer loop.</summary>
    public void Append(Delivery announcement)
    {
        var position = _head;
        Volatile.Write(ref _ring[position % _ring.Length], new Entry(position, announcement));
        Volatile.Write(ref _head, position + 1); // the entry is in place before any reader can see the new head
    }

    public PresenceRead TryRead(long position, out Delivery announcement)
    {
        announcement = default;
        if (position >= Head)
        {
            return PresenceRead.NotYet;
        }

        var entry = Volatile.Read(ref _ring[position % _ring.Length]);
        if (entry is null || entry.Position != position)
        {
            return PresenceRead.Overrun;
        }

        announcement = entry.Announcement;
        return PresenceRead.Available;
    }

    private sealed record Entry(long Position, Delivery Announcement);
}

internal enum PresenceRead
{
    Available,

    /// <summary>Nothing new yet.</summary>
    NotYet,

    /// <summary>The entry was overwritten: the reader fell further behind than the log holds.</summary>
    Overrun,
}
