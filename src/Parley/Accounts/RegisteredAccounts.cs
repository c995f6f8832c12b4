using System.Collections.Concurrent;
using Parley.Chat;
using Parley.Storage;

namespace Parley.Accounts;

/// <summary>
/// The registered accounts as the running chat knows them, in memory. Only <see cref="NickClaims"/> changes them (under
/// its lock, once the store has the change); the store thread reads them to tell a guest's mailbox from an account's,
/// which is why they sit apart from NickClaims: the store thread cannot depend on what depends on it.
/// </summary>
public sealed class RegisteredAccounts : IRegisteredNicks
{
    private readonly ConcurrentDictionary<string, StoredAccount> _accounts = new(Nick.Comparer);

    public bool IsRegistered(string nick) => _accounts.ContainsKey(nick);

    internal StoredAccount? Find(string nick) => _accounts.GetValueOrDefault(nick);

    internal void Set(StoredAccount account) => _accounts[account.Nick] = account;
}
