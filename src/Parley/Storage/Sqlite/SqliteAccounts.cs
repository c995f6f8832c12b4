using Microsoft.Data.Sqlite;

namespace Parley.Storage.Sqlite;

/// <summary>
/// The accounts and guest_holds tables. Each change is its own statement, committed and synced on its own like a
/// batch of messages: a registration or a password change that was answered survives a power cut.
/// </summary>
internal sealed class SqliteAccounts(SqliteConnection connection) : IDisposable
{
    private readonly SqliteStatement _accounts = new(connection, "SELECT nick, password_hash, stamp, created_at FROM accounts ORDER BY created_at, nick_key;");

    // OR IGNORE: the nick in any letter case already registered leaves the row as it was, and changes no row.
    private readonly SqliteStatement _addAccount = new(connection, """
        INSERT OR IGNORE INTO accounts (nick_key, nick, password_hash, stamp, created_at)
        VALUES ($nick_key, $nick, $password_hash, $stamp, $created_at);
        """);

    private readonly SqliteStatement _updateAccount = new(connection, """
        UPDATE accounts SET password_hash = $password_hash, stamp = $stamp WHERE nick_key = $nick_key;
        """);

    private readonly SqliteStatement _holds = new(connection, "SELECT nick, session_id, expires_at FROM guest_holds ORDER BY nick_key;");

    private readonly SqliteStatement _saveHold = new(connection, """
        INSERT INTO guest_holds (nick_key, nick, session_id, expires_at) VALUES ($nick_key, $nick, $session_id, $expires_at)
        ON CONFLICT (nick_key) DO UPDATE SET nick = excluded.nick, session_id = excluded.session_id, expires_at = excluded.expires_at
        WHERE guest_holds.session_id = excluded.session_id OR guest_holds.expires_at <= $now;
        """);

    private readonly SqliteStatement _removeHold = new(connection, "DELETE FROM guest_holds WHERE nick_key = $nick_key AND session_id = $session_id;");

    public IReadOnlyList<StoredAccount> Accounts() => _accounts.Rows(row => new StoredAccount(
        row.GetString(0),
        row.GetString(1),
        row.GetString(2),
        new DateTimeOffset(row.GetInt64(3), TimeSpan.Zero)));

    public bool AddAccount(StoredAccount account) => _addAccount
        .With("$nick_key", Conversation.NickKey(account.Nick))
        .With("$nick", account.Nick)
        .With("$password_hash", account.PasswordHash)
        .With("$stamp", account.Stamp)
        .With("$created_at", account.CreatedAt.UtcTicks)
        .Execute() == 1;

    public void UpdateAccount(string nick, string passwordHash, string stamp) => _updateAccount
        .With("$nick_key", Conversation.NickKey(nick))
        .With("$password_hash", passwordHash)
        .With("$stamp", stamp)
        .Execute();

    public IReadOnlyList<StoredGuestHold> GuestHolds() => _holds.Rows(row => new StoredGuestHold(
        row.GetString(0),
        row.GetString(1),
        new DateTimeOffset(row.GetInt64(2), TimeSpan.Zero)));

    // The upsert's WHERE leaves another session's live hold alone, and then changes no row.
    public bool SaveGuestHold(StoredGuestHold hold, DateTimeOffset now) => _saveHold
        .With("$nick_key", Conversation.NickKey(hold.Nick))
        .With("$nick", hold.Nick)
        .With("$session_id", hold.SessionId)
        .With("$expires_at", hold.ExpiresAt.UtcTicks)
        .With("$now", now.UtcTicks)
        .Execute() == 1;

    public void RemoveGuestHold(string nick, string sessionId) => _removeHold
        .With("$nick_key", Conversation.NickKey(nick))
        .With("$session_id", sessionId)
        .Execute();

    public void Dispose()
    {
        _accounts.Dispose();
        _addAccount.Dispose();
        _updateAccount.Dispose();
        _holds.Dispose();
        _saveHold.Dispose();
        _removeHold.Dispose();
    }
}
