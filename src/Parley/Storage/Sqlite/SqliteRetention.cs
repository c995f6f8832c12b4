using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>Retention: removing old messages, and the trimmed table that remembers how far it went per conversation.</summary>
internal sealed class SqliteRetention : IDisposable
{
    private const string Room = Conversation.Room;

    private readonly SqliteStatement _chooseOld;
    private readonly SqliteStatement _chooseBeyondKeep;
    private readonly SqliteStatement _crowded;
    private readonly SqliteStatement _remember;
    private readonly SqliteStatement _leavingMailboxes;
    private readonly SqliteStatement _remove;
    private readonly SqliteStatement _forget;
    private readonly SqliteStatement _removedThrough;

    public SqliteRetention(SqliteConnection connection)
    {
        // The messages one Trim removes, chosen once so the watermarks and the removal agree. In memory, per connection.
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TEMP TABLE IF NOT EXISTS doomed (id INTEGER PRIMARY KEY, conversation TEXT NOT NULL);";
            create.ExecuteNonQuery();
        }

        // Too old: a walk of the sent_at index over what goes, not of the table.
        _chooseOld = new SqliteStatement(connection, """
            INSERT OR IGNORE INTO temp.doomed (id, conversation)
            SELECT id, conversation FROM messages WHERE sent_at < $before;
            """);

        // Past the newest $keep of one conversation (counting the too old ones, as the memory store does): a walk of
        // the (conversation, id) index of that conversation only. Ranking every row of every conversation held the
        // store thread 1.3-2.0 s per sweep at a million messages, even when it removed nothing.
        _chooseBeyondKeep = new SqliteStatement(connection, """
            INSERT OR IGNORE INTO temp.doomed (id, conversation)
            SELECT id, conversation FROM messages
            WHERE conversation = $conversation
              AND id <= (SELECT id FROM messages WHERE conversation = $conversation ORDER BY id DESC LIMIT 1 OFFSET $keep);
            """);

        // Every conversation over the limit: for the first sweep after the store opens, which has no record of what was written.
        _crowded = new SqliteStatement(connection, "SELECT conversation FROM messages GROUP BY conversation HAVING COUNT(*) > $keep;");

        // The conversation key 'a b' split into its two nicks, for RemovedThrough to find. WHERE true: SQLite's
        // upsert needs a WHERE to parse after a SELECT.
        _remember = new SqliteStatement(connection, $"""
            INSERT INTO trimmed (conversation, nick_a, nick_b, through_id)
            SELECT conversation,
                   CASE WHEN conversation = '{Room}' THEN NULL ELSE substr(conversation, 1, instr(conversation, ' ') - 1) END,
                   CASE WHEN conversation = '{Room}' THEN NULL ELSE substr(conversation, instr(conversation, ' ') + 1) END,
                   MAX(id)
            FROM temp.doomed WHERE true GROUP BY conversation
            ON CONFLICT (conversation) DO UPDATE SET through_id = MAX(through_id, excluded.through_id);
            """);

        // Their mailbox entries go with them (ON DELETE CASCADE); read first, so the quotas' tally can let them go.
        _leavingMailboxes = new SqliteStatement(connection, $"""
            SELECT {SqliteMailbox.EntryColumns} FROM mailbox WHERE message_id IN (SELECT id FROM temp.doomed);
            """);
        _remove = new SqliteStatement(connection, "DELETE FROM messages WHERE id IN (SELECT id FROM temp.doomed);");
        _forget = new SqliteStatement(connection, "DELETE FROM temp.doomed;");

        _removedThrough = new SqliteStatement(connection, $"""
            SELECT MAX(through_id) FROM trimmed
            WHERE conversation = '{Room}' OR nick_a = $nick OR nick_b = $nick;
            """);
    }

    /// <summary>
    /// Removes what retention no longer keeps, in one transaction, and returns how many messages went and the mailbox
    /// entries that went with them.
    /// </summary>
    /// <param name="written">The conversations written since the last sweep (only they can have grown past the limit), or null for all.</param>
    public (int Removed, List<WaitingEntry> LeftMailboxes) Trim(SqliteConnection connection, DateTimeOffset sentBefore, int keepPerConversation, IReadOnlyCollection<string>? written)
    {
        using var transaction = connection.BeginTransaction();
        _chooseOld.With("$before", sentBefore.UtcTicks).Execute(transaction);
        var conversations = written ?? _crowded.With("$keep", keepPerConversation).Rows(row => row.GetString(0), transaction);
        foreach (var conversation in conversations)
        {
            _chooseBeyondKeep.With("$conversation", conversation).With("$keep", keepPerConversation).Execute(transaction);
        }

        _remember.Execute(transaction);
        var leftMailboxes = _leavingMailboxes.Rows(SqliteMailbox.ReadEntry, transaction);
        var removed = _remove.Execute(transaction); // counts the messages only, not the cascaded mailbox entries
        _forget.Execute(transaction);
        transaction.Commit();
        return (removed, leftMailboxes);
    }

    public long RemovedThrough(string nick) => _removedThrough.With("$nick", Conversation.NickKey(nick)).Scalar();

    public void Dispose()
    {
        _chooseOld.Dispose();
        _chooseBeyondKeep.Dispose();
        _crowded.Dispose();
        _remember.Dispose();
        _leavingMailboxes.Dispose();
        _remove.Dispose();
        _forget.Dispose();
        _removedThrough.Dispose();
    }
}
