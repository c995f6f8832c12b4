namespace Parley.Storage;

/// <summary>A registered nick: its password as a salted slow hash, and the stamp that every session of it carries.</summary>
/// <param name="Stamp">Changes with the password, so the sessions made before the change stop working.</param>
public sealed record StoredAccount(string Nick, string PasswordHash, string Stamp, DateTimeOffset CreatedAt);

/// <summary>A guest session's hold on a nick that nobody registered: no other session may take the nick until it ends.</summary>
public sealed record StoredGuestHold(string Nick, string SessionId, DateTimeOffset ExpiresAt);

/// <summary>What an admin's ban keeps out: a nick, or a client address.</summary>
public enum BanKind
{
    Nick,
    Address,
}

/// <summary>An admin's ban: <paramref name="Target"/> is a nick, or a client address as the per-address limits key it.</summary>
/// <param name="Id">Given by the store; never given twice.</param>
/// <param name="By">The admin's nick.</param>
public sealed record StoredBan(long Id, BanKind Kind, string Target, DateTimeOffset Until, string By, DateTimeOffset CreatedAt);

/// <summary>
/// Accounts and guest holds, in the same store as the messages (one file, one backup). Called only from the store
/// thread, like <see cref="IMessageStore"/>. Nicks compare without regard to letter case, as everywhere in Parley.
/// The chat keeps all of it in memory as well (see <c>Accounts/NickClaims</c>); this is what survives a restart.
/// </summary>
public interface IAccountStore
{
    /// <summary>Every account, read once when the server starts.</summary>
    IReadOnlyList<StoredAccount> Accounts();

    /// <summary>Adds an account; false (and nothing changed) when the nick, in any letter case, is registered already.</summary>
    bool AddAccount(StoredAccount account);

    /// <summary>Replaces an account's password hash and stamp.</summary>
    void UpdateAccount(string nick, string passwordHash, string stamp);

    /// <summary>Every guest hold, read once when the server starts; expired ones included (the chat decides).</summary>
    IReadOnlyList<StoredGuestHold> GuestHolds();

    /// <summary>
    /// Records a hold, replacing the earlier hold on the same nick only if it was the same session's or had expired at
    /// <paramref name="now"/>. False, and nothing changed, while another session's hold is live: when several nodes share
    /// the store, this is what keeps two of them from giving one nick to two guests.
    /// </summary>
    bool SaveGuestHold(StoredGuestHold hold, DateTimeOffset now);

    /// <summary>Ends the hold on <paramref name="nick"/> if <paramref name="sessionId"/> holds it; otherwise nothing.</summary>
    void RemoveGuestHold(string nick, string sessionId);

    /// <summary>Stores a ban under a new id (its own <see cref="StoredBan.Id"/> is ignored) and returns it with that id.</summary>
    StoredBan AddBan(StoredBan ban);

    /// <summary>Every ban stored, expired ones included (the chat decides), oldest first.</summary>
    IReadOnlyList<StoredBan> Bans();

    /// <summary>Removes ban <paramref name="id"/>; false when there is none.</summary>
    bool RemoveBan(long id);
}
