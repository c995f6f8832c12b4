using Microsoft.Data.Sqlite;
using Parley.Chat;

namespace Parley.Storage.Sqlite;

/// <summary>The mailbox table: which stored messages wait for which offline nick.</summary>
internal sealed class SqliteMailbox(SqliteConnection connection) : IDisposable
{
    private readonly SqliteStatement _count = new(connection, "SELECT COUNT(*) FROM mailbox WHERE nick_key = $nick;");

    private readonly SqliteStatement _add = new(connection, "INSERT INTO mailbox (nick_key, message_id) VALUES ($nick, $id);");

    // A message retention already removed has nothing left to wait.
    private readonly SqliteStatement _keep = new(connection, """
        INSERT OR IGNORE INTO mailbox (nick_key, message_id)
        SELECT $nick, $id WHERE EXISTS (SELECT 1 FROM messages WHERE id = $id);
        """);

    private readonly SqliteStatement _waiting = new(connection, $"""
        SELECT {SqliteMessages.Columns} FROM messages
        WHERE id IN (SELECT message_id FROM mailbox WHERE nick_key = $nick ORDER BY message_id LIMIT $limit)
        ORDER BY id;
        """);

    private readonly SqliteStatement _remove = new(connection, "DELETE FROM mailbox WHERE nick_key = $nick AND message_id <= $through;");

    /// <summary>How many messages wait for <paramref name="nick"/>, counting this transaction's own additions.</summary>
    public long Count(string nick, SqliteTransaction transaction) => _count
        .With("$nick", Conversation.NickKey(nick))
        .Scalar(transaction);

    public void Add(string nick, long id, SqliteTransaction transaction) => _add
        .With("$nick", Conversation.NickKey(nick))
        .With("$id", id)
        .Execute(transaction);

    public void Keep(string nick, long id) => _keep
        .With("$nick", Conversation.NickKey(nick))
        .With("$id", id)
        .Execute();

    public List<ChatMessage> Waiting(string nick, int limit) => _waiting
        .With("$nick", Conversation.NickKey(nick))
        .With("$limit", Math.Max(0, limit)) // SQLite reads a negative limit as none
        .Rows(SqliteMessages.Read);

    public void Remove(string nick, long throughId) => _remove
        .With("$nick", Conversation.NickKey(nick))
        .With("$through", throughId)
        .Execute();

    public void Dispose()
    {
        _count.Dispose();
        _add.Dispose();
        _keep.Dispose();
        _waiting.Dispose();
        _remove.Dispose();
    }
}
