using Microsoft.Data.Sqlite;
using Parley.Chat;

namespace Parley.Storage.Sqlite;

/// <summary>An admin deleting one message: the row goes, and its mailbox entries with it (ON DELETE CASCADE).</summary>
internal sealed class SqliteDeletion(SqliteConnection connection) : IDisposable
{
    private readonly SqliteStatement _find = new(connection, $"SELECT {SqliteMessages.Columns} FROM messages WHERE id = $id;");

    // Read before the cascade takes them, so the quotas' tally can let them go.
    private readonly SqliteStatement _leavingMailboxes = new(connection, $"SELECT {SqliteMailbox.EntryColumns} FROM mailbox WHERE message_id = $id;");

    private readonly SqliteStatement _remove = new(connection, "DELETE FROM messages WHERE id = $id;");

    /// <summary>Removes message <paramref name="id"/> in one transaction; the message and the mailbox entries that went, or null.</summary>
    public (ChatMessage Message, List<WaitingEntry> LeftMailboxes)? Delete(long id)
    {
        using var transaction = connection.BeginTransaction();
        if (_find.With("$id", id).Rows(SqliteMessages.Read, transaction) is not [var message])
        {
            return null;
        }

        var left = _leavingMailboxes.With("$id", id).Rows(SqliteMailbox.ReadEntry, transaction);
        _remove.With("$id", id).Execute(transaction);
        transaction.Commit();
        return (message, left);
    }

    public void Dispose()
    {
        _find.Dispose();
        _leavingMailboxes.Dispose();
        _remove.Dispose();
    }
}
