namespace Parley.Chat;

/// <summary>What admins do to this node's streams: the hub owns them, so kicking and announcing a deletion go through it.</summary>
public sealed partial class ChatHub
{
    /// <summary>Ends every stream of <paramref name="nick"/> on this node with <paramref name="notice"/>; returns how many.</summary>
    public int Kick(string nick, Kicked notice)
    {
        Subscriber[] kicked;
        lock (_gate)
        {
            kicked = _online.TryGetValue(nick, out var presence) ? [.. presence.Streams] : [];
            KickUnderLock(kicked, notice);
        }

        SignalDropped(kicked);
        return kicked.Length;
    }

    /// <summary>Ends every stream on this node from the client address keyed <paramref name="addressKey"/> (<c>ClientAddress.KeyOf</c>).</summary>
    public int KickAddress(string addressKey, Kicked notice)
    {
        Subscriber[] kicked;
        lock (_gate)
        {
            kicked = [.. _streams.Where(stream => stream.AddressKey == addressKey)];
            KickUnderLock(kicked, notice);
        }

        SignalDropped(kicked);
        return kicked.Length;
    }

    /// <summary>Tells the streams that could show message <paramref name="message"/> (everyone's for a broadcast) that it is gone.</summary>
    public void MessageDeleted(ChatMessage message)
    {
        Subscriber[] dropped;
        lock (_gate)
        {
            var deleted = Next(new Deleted(message.Id));
            if (message.IsBroadcast)
            {
                EnqueueToEveryone(deleted);
            }
            else
            {
                Publish(deleted, message.From);
                if (!Nick.SameNick(message.From, message.To))
                {
                    Publish(deleted, message.To);
                }
            }

            dropped = SettleDrops();
        }

        SignalDropped(dropped);
    }

    /// <summary>This node's streams per nick, in the order the nicks came online, for the admins.</summary>
    public IReadOnlyList<(string Nick, IReadOnlyList<Subscriber> Streams)> StreamsHere()
    {
        lock (_gate)
        {
            return [.. _online.Values.Select(presence => (presence.DisplayNick, (IReadOnlyList<Subscriber>)[.. presence.Streams]))];
        }
    }

    /// <summary>On several nodes: the nicks online on another node and not on this one. Empty on one node.</summary>
    public IReadOnlyList<string> OnlineOnlyElsewhere()
    {
        lock (_gate)
        {
            return [.. _roster.Snapshot().Where(nick => _spansNodes && !_online.ContainsKey(nick))];
        }
    }

    // The departure is announced as for any last stream closing (on several nodes the shared presence does it).
    private void KickUnderLock(Subscriber[] streams, Kicked notice)
    {
        foreach (var stream in streams)
        {
            stream.MarkKicked(notice);
            Remove(stream);
        }
    }
}
