using Parley.Storage;

namespace Parley.Chat;

/// <summary>
/// What a stream reads from the store once it is registered: the messages waiting in its nick's mailbox (when it is
/// the nick's first stream) and, when it resumes after a <c>Last-Event-ID</c>, everything for the nick since then,
/// merged oldest first and read a page at a time on the store thread. Live messages queued meanwhile with ids up to
/// <see cref="SkipThrough"/> were read here already, and the writer skips them.
/// </summary>
public sealed class CatchUp(StoreThread store, string nick, long? resumeAfter, bool takesMailbox, int pageSize)
{
    private Queue<ChatMessage>? _waiting;
    private long _cursor = resumeAfter ?? 0;
    private bool _started;

    public bool IsNeeded => resumeAfter is not null || takesMailbox;

    public bool IsDone { get; private set; }

    /// <summary>Live messages with ids up to this one were in the catch-up (or were not for this nick). 0 for a stream that does not resume.</summary>
    public long SkipThrough { get; private set; }

    /// <summary>The newest mailbox message delivered, to be removed from the mailbox once the stream has written it; 0 for none.</summary>
    public long WaitingThrough { get; private set; }

    public string Nick => nick;

    /// <summary>The next events to write, oldest first; <see cref="IsDone"/> once the last page was read.</summary>
    public async Task<IReadOnlyList<ChatEvent>> NextPageAsync()
    {
        var first = !_started;
        _started = true;
        var cursor = _cursor;
        var page = await store.RunAsync(s => new StorePage(
            first && takesMailbox ? s.Waiting(nick, int.MaxValue) : [],
            first && resumeAfter is not null ? s.RemovedThrough(nick) : 0,
            resumeAfter is not null ? s.ReadFor(nick, cursor, pageSize) : [],
            s.LastId));

        var events = new List<ChatEvent>(page.Replay.Count + page.Waiting.Count + 1);
        if (first)
        {
            _waiting = new Queue<ChatMessage>(page.Waiting);
            if (resumeAfter is { } after && page.RemovedThrough > after)
            {
                events.Add(new Truncated(after, page.RemovedThrough));
            }
        }

        var waiting = _waiting!;
        foreach (var message in page.Replay)
        {
            while (waiting.TryPeek(out var older) && older.Id < message.Id)
            {
                events.Add(Waited(waiting.Dequeue()));
            }

            if (waiting.TryPeek(out var same) && same.Id == message.Id)
            {
                events.Add(Waited(waiting.Dequeue()));
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
                events.Add(Waited(rest));
            }

            IsDone = true;
            SkipThrough = resumeAfter is null ? 0 : page.LastId;
        }

        return events;
    }

    /// <summary>How <paramref name="reader"/> sees a message read back from the store, as it saw it live.</summary>
    public static MessageView ViewOf(ChatMessage message, string reader) =>
        message.IsBroadcast ? MessageView.ToAll
        : Chat.Nick.SameNick(message.To, reader) && !Chat.Nick.SameNick(message.From, reader) ? (message.Stored ? MessageView.Waited : MessageView.Received)
        : message.Stored ? MessageView.SentToOffline
        : MessageView.Sent;

    private MessageEvent Waited(ChatMessage message)
    {
        WaitingThrough = Math.Max(WaitingThrough, message.Id);
        return new MessageEvent(message, MessageView.Waited);
    }

    private sealed record StorePage(IReadOnlyList<ChatMessage> Waiting, long RemovedThrough, IReadOnlyList<ChatMessage> Replay, long LastId);
}
