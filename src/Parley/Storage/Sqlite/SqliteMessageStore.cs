using Microsoft.Data.Sqlite;
using Parley.Chat;

namespace Parley.Storage.Sqlite;

/// <summary>
/// Messages and the offline mailbox in <c>parley.db</c> in the data folder (<c>--store sqlite</c>): they survive a
/// restart and, with every commit synced, a power cut. One connection for the store's lifetime, used only by the
/// store thread, so no lock and no pool; the statements each call runs are compiled once, at <see cref="Open"/>.
/// </summary>
public sealed partial class SqliteMessageStore : IMessageStore
{
    private readonly string _folder;
    private readonly ILogger<SqliteMessageStore> _logger;
    private Opened? _opened;

    // What the mailbox table holds, counted at open and kept in step with every change to it, so a draft is checked
    // against the quotas without a COUNT over the table.
    private WaitingTally _tally = new();

    // The conversations written since the last sweep, which only they can have grown past the limit; null until the
    // first sweep after opening, which looks at every conversation.
    private HashSet<string>? _written;
    private int _lastKeep = int.MaxValue;

    public SqliteMessageStore(string folder, ILogger<SqliteMessageStore> logger)
    {
        _folder = folder;
        _logger = logger;
        Accounts = new OpenAccounts(this);
    }

    public IAccountStore Accounts { get; }

    public long LastId { get; private set; }

    private Opened Store => _opened ?? throw new InvalidOperationException("The message store is not open: call Open first.");

    public void Open()
    {
        if (_opened is not null)
        {
            throw new InvalidOperationException("The message store is already open.");
        }

        var connection = SqliteStoreFile.Open(_folder, _logger);
        try
        {
            _opened = new Opened(connection);
            LastId = _opened.Messages.LastId();
            _tally = _opened.Mailbox.Tally();
        }
        catch
        {
            _opened?.Dispose();
            _opened = null;
            connection.Dispose();
            throw;
        }

        Log.Opened(_logger, connection.DataSource, SqliteMigrations.Latest, LastId);
    }

    public IReadOnlyList<Appended> Append(IReadOnlyList<MessageDraft> drafts, MailboxQuotas quotas)
    {
        var store = Store;
        var appended = new Appended[drafts.Count];
        var lastId = LastId;

        // Counted as they are added, so the next draft of the batch sees them; taken back if the batch fails.
        var waiting = new List<WaitingEntry>();
        try
        {
            // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default): the write lock is taken up front, so the batch cannot
            // fail half-way for a lock. One commit, one sync, for the whole batch.
            using var transaction = store.Connection.BeginTransaction();
            for (var i = 0; i < drafts.Count; i++)
            {
                var draft = drafts[i];
                var entry = draft.ForMailbox ? EntryFor(draft) : default;
                if (draft.ForMailbox && _tally.Refuses(entry, quotas) is { } refusal)
                {
                    appended[i] = Appended.Refused(refusal);
                    continue;
                }

                var id = store.Messages.Insert(draft, transaction);
                if (draft.ForMailbox)
                {
                    store.Mailbox.Add(id, entry, transaction);
                    _tally.Add(entry);
                    waiting.Add(entry);
                }

                // Read back as stored: the time in UTC, as later reads return it.
                appended[i] = Appended.Stored(new ChatMessage(id, draft.From, draft.To, draft.Text, draft.SentAt.ToUniversalTime(), draft.ForMailbox));
                lastId = id;
            }

            transaction.Commit();
        }
        catch
        {
            waiting.ForEach(_tally.Remove);
            throw;
        }

        LastId = lastId; // only once committed: a failed batch gave no ids
        if (_written is { } written)
        {
            foreach (var (message, _) in appended)
            {
                if (message is not null)
                {
                    written.Add(Conversation.KeyOf(message.From, message.To));
                }
            }
        }

        return appended;
    }

    public IReadOnlyList<ChatMessage> ReadFor(string nick, long after, int limit) => Store.Messages.ReadFor(nick, after, limit);

