using Parley.Storage;

namespace Parley.Chat;

/// <summary>
/// What a stream reads from the store once it is registered: the messages waiting in its nick's mailbox (when it is
/// the nick's first stream) and everything for the nick since its position, merged oldest first and read a page at a
/// time on the store thread. The position is the client's <c>Last-Event-ID</c>, or for a first stream without one the
/// welcome's, so that a message committed in the batch that was deciding as the stream registered comes in id order.
/// Live messages queued meanwhile with ids up to <see cref="SkipThrough"/> were read here already, and the writer skips them.
/// </summary>
/// <param name="clientPosition">The id the client says it has seen everything up to, or null.</param>
/// <param name="registeredAfter">The welcome's position: every message after it reaches the stream live or here.</param>
public sealed class CatchUp(StoreThread store, string nick, long? clientPosition, long registeredAfter, bool takesMailbox, int pageSize)
{
    private readonly long? _readAfter = clientPosition ?? (takesMailbox ? registeredAfter : null);
    private Queue<ChatMessage>? _waiting;
    private long _cursor = clientPosition ?? registeredAfter;
    private long _signalledThrough;
    private bool _started;

    public bool IsNeeded => _readAfter is not null || takesMailbox;

    public bool IsDone { get; private set; }

    /// <summary>Live messages with ids up to this one were in the catch-up (or were not for this nick). 0 when nothing was read.</summary>
    public long SkipThrough { get; private set; }

    /// <summary>The newest mailbox message dealt with, to be removed from the mailbox once the stream has written it; 0 for none.</summary>
    public long WaitingThrough { get; private set; }

    /// <summary>The next events to write, oldest first; <see cref="IsDone"/> once the last page was read.</summary>
    public async Task<IReadOnlyList<ChatEvent>> NextPageAsync()
    {
        var first = !_started;
        _started = true;
        var cursor = _cursor;
        var readAfter = _readAfter;
        var page = await store.RunAsync(s =>
        {
            // Read before the messages: on a store several nodes write, more may be committed between the two reads,
            // and a message the read found past this id is still skipped live (SkipThrough takes the newest read).
            var lastId = s.LastId;
            return new StorePage(
                first && takesMailbox ? s.Waiting(nick, int.MaxValue) : [],
                clientPosition is not null ? s.RemovedThrough(nick) : 0,
                readAfter is not null ? s.ReadFor(nick, cursor, pageSize) : [],
                lastId);
        });

        var events = new List<ChatEvent>(page.Replay.Count + page.Waiting.Count + 1);
        if (first)
        {
            // A waiting message at or before the client's own position reached it on an earlier stream that ended
            // before it could remove it: it is removed now, not written again.
            _waiting = new Queue<ChatMessage>(page.Waiting.Where(message => message.Id > clientPosition.GetValueOrDefault(long.MinValue)));
            WaitingThrough = page.Waiting.Count > 0 ? page.Waiting[^1].Id : 0;
        }

        // Checked on every page: retention may run while a long gap is being read.
        if (page.RemovedThrough > Math.Max(cursor, _signalledThrough))
        {
            events.Add(new Truncated(cursor, page.RemovedThrough));
            _signalledThrough = page.RemovedThrough;
        }

        var waiting = _waiting!;
        foreach (var message in page.Replay)
        {
            while (waiting.TryPeek(out var older) && older.Id < message.Id)
            {
                events.Add(new MessageEvent(waiting.Dequeue(), MessageView.Waited));
            }

            if (waiting.TryPeek(out var same) && same.Id == message.Id)
            {
                events.Add(new MessageEvent(waiting.Dequeue(), MessageView.Waited));
            }
            else
            {
                events.Add(new MessageEvent(message, ViewOf(message, nick)));
            }

            _cursor = message.Id;
        }

        if (page.Replay.Count < pageSize)
        {
            while (waiting.TryDequeue(out var rest))
            {
                events.Add(new MessageEvent(rest, MessageView.Waited));
            }

            IsDone = true;
            SkipThrough = readAfter is null ? 0 : Math.Max(page.LastId, _cursor);
        }

        return events;
    }

    /// <summary>How <paramref name="reader"/> sees a message read back from the store, as it saw it live.</summary>
    public static MessageView ViewOf(ChatMessage message, string reader) =>
        message.IsBroadcast ? MessageView.ToAll
        : Chat.Nick.SameNick(message.To, reader) && !Chat.Nick.SameNick(message.From, reader) ? (message.Stored ? MessageView.Waited : MessageView.Received)
        : message.Stored ? MessageView.SentToOffline
        : MessageView.Sent;

    private sealed record StorePage(IReadOnlyList<ChatMessage> Waiting, long RemovedThrough, IReadOnlyList<ChatMessage> Replay, long LastId);
}
