using System.Globalization;
using System.Net;
using Parley.Chat;
using Parley.Protection;
using Parley.Storage;

namespace Parley.Moderation;

/// <summary>
/// The bans in force, in memory so that every stream, send and login asks without waiting for the store; loaded from
/// the store at start (and on several nodes again after this node may have missed changes), changed through
/// <see cref="Moderator"/> once the store has the change. A ban ends at its time on the <see cref="TimeProvider"/>, by itself.
/// </summary>
public sealed class BanList(StoreThread store, TimeProvider time) : IHostedService
{
    private readonly Lock _gate = new();

    // Copied on every change and read without the lock: bans change rarely, and every request reads them.
    private volatile StoredBan[] _bans = [];

    public Task StartAsync(CancellationToken cancellationToken) => LoadAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Reads every ban from the store again; the ones that ended are removed from it on the way. Returns the bans in force
    /// that this node did not know, so that a node that missed them can end their streams.
    /// </summary>
    public async Task<IReadOnlyList<StoredBan>> LoadAsync()
    {
        var now = time.GetUtcNow();
        var stored = await store.RunAsync(s =>
        {
            var all = s.Accounts.Bans();
            foreach (var ended in all.Where(ban => ban.Until <= now))
            {
                s.Accounts.RemoveBan(ended.Id);
            }

            return all;
        });
        lock (_gate)
        {
            var known = _bans;
            _bans = [.. stored.Where(ban => ban.Until > now)];
            return [.. _bans.Where(ban => !Array.Exists(known, old => old.Id == ban.Id))];
        }
    }

    /// <summary>The bans in force now, oldest first.</summary>
    public IReadOnlyList<StoredBan> Active()
    {
        var now = time.GetUtcNow();
        return [.. _bans.Where(ban => ban.Until > now).OrderBy(ban => ban.Id)];
    }

    public StoredBan? Find(long id) => Array.Find(_bans, ban => ban.Id == id);

    public void Added(StoredBan ban)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            _bans = [.. _bans.Where(kept => kept.Until > now && kept.Id != ban.Id), ban];
        }
    }

    public void Lifted(long id)
    {
        lock (_gate)
        {
            _bans = [.. _bans.Where(kept => kept.Id != id)];
        }
    }

    /// <summary>Why <paramref name="nick"/> (when given) or <paramref name="address"/> may not come in now; null when neither is banned.</summary>
    public Rejection? Refusal(string? nick, IPAddress? address)
    {
        var bans = _bans;
        if (bans.Length == 0)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (nick is not null && Longest(bans, BanKind.Nick, nick, now) is { } nickBan)
        {
            return new Rejection(RejectionKind.Forbidden, "nick", $"'{nick}' is banned until {Stamp(nickBan.Until)}");
        }

        return ClientAddress.KeyOf(address) is { } key && Longest(bans, BanKind.Address, key, now) is { } addressBan
            ? new Rejection(RejectionKind.Forbidden, "address", $"this client address is banned until {Stamp(addressBan.Until)}")
            : null;
    }

    /// <summary>A time as the refusals and the API write it: ISO 8601 in UTC, to the second.</summary>
    public static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static StoredBan? Longest(StoredBan[] bans, BanKind kind, string target, DateTimeOffset now)
    {
        StoredBan? longest = null;
        foreach (var ban in bans)
        {
            if (ban.Kind == kind && ban.Until > now && Nick.Comparer.Equals(ban.Target, target) && (longest is null || ban.Until > longest.Until))
            {
                longest = ban;
            }
        }

        return longest;
    }
}
