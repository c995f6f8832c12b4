using Microsoft.Data.Sqlite;
using Parley.Chat;

namespace Parley.Storage.Sqlite;

/// <summary>The messages table: storing a message, and the reads that page through messages in id order.</summary>
internal sealed class SqliteMessages(SqliteConnection connection) : IDisposable
{
    // Every read of whole messages returns these, in this order, for Read below.
    public const string Columns = "id, sender, recipient, text, sent_at, stored";

    private const string Room = Conversation.Room;

    private readonly SqliteStatement _insert = new(connection, """
        INSERT INTO messages (sender, recipient, sender_key, recipient_key, conversation, text, sent_at, stored)
        VALUES ($sender, $recipient, $sender_key, $recipient_key, $conversation, $text, $sent_at, $stored)
        RETURNING id;
        """);

    // Three walks in id order, each on its own index and cut at the limit, merged: a nick's catch-up costs what it
    // reads, however many direct messages other people exchanged meanwhile. A broadcast from the nick appears in
    // two walks; IN keeps one.
    private readonly SqliteStatement _readFor = new(connection, $"""
        SELECT {Columns} FROM messages WHERE id IN (
            SELECT id FROM (SELECT id FROM messages WHERE recipient_key = '{Room}' AND id > $after ORDER BY id LIMIT $limit)
            UNION ALL
            SELECT id FROM (SELECT id FROM messages WHERE recipient_key = $nick AND id > $after ORDER BY id LIMIT $limit)
            UNION ALL
            SELECT id FROM (SELECT id FROM messages WHERE sender_key = $nick AND id > $after ORDER BY id LIMIT $limit))
        ORDER BY id
        LIMIT $limit;
        """);

    private readonly SqliteStatement _history = new(connection, $"""
        SELECT {Columns} FROM messages
        WHERE conversation = $conversation AND id < $before
        ORDER BY id DESC
        LIMIT $limit;
        """);

    // The same three walks, newest first: everything a nick was part of, for its one timeline.
    private readonly SqliteStatement _historyFor = new(connection, $"""
        SELECT {Columns} FROM messages WHERE id IN (
            SELECT id FROM (SELECT id FROM messages WHERE recipient_key = '{Room}' AND id < $before ORDER BY id DESC LIMIT $limit)
            UNION ALL
            SELECT id FROM (SELECT id FROM messages WHERE recipient_key = $nick AND id < $before ORDER BY id DESC LIMIT $limit)
            UNION ALL
            SELECT id FROM (SELECT id FROM messages WHERE sender_key = $nick AND id < $before ORDER BY id DESC LIMIT $limit))
        ORDER BY id DESC
        LIMIT $limit;
        """);

    // The AUTOINCREMENT counter, not MAX(id): it stays at the highest id ever given after retention emptied the table.
    private readonly SqliteStatement _lastId = new(connection, "SELECT seq FROM sqlite_sequence WHERE name = 'messages';");

    public long LastId() => _lastId.Scalar();

    /// <summary>Stores <paramref name="draft"/> and returns its id.</summary>
    public long Insert(MessageDraft draft, SqliteTransaction transaction) => _insert
        .With("$sender", draft.From)
        .With("$recipient", draft.To)
        .With("$sender_key", Conversation.NickKey(draft.From))
        .With("$recipient_key", Conversation.NickKey(draft.To))
        .With("$conversation", Conversation.KeyOf(draft.From, draft.To))
        .With("$text", draft.Text)
        .With("$sent_at", draft.SentAt.UtcTicks)
        .With("$stored", draft.ForMailbox)
        .Scalar(transaction);

    public List<ChatMessage> ReadFor(string nick, long after, int limit) => _readFor
        .With("$nick", Conversation.NickKey(nick))
        .With("$after", after)
        .With("$limit", Math.Max(0, limit)) // SQLite reads a negative limit as none
        .Rows(Read);

    public List<ChatMessage> History(string conversation, long before, int limit) => _history
        .With("$conversation", conversation)
        .With("$before", before)
        .With("$limit", Math.Max(0, limit))
        .Rows(Read);

    public List<ChatMessage> HistoryFor(string nick, long before, int limit) => _historyFor
        .With("$nick", Conversation.NickKey(nick))
        .With("$before", before)
        .With("$limit", Math.Max(0, limit))
        .Rows(Read);

    /// <summary>A row of <see cref="Columns"/> as the message it stores.</summary>
    public static ChatMessage Read(SqliteDataReader row) => new(
        row.GetInt64(0),
        row.GetString(1),
        row.GetString(2),
        row.GetString(3),
        new DateTimeOffset(row.GetInt64(4), TimeSpan.Zero),
        row.GetBoolean(5));

    public void Dispose()
    {
        _insert.Dispose();
        _readFor.Dispose();
        _history.Dispose();
        _historyFor.Dispose();
        _lastId.Dispose();
    }
}
