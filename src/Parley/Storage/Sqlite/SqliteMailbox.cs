using Microsoft.Data.Sqlite;
using Parley.Chat;

namespace Parley.Storage.Sqlite;

/// <summary>
/// The mailbox table: which stored messages wait for which offline nick, and what each counts against the quotas.
/// Every change returns the entries it added or removed, so the store's <see cref="WaitingTally"/> follows the rows
/// without counting them again.
/// </summary>
internal sealed class SqliteMailbox(SqliteConnection connection) : IDisposable
{
    private readonly SqliteStatement _add = new(connection, """
        INSERT INTO mailbox (nick_key, message_id, sender_key, bytes, registered) VALUES ($nick, $id, $sender, $bytes, $registered);
        """);

    // A message retention already removed has nothing left to wait; one already waiting is not counted twice. The
    // bytes as the draft's were counted: the UTF-8 the text is stored as.
    private readonly SqliteStatement _keep = new(connection, $"""
        INSERT OR IGNORE INTO mailbox (nick_key, message_id, sender_key, bytes, registered)
        SELECT $nick, id, sender_key, length(CAST(text AS BLOB)), $registered FROM messages WHERE id = $id
        RETURNING {EntryColumns};
        """);

    private readonly SqliteStatement _waiting = new(connection, $"""
        SELECT {SqliteMessages.Columns} FROM messages
        WHERE id IN (SELECT message_id FROM mailbox WHERE nick_key = $nick ORDER BY message_id LIMIT $limit)
        ORDER BY id;
        """);

    private readonly SqliteStatement _remove = new(connection, $"""
        DELETE FROM mailbox WHERE nick_key = $nick AND message_id <= $through RETURNING {EntryColumns};
        """);

    // Grouped as the tally counts them: one row per recipient, sender and kind of recipient, bytes summed.
    private readonly SqliteStatement _tally = new(connection, """
        SELECT nick_key, sender_key, SUM(bytes), registered, COUNT(*) FROM mailbox GROUP BY nick_key, sender_key, registered;
        """);

    /// <summary>The columns <see cref="ReadEntry"/> reads, in its order.</summary>
    public const string EntryColumns = "nick_key, sender_key, bytes, registered";

    public void Add(long id, WaitingEntry entry, SqliteTransaction transaction) => _add
        .With("$nick", entry.RecipientKey)
        .With("$id", id)
        .With("$sender", entry.SenderKey)
        .With("$bytes", entry.Bytes)
        .With("$registered", entry.RecipientRegistered)
        .Execute(transaction);

    /// <summary>The entry it added, or none when the message is gone or was waiting already.</summary>
    public List<WaitingEntry> Keep(string nick, long id, bool recipientRegistered) => _keep
        .With("$nick", Conversation.NickKey(nick))
        .With("$id", id)
        .With("$registered", recipientRegistered)
        .Rows(ReadEntry);

    public List<ChatMessage> Waiting(string nick, int limit) => _waiting
        .With("$nick", Conversation.NickKey(nick))
        .With("$limit", Math.Max(0, limit)) // SQLite reads a negative limit as none
        .Rows(SqliteMessages.Read);

    /// <summary>The entries it removed.</summary>
    public List<WaitingEntry> Remove(string nick, long throughId) => _remove
        .With("$nick", Conversation.NickKey(nick))
        .With("$through", throughId)
        .Rows(ReadEntry);

    /// <summary>Counts every entry into a new tally, once, when the store opens.</summary>
    public WaitingTally Tally()
    {
        var tally = new WaitingTally();
        foreach (var (group, messages) in _tally.Rows(row => (ReadEntry(row), row.GetInt32(4))))
        {
            tally.AddGroup(group, messages);
        }

        return tally;
    }

    public void Dispose()
    {
        _add.Dispose();
        _keep.Dispose();
        _waiting.Dispose();
        _remove.Dispose();
        _tally.Dispose();
    }

    /// <summary>A row of <see cref="EntryColumns"/> as the entry it stores.</summary>
    public static WaitingEntry ReadEntry(SqliteDataReader row) => new(row.GetString(0), row.GetString(1), row.GetInt64(2), row.GetBoolean(3));
}