    public long RemovedThrough(string nick) => Store.Retention.RemovedThrough(nick);

    public IReadOnlyList<ChatMessage> Waiting(string nick, int limit) => Store.Mailbox.Waiting(nick, limit);

    public void KeepWaiting(string nick, long messageId, bool recipientRegistered = false) =>
        Store.Mailbox.Keep(nick, messageId, recipientRegistered).ForEach(_tally.Add);

    public void RemoveWaiting(string nick, long throughId) => Store.Mailbox.Remove(nick, throughId).ForEach(_tally.Remove);

    public IReadOnlyList<ChatMessage> History(string nick, string? other, long before, int limit) => other is null
        ? Store.Messages.HistoryFor(nick, before, limit)
        : Store.Messages.History(Nick.IsAll(other) ? Conversation.Room : Conversation.KeyOf(nick, other), before, limit);

    public int Trim(DateTimeOffset sentBefore, int keepPerConversation)
    {
        // A lower limit than last time may apply to any conversation, written to since or not.
        var written = keepPerConversation < _lastKeep ? null : _written;
        var (removed, leftMailboxes) = Store.Retention.Trim(Store.Connection, sentBefore, keepPerConversation, written);
        leftMailboxes.ForEach(_tally.Remove);
        _written = new HashSet<string>(StringComparer.Ordinal);
        _lastKeep = keepPerConversation;
        return removed;
    }

    public ChatMessage? Delete(long id)
    {
        if (Store.Deletion.Delete(id) is not { } deleted)
        {
            return null;
        }

        deleted.LeftMailboxes.ForEach(_tally.Remove);
        return deleted.Message;
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

    private static WaitingEntry EntryFor(MessageDraft draft) => new(
        Conversation.NickKey(draft.To),
        Conversation.NickKey(draft.From),
        WaitingEntry.BytesOf(draft.Text),
        draft.RecipientRegistered);

    /// <summary>The open connection and the statements compiled for it, which go together.</summary>
    private sealed class Opened(SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public SqliteMessages Messages { get; } = new(connection);

        public SqliteMailbox Mailbox { get; } = new(connection);

        public SqliteRetention Retention { get; } = new(connection);

        public SqliteAccounts Accounts { get; } = new(connection);

        public SqliteBans Bans { get; } = new(connection);

        public SqliteDeletion Deletion { get; } = new(connection);

        public void Dispose()
        {
            Bans.Dispose();
            Deletion.Dispose();
            Messages.Dispose();
            Mailbox.Dispose();
            Retention.Dispose();
            Accounts.Dispose();
            Connection.Dispose();
        }
    }

    /// <summary>The accounts of whichever file is open: there from construction, like the memory store's, usable once open.</summary>
    private sealed class OpenAccounts(SqliteMessageStore store) : IAccountStore
    {
        public IReadOnlyList<StoredAccount> Accounts() => store.Store.Accounts.Accounts();

        public bool AddAccount(StoredAccount account) => store.Store.Accounts.AddAccount(account);

        public void UpdateAccount(string nick, string passwordHash, string stamp) => store.Store.Accounts.UpdateAccount(nick, passwordHash, stamp);

        public IReadOnlyList<StoredGuestHold> GuestHolds() => store.Store.Accounts.GuestHolds();

        public bool SaveGuestHold(StoredGuestHold hold, DateTimeOffset now) => store.Store.Accounts.SaveGuestHold(hold, now);

        public void RemoveGuestHold(string nick, string sessionId) => store.Store.Accounts.RemoveGuestHold(nick, sessionId);

        public StoredBan AddBan(StoredBan ban) => store.Store.Bans.Add(ban);

        public IReadOnlyList<StoredBan> Bans() => store.Store.Bans.All();

        public bool RemoveBan(long id) => store.Store.Bans.Remove(id);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 33, Level = LogLevel.Information, Message = "Opened the message store {File}: schema version {Version}, last id {LastId}")]
        public static partial void Opened(ILogger logger, string file, int version, long lastId);
    }
}
