using Parley.Chat;

namespace Parley.Storage;

/// <summary>
/// Where accepted messages and the offline mailbox live. Every call comes from the store's one thread
/// (<see cref="StoreThread"/>), one at a time and in the order the chat asked, so an implementation needs no lock
/// of its own and may block (a disk, a network round trip) without ever holding up a socket thread.
/// Nothing here names SQL, files or keys: SQLite, memory and (next) Redis are each one implementation.
/// </summary>
public interface IMessageStore : IDisposable
{
    /// <summary>Creates the store or opens the existing one, migrating it forward; throws <see cref="StoreUnavailableException"/> with the reason.</summary>
    void Open();

    /// <summary>Accounts and guest holds, kept beside the messages.</summary>
    IAccountStore Accounts { get; }

    /// <summary>The highest id ever given, 0 for a new store. Ids increase in commit order and are never given twice, even after retention removed their messages.</summary>
    long LastId { get; }

    /// <summary>
    /// Stores <paramref name="drafts"/> in order as one commit and returns each with its id. A draft for the mailbox
    /// that would go past one of <paramref name="quotas"/> (counting the drafts before it) is refused, saying which,
    /// and the others are stored. When this returns, the commit is as durable as the store promises.
    /// </summary>
    IReadOnlyList<Appended> Append(IReadOnlyList<MessageDraft> drafts, MailboxQuotas quotas);

    /// <summary>What <paramref name="nick"/> was part of after <paramref name="after"/>: broadcasts and direct messages from or to it, oldest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<ChatMessage> ReadFor(string nick, long after, int limit);

    /// <summary>The highest id that retention removed from a conversation <paramref name="nick"/> is part of; 0 when none.</summary>
    long RemovedThrough(string nick);

    /// <summary>The messages kept for <paramref name="nick"/> while it was offline and not yet delivered, oldest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<ChatMessage> Waiting(string nick, int limit);

    /// <summary>
    /// Puts a stored message in <paramref name="nick"/>'s mailbox after all: it was sent while the nick was online, but
    /// its last stream closed before the message reached it. Past the quotas too: the send was already accepted; it
    /// counts against them from now on, against the guests' unless <paramref name="recipientRegistered"/>.
    /// </summary>
    void KeepWaiting(string nick, long messageId, bool recipientRegistered = false);

    /// <summary>Marks the messages waiting for <paramref name="nick"/> with ids up to <paramref name="throughId"/> delivered: they no longer count against any quota.</summary>
    void RemoveWaiting(string nick, long throughId);

    /// <summary>
    /// What <paramref name="nick"/> was part of, newest first: the room when <paramref name="other"/> is
    /// <see cref="Nick.All"/>, the direct messages between the two when it is a nick, and all of it (the room and every
    /// direct conversation of the nick) when it is null. Only ids below <paramref name="before"/>, at most <paramref name="limit"/>.
    /// </summary>
    IReadOnlyList<ChatMessage> History(string nick, string? other, long before, int limit);

    /// <summary>
    /// Removes messages sent before <paramref name="sentBefore"/> and all but the newest <paramref name="keepPerConversation"/>
    /// of each conversation, remembering per conversation the highest id removed; returns how many it removed. A removed
    /// message leaves the mailboxes too, and no longer counts against any quota.
    /// </summary>
    int Trim(DateTimeOffset sentBefore, int keepPerConversation);

    /// <summary>
    /// Removes message <paramref name="id"/> from everything: history, catch-up reads and every mailbox (where it no longer
    /// counts against any quota). Not retention: no <c>truncated</c> follows. Returns the message as it was, null when there is none.
    /// </summary>
    ChatMessage? Delete(long id);
}
