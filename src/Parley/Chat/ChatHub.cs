using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using Parley.Cluster;
using Parley.Diagnostics;
using Parley.Protection;
using Parley.Storage;

namespace Parley.Chat;

/// <summary>
/// The one owner of presence and routing: which nicks are online, which streams each has, and which
/// queue every event goes to. All of it changes under one lock, so every stream sees events in the
/// order the hub accepted them. Work under the lock is bounded: enqueueing never waits, encoding
/// happens later in each stream's writer loop, and a stream past its budget is dropped instead of blocking.
/// Joins and departures go to one <see cref="PresenceLog"/> that every writer reads, not to each queue.
/// Messages reach it only once the store committed them (<see cref="StoreThread"/>), in commit order.
/// On several nodes (<see cref="ClusterMode"/>) it owns this node's streams only: who is online over every node, and
/// when a nick joins or leaves the chat, it is told by the shared presence (<see cref="NickJoined"/>, <see cref="NickLeft"/>).
/// </summary>
public sealed partial class ChatHub(
    IOptionsMonitor<ChatOptions> options,
    IOptionsMonitor<LimitOptions> limits,
    ChatMetrics metrics,
    ClusterMode cluster) : ICommitRouting
{
    private readonly Lock _gate = new();

    private readonly bool _spansNodes = cluster.SpansNodes;

    // This node's streams per nick. Ordered: the seed lists who is online in the order they came.
    private readonly OrderedDictionary<string, Presence> _online = new(Nick.Comparer);

    // On several nodes: every nick online on any node, as the shared presence last said, spelled as it said.
    private readonly HashSet<string> _everywhere = new(Nick.Comparer);

    // On several nodes: nicks whose last stream here closed while the shared presence may still count them online. A
    // direct message sent them meanwhile reached no stream on any node; this node, which saw them go, keeps it waiting.
    private readonly HashSet<string> _leftHere = new(Nick.Comparer);

    // Streams dropped while routing; removed and announced before the lock is released.
    private readonly List<Subscriber> _dropped = [];

    private readonly OnlineRoster _roster = new();

    // Every open stream in one flat list: a broadcast walks it instead of every nick's own list.
    private readonly List<Subscriber> _streams = [];

    // Open streams per client address (ClientAddress's key), every nick together; an address with none has no entry.
    private readonly Dictionary<string, int> _streamsPerAddress = [];

    private readonly PresenceLog _presence = new(options.CurrentValue.PresenceBacklog);

    private long _sequence;

    // Streams ever registered or taken out: the compaction after a wave of them (Streams/WaveCompaction) watches it grow.
    private long _streamChanges;

    // The newest message fanned out: every later one reaches a stream registered now.
    private long _lastPublished;

    /// <summary>
    /// Registers a stream: from here on every message committed for its nick is queued to it. What was committed
    /// before (its mailbox, what it missed) the stream reads from the store afterwards; see <see cref="ConnectResult.TakesMailbox"/>.
    /// </summary>
    public ConnectResult Connect(Subscriber subscriber)
    {
        lock (_gate)
        {
            var limit = options.CurrentValue.MaxStreamsPerNick;
            _online.TryGetValue(subscriber.Nick, out var presence);
            if (presence is not null && presence.Streams.Count >= limit)
            {
                return ConnectResult.TooManyStreams(limit);
            }

            var address = subscriber.AddressKey;
            var addressLimit = limits.CurrentValue.MaxStreamsPerAddress;
            if (address is not null && _streamsPerAddress.GetValueOrDefault(address) >= addressLimit)
            {
                return ConnectResult.TooManyStreamsFromAddress(addressLimit);
            }

            // Written before anything else on the stream, so they need no place in the hub's order.
            subscriber.AddToPreamble(new Welcome(subscriber.Nick, _lastPublished));
            subscriber.AddToPreamble(new OnlineList(presence is null && _spansNodes ? OthersOnline(subscriber.Nick) : _roster.Snapshot()));
            var takesMailbox = presence is null;
            if (presence is null)
            {
                _online.Add(subscriber.Nick, presence = new Presence(subscriber.Nick));
                _leftHere.Remove(subscriber.Nick);
                if (!_spansNodes)
                {
                    Announce(new Joined(subscriber.Nick));
                    _roster.Add(presence.DisplayNick);
                }
            }

            subscriber.PresenceStart = _presence.Head; // after its own arrival, which the stream does not hear
            presence.Streams.Add(subscriber);
            _streams.Add(subscriber);
            _streamChanges++;
            if (address is not null)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_streamsPerAddress, address, out _)++;
            }
            metrics.StreamOpened(subscriber.Encoder.Format);
            return ConnectResult.Connected(takesMailbox, _lastPublished);
        }
    }

    /// <summary>Removes a stream that ended. Safe to call for a stream the hub already dropped.</summary>
    public void Disconnect(Subscriber subscriber, StreamCloseReason reason)
    {
        lock (_gate)
        {
            // The server going away is not a person leaving: the other streams are ending too.
            Remove(subscriber, announce: reason != StreamCloseReason.ServerShutdown);
        }

        metrics.StreamClosed(subscriber.Encoder.Format, subscriber.DropReason ?? reason);
    }

    /// <summary>
    /// Who is online now, as one event for a stream that fell behind on joins and departures, and the position
    /// in the presence log that the list already covers.
    /// </summary>
    public (Delivery OnlineNow, long PresenceFrom) SummarizePresence(string nick)
    {
        IReadOnlyList<string> online;
        long sequence, presenceFrom;
        lock (_gate)
        {
            online = _roster.Snapshot(); // a view that later changes do not touch, read after the lock
            sequence = ++_sequence;
            presenceFrom = _presence.Head;
        }

        var others = online.Where(other => !Nick.SameNick(other, nick)).ToArray();
        return (new Delivery(sequence, new OutboundEvent(new OnlineList(others))), presenceFrom);
    }

    /// <summary>
    /// On several nodes: <paramref name="displayNick"/>'s first stream on any node opened. Its streams do not hear it
    /// (the writer passes over its own nick's arrival), as on one node a stream opens after its own arrival.
    /// </summary>
    public void NickJoined(string displayNick)
    {
        lock (_gate)
        {
            if (_everywhere.Add(displayNick))
            {
                _roster.Add(displayNick);
                Announce(new Joined(displayNick));
            }
        }
    }

    /// <summary>On several nodes: <paramref name="displayNick"/>'s last stream on every node closed (or its node died).</summary>
    public void NickLeft(string displayNick)
    {
        lock (_gate)
        {
            _leftHere.Remove(displayNick);
            if (_everywhere.TryGetValue(displayNick, out var known) && _everywhere.Remove(known))
            {
                _roster.Remove(known);
                Announce(new Left(known));
            }
        }
    }

    /// <summary>
    /// On several nodes: who is online now, as the shared presence holds it after this node lost track (it started, or
    /// its subscription was down). Whoever came or went meanwhile is announced, once.
    /// </summary>
    public void ResetPresence(IReadOnlyCollection<string> displayNicks)
    {
        var now = new HashSet<string>(displayNicks, Nick.Comparer);
        foreach (var gone in EverywhereNow().Where(nick => !now.Contains(nick)))
        {
            NickLeft(gone);
        }

        foreach (var come in displayNicks)
        {
            NickJoined(come);
        }
    }

    /// <summary>On several nodes: these nicks, gone from here, still have streams on another node, which delivers to them.</summary>
    public void StillOnlineElsewhere(IEnumerable<string> nicks)
    {
        lock (_gate)
        {
            foreach (var nick in nicks)
            {
                _leftHere.Remove(nick);
            }
        }
    }

    /// <summary>How many nicks are online, read without the lock: a hint, not a count to act on exactly.</summary>
    public int OnlineCount => _roster.Count;

    /// <summary>Who is online, in the order they came (on several nodes, in the order this node heard of them).</summary>
    public IReadOnlyList<string> OnlineNicks()
    {
        lock (_gate)
        {
            return _roster.Snapshot();
        }
    }

    /// <summary>The joins and departures every writer loop reads from.</summary>
    internal PresenceLog PresenceLog => _presence;

    public IReadOnlyList<OnlineUser> OnlineUsers()
    {
        lock (_gate)
        {
            return [.. _online.Values.Select(p => new OnlineUser(p.DisplayNick, p.Streams.Count))];
        }
    }

    private Delivery Next(ChatEvent chatEvent) => new(++_sequence, new OutboundEvent(chatEvent));

    private string[] EverywhereNow()
    {
        lock (_gate)
        {
            return [.. _everywhere];
        }
    }

    /// <summary>On several nodes a first stream may open after its own arrival was heard: its list leaves it out, as on one node.</summary>
    private string[] OthersOnline(string nick) => [.. _roster.Snapshot().Where(other => !Nick.SameNick(other, nick))];

    /// <summary>Fans a message out to <paramref name="recipient"/>'s streams (everyone's when null).</summary>
    private void Publish(Delivery delivery, string? recipient)
    {
        if (recipient is null)
        {
            EnqueueToEveryone(delivery);
        }
        else if (_online.TryGetValue(recipient, out var presence))
        {
            EnqueueTo(presence, delivery);
        }
    }

    /// <summary>Appends a join or departure to the presence log and wakes every writer loop to read it.</summary>
    private void Announce(ChatEvent presenceChange)
    {
        _presence.Append(Next(presenceChange));
        foreach (var stream in CollectionsMarshal.AsSpan(_streams))
        {
            stream.Nudge();
        }
    }

    private void EnqueueToEveryone(Delivery delivery)
    {
        foreach (var stream in CollectionsMarshal.AsSpan(_streams))
        {
            Enqueue(stream, delivery);
        }
    }

    private void EnqueueTo(Presence presence, Delivery delivery)
    {
        foreach (var stream in presence.Streams)
        {
            Enqueue(stream, delivery);
        }
    }

    private void Enqueue(Subscriber stream, Delivery delivery)
    {
        if (!stream.TryEnqueue(delivery))
        {
            stream.MarkDropped(StreamCloseReason.QueueFull);
            _dropped.Add(stream);
        }
    }

    private void Remove(Subscriber subscriber, bool announce = true)
    {
        if (!_online.TryGetValue(subscriber.Nick, out var presence) || !presence.Streams.Remove(subscriber))
        {
            return;
        }

        _streams.Remove(subscriber);
        _streamChanges++;
        if (subscriber.AddressKey is { } address && --CollectionsMarshal.GetValueRefOrNullRef(_streamsPerAddress, address) == 0)
        {
            _streamsPerAddress.Remove(address);
        }

        if (presence.Streams.Count == 0)
        {
            _online.Remove(subscriber.Nick);
            if (_spansNodes)
            {
                _leftHere.Add(subscriber.Nick);
            }
            else
            {
                _roster.Remove(presence.DisplayNick);
                if (announce)
                {
                    Announce(new Left(presence.DisplayNick));
                }
            }
        }
    }

    /// <summary>Takes the streams dropped under this lock out of presence (announcing a departure drops nobody).</summary>
    private Subscriber[] SettleDrops()
    {
        if (_dropped.Count == 0)
        {
            return [];
        }

        var settled = _dropped.ToArray();
        _dropped.Clear();
        foreach (var stream in settled)
        {
            Remove(stream);
        }

        return settled;
    }

    // Outside the lock: cancelling runs the writer loops' callbacks, which must not run under it.
    private static void SignalDropped(Subscriber[] dropped)
    {
        foreach (var stream in dropped)
        {
            stream.SignalDropped();
        }
    }

    private sealed class Presence(string displayNick)
    {
        /// <summary>The nick as its first stream spelled it.</summary>
        public string DisplayNick { get; } = displayNick;

        public List<Subscriber> Streams { get; } = [];
    }
}
