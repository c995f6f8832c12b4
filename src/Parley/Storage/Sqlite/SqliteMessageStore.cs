using Microsoft.Data.Sqlite;
using Parley.Chat;

namespace Parley.Storage.Sqlite;

/// <summary>
/// Messages and the offline mailbox in <c>parley.db</c> in the data folder (<c>--store sqlite</c>): they survive a
/// restart and, with every commit synced, a power cut. One connection for the store's lifetime, used only by the
/// store thread, so no lock and no pool; the statements each call runs are compiled once, at <see cref="Open"/>.
/// </summary>
public sealed partial class SqliteMessageStore(string folder, ILogger<SqliteMessageStore> logger) : IMessageStore
{
    private Opened? _opened;

    // The conversations written since the last sweep, which only they can have grown past the limit; null until the
    // first sweep after opening, which looks at every conversation.
    private HashSet<string>? _written;
    private int _lastKeep = int.MaxValue;

    // Until the schema has account tables (next migration), accounts live in memory beside the SQLite file.
    public IAccountStore Accounts { get; } = new MemoryAccountStore();

    public long LastId { get; private set; }

    private Opened Store => _opened ?? throw new InvalidOperationException("The message store is not open: call Open first.");

    public void Open()
    {
        if (_opened is not null)
        {
            throw new InvalidOperationException("The message store is already open.");
        }

        var connection = SqliteStoreFile.Open(folder, logger);
        try
        {
            _opened = new Opened(connection);
            LastId = _opened.Messages.LastId();
        }
        catch
        {
            _opened?.Dispose();
            _opened = null;
            connection.Dispose();
            throw;
        }

        Log.Opened(logger, connection.DataSource, SqliteMigrations.Latest, LastId);
    }

    public IReadOnlyList<ChatMessage?> Append(IReadOnlyList<MessageDraft> drafts, int mailboxLimit)
    {
        var store = Store;
        var stored = new ChatMessage?[drafts.Count];
        var lastId = LastId;

        // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock is taken up front, so the batch cannot
        // fail half-way for a lock. One commit, one sync, for the whole batch.
        using (var transaction = store.Connection.BeginTransaction())
        {
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                if (draft.ForMailbox && store.Mailbox.Count(draft.To, transaction) >= mailboxLimit)
                {
                    continue;
                }

                var id = store.Messages.Insert(draft, transaction);
                if (draft.ForMailbox)
                {
                    store.Mailbox.Add(draft.To, id, transaction);
                }

                // Read back as stored: the time in UTC, as later reads return it.
                stored[i] = new ChatMessage(id, draft.From, draft.To, draft.Text, draft.SentAt.ToUniversalTime(), draft.ForMailbox);
                lastId = id;
            }

            transaction.Commit();
        }

        LastId = lastId; // only once committed: a failed batch gave no ids
        if (_written is { } written)
        {
            foreach (var message in stored)
            {
                if (message is not null)
                {
                    written.Add(Conversation.KeyOf(message.From, message.To));
                }
            }
        }

        return stored;
    }

    public IReadOnlyList<ChatMessage> ReadFor(string nick, long after, int limit) => Store.Messages.ReadFor(nick, after, limit);

    public long RemovedThrough(string nick) => Store.Retention.RemovedThrough(nick);

    public IReadOnlyList<ChatMessage> Waiting(string nick, int limit) => Store.Mailbox.Waiting(nick, limit);

    public void KeepWaiting(string nick, long messageId) => Store.Mailbox.Keep(nick, messageId);

    public void RemoveWaiting(string nick, long throughId) => Store.Mailbox.Remove(nick, throughId);

    public IReadOnlyList<ChatMessage> History(string nick, string? other, long before, int limit) => other is null
        ? Store.Messages.HistoryFor(nick, before, limit)
        : Store.Messages.History(Nick.IsAll(other) ? Conversation.Room : Conversation.KeyOf(nick, other), before, limit);

    public int Trim(DateTimeOffset sentBefore, int keepPerConversation)
    {
        // A lower limit than last time may apply to any conversation, written to since or not.
        var written = keepPerConversation < _lastKeep ? null : _written;
        var removed = Store.Retention.Trim(Store.Connection, sentBefore, keepPerConversation, written);
        _written = new HashSet<string>(StringComparer.Ordinal);
        _lastKeep = keepPerConversation;
        return removed;
    }

    /// <summary>A pragma's value as this store's connection sees it; some (synchronous) are per connection, so only here.</summary>
    internal object? Pragma(string name)
    {
        using var command = Store.Connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return command.ExecuteScalar();
    }

    /// <summary>Closes the file: the write-ahead log is checkpointed into it and removed.</summary>
    public void Dispose()
    {
        _opened?.Dispose();
        _opened = null;
    }

    /// <summary>The open connection and the statements compiled for it, which go together.</summary>
    private sealed class Opened(SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public SqliteMessages Messages { get; } = new(connection);

        public SqliteMailbox Mailbox { get; } = new(connection);

        public SqliteRetention Retention { get; } = new(connection);

        public void Dispose()
        {
            Messages.Dispose();
            Mailbox.Dispose();
            Retention.Dispose();
            Connection.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 33, Level = LogLevel.Information, Message = "Opened the message store {File}: schema version {Version}, last id {LastId}")]
        public static partial void Opened(ILogger logger, string file, int version, long lastId);
    }
}
