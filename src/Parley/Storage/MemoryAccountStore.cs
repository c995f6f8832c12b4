namespace Parley.Storage;

/// <summary>Accounts and guest holds in this process's memory (<c>--store memory</c>): a restart forgets them.</summary>
public sealed class MemoryAccountStore : IAccountStore
{
    private readonly Dictionary<string, StoredAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredGuestHold> _holds = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, StoredBan> _bans = [];
    private long _lastBanId;

    public IReadOnlyList<StoredAccount> Accounts() => [.. _accounts.Values];

    public bool AddAccount(StoredAccount account) => _accounts.TryAdd(Conversation.NickKey(account.Nick), account);

    public void UpdateAccount(string nick, string passwordHash, string stamp)
    {
        var key = Conversation.NickKey(nick);
        if (_accounts.TryGetValue(key, out var account))
        {
            _accounts[key] = account with { PasswordHash = passwordHash, Stamp = stamp };
        }
    }

    public IReadOnlyList<StoredGuestHold> GuestHolds() => [.. _holds.Values];

    public bool SaveGuestHold(StoredGuestHold hold, DateTimeOffset now)
    {
        var key = Conversation.NickKey(hold.Nick);
        if (_holds.TryGetValue(key, out var earlier) && earlier.SessionId != hold.SessionId && earlier.ExpiresAt > now)
        {
            return false;
        }

        _holds[key] = hold;
        return true;
    }

    public void RemoveGuestHold(string nick, string sessionId)
    {
        var key = Conversation.NickKey(nick);
        if (_holds.TryGetValue(key, out var hold) && hold.SessionId == sessionId)
        {
            _holds.Remove(key);
        }
    }

    public StoredBan AddBan(StoredBan ban)
    {
        var stored = ban with { Id = ++_lastBanId };
        _bans.Add(stored.Id, stored);
        return stored;
    }

    public IReadOnlyList<StoredBan> Bans() => [.. _bans.Values];

    public bool RemoveBan(long id) => _bans.Remove(id);
}
