using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace Parley.Chat;

/// <summary>
/// One open stream as the hub sees it: a nick, a wire format and a bounded queue of messages that exactly one
/// writer loop drains. The hub only ever calls <see cref="TryEnqueue"/>, so no sender waits on a reader.
/// Joins and departures are not queued here: the writer reads them from the hub's <see cref="PresenceLog"/>.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The cancellation source is left undisposed on purpose; see _dropped.")]
public sealed class Subscriber
{
    // The smallest a queued message counts for (see OutboundEvent.QueuedBytes): it turns the byte budget into
    // the channel's bound on entries.
    private const int SmallestQueuedBytes = 64;

    private readonly Channel<Delivery> _queue;

    // Made only when a wait asks for it (an idle stream never does). Never disposed: a source needs disposing only for
    // a timer or a wait handle, and this one has neither. Disposing it when the stream ended raced the hub cancelling
    // it after its lock, which threw out of a send that had already been delivered (a 500) and left the rest of that
    // batch of dropped streams running.
    private CancellationTokenSource? _dropped;
    private int _signalled;
    private long _lastFlushedAt;
    private readonly long _budgetBytes;
    private long _queuedBytes;
    private int _nudged;
    private List<ChatEvent>? _preamble = [];

    /// <param name="addressKey">What the per-address stream limit counts this stream under (<c>ClientAddress.KeyOf</c>); null for none.</param>
    /// <param name="openedAt">When the stream opened, as the admins' list of streams shows it.</param>
    public Subscriber(string nick, IEventEncoder encoder, int budgetBytes, string remoteAddress, string? addressKey = null, DateTimeOffset openedAt = default)
    {
        Nick = nick;
        OpenedAt = openedAt;
        Encoder = encoder;
        RemoteAddress = remoteAddress;
        AddressKey = addressKey;
        _budgetBytes = budgetBytes;
        _queue = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(Math.Max(1, budgetBytes / SmallestQueuedBytes))
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait, // never waited on: TryWrite fails when full and the stream is dropped
        });
    }

    public string Nick { get; }

    public IEventEncoder Encoder { get; }

    public string RemoteAddress { get; }

    /// <summary>The client's address as the per-address limit counts it, worked out once before the hub's lock is taken.</summary>
    public string? AddressKey { get; }

    public DateTimeOffset OpenedAt { get; }

    /// <summary>What the stream says last when an admin ended it (<see cref="StreamCloseReason.Kicked"/>); null otherwise.</summary>
    public Kicked? KickNotice { get; private set; }

    public ChannelReader<Delivery> Queue => _queue.Reader;

    /// <summary>What the messages waiting in the queue count against its budget now (see <see cref="OutboundEvent.QueuedBytes"/>).</summary>
    public long QueuedBytes => Volatile.Read(ref _queuedBytes);

    /// <summary>Where this stream starts reading the hub's joins and departures: the first one after its own arrival.</summary>
    internal long PresenceStart { get; set; }

    /// <summary>Cancelled when the hub drops this stream: a wait the writer loop is in (a catch-up read, a held-back flush) stops at once.</summary>
    public CancellationToken Dropped
    {
        get
        {
            if (Volatile.Read(ref _dropped) is { } made)
            {
                return made.Token;
            }

            var created = new CancellationTokenSource();
            var source = Interlocked.CompareExchange(ref _dropped, created, null) ?? created;

            // Full fences on both sides: either SignalDropped sees this source, or this sees the signal.
            if (Volatile.Read(ref _signalled) == 1)
            {
                source.Cancel();
            }

            return source.Token;
        }
    }

    /// <summary>
    /// When the writer loop last flushed (a <see cref="TimeProvider.GetTimestamp"/>): the heartbeat clock wakes a
    /// stream quiet for a whole interval.
    /// </summary>
    internal long LastFlushedAt
    {
        get => Volatile.Read(ref _lastFlushedAt);
        set => Volatile.Write(ref _lastFlushedAt, value);
    }

    /// <summary>Why the hub dropped the stream, or null while it has not.</summary>
    public StreamCloseReason? DropReason { get; private set; }

    /// <summary>
    /// The events a stream opens with (welcome, who is online, waiting messages). They are written before the
    /// queue is read and do not count against its budget, so a long backlog of waiting messages never
    /// makes a fresh stream look slow.
    /// </summary>
    public IReadOnlyList<ChatEvent> TakePreamble()
    {
        var preamble = _preamble ?? [];
        _preamble = null;
        return preamble;
    }

    internal void AddToPreamble(ChatEvent chatEvent) =>
        (_preamble ?? throw new InvalidOperationException("The preamble was already taken.")).Add(chatEvent);

    /// <summary>Queues a message unless it would take the stream past its budget of unwritten bytes.</summary>
    internal bool TryEnqueue(Delivery delivery) =>
        Interlocked.Add(ref _queuedBytes, delivery.Event.QueuedBytes) <= _budgetBytes && _queue.Writer.TryWrite(delivery);

    /// <summary>The writer loop took <paramref name="delivery"/> off the queue: it no longer counts against the budget.</summary>
    public void Dequeued(Delivery delivery)
    {
        if (delivery.IsNudge)
        {
            // A full fence: the writer reads the log's head after this, and a join appended meanwhile must either
            // be seen there or find the flag clear and nudge again.
            Interlocked.Exchange(ref _nudged, 0);
        }
        else
        {
            Interlocked.Add(ref _queuedBytes, -delivery.Event.QueuedBytes);
        }
    }

    /// <summary>Whether a message (not a nudge) waits in the queue.</summary>
    public bool HasQueuedMessage() => _queue.Reader.TryPeek(out var next) && (!next.IsNudge || _queue.Reader.Count > 1);

    /// <summary>
    /// Wakes the writer loop: for a new entry in the presence log, a heartbeat that may be due, or the end of the stream. The queue holds at most one nudge and it counts
    /// for nothing, so a storm of arrivals adds no more than one entry per stream. A wake through the stream's own
    /// queue batches as messages do: a shared signal for every idle writer sent them each a write per arrival
    /// (266,000 sends for a storm of 2,000 streams, against 8,700).
    /// </summary>
    internal void Nudge()
    {
        if (Interlocked.Exchange(ref _nudged, 1) == 0 && !_queue.Writer.TryWrite(Delivery.Nudge))
        {
            Volatile.Write(ref _nudged, 0); // full or completed: the next arrival tries again
        }
    }

    /// <summary>Marks the stream dropped. Cancelling is left to <see cref="SignalDropped"/>, outside the hub's lock.</summary>
    internal void MarkDropped(StreamCloseReason reason)
    {
        DropReason ??= reason;
        _queue.Writer.TryComplete();
    }

    /// <summary>Marks the stream ended by an admin, with what it tells its client last.</summary>
    internal void MarkKicked(Kicked notice)
    {
        if (DropReason is null)
        {
            KickNotice = notice;
        }

        MarkDropped(StreamCloseReason.Kicked);
    }

    internal void SignalDropped()
    {
        Interlocked.Exchange(ref _signalled, 1);
        Volatile.Read(ref _dropped)?.Cancel();
    }
}
