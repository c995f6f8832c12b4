using Microsoft.Extensions.Options;
using Parley.Chat;
using Parley.Cluster;
using Parley.Storage;

namespace Parley.Accounts;

/// <summary>
/// The one owner of who may use a nick: the registered accounts (with their password hashes and stamps) and the nicks
/// guest sessions hold. All of it is in memory, loaded from the store at start, so a seed send can ask whether its nick
/// is free without waiting for the store; every change is written through the store thread before it is acted on.
/// A held nick stays held while its hold is fresh or any stream of the nick is open, so two people who pick the
/// same nick never read each other's messages.
/// </summary>
public sealed partial class NickClaims(
    StoreThread store,
    RegisteredAccounts accounts,
    ChatHub hub,
    IClaimsBackplane otherNodes,
    IOptionsMonitor<AuthOptions> options,
    TimeProvider time,
    ILogger<NickClaims> logger) : IHostedService
{
    // Expired holds are swept after this many new holds, so a stream of one-off guests cannot grow the table for ever.
    private const int SweepEvery = 1_024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredGuestHold> _holds = new(Nick.Comparer);

    // Registrations between "the nick is free" and "the store has it": nobody else may take the nick meanwhile.
    private readonly HashSet<string> _registering = new(Nick.Comparer);
    private int _holdsSinceSweep;

    public Task StartAsync(CancellationToken cancellationToken) => LoadAsync();

    /// <summary>
    /// Reads every account and hold from the store again: at start, and on several nodes after this node may have missed
    /// what the others changed (its connection to them was down). Accounts are never removed, so they are only added to.
    /// </summary>
    public async Task LoadAsync()
    {
        var (stored, holds) = await store.RunAsync(s => (s.Accounts.Accounts(), s.Accounts.GuestHolds()));
        lock (_gate)
        {
            foreach (var account in stored)
            {
                accounts.Set(account);
            }

            // A hold on a nick registered since (by someone else) is void: its guest must not come back as the owner.
            _holds.Clear();
            foreach (var hold in holds.Where(hold => !accounts.IsRegistered(hold.Nick)))
            {
                _holds[hold.Nick] = hold;
            }
        }

        Log.Loaded(logger, stored.Count, holds.Count);
    }

    /// <summary>Another node registered an account or changed its password.</summary>
    public void AccountChangedElsewhere(StoredAccount account)
    {
        lock (_gate)
        {
            accounts.Set(account);
            _holds.Remove(account.Nick); // a registration ends every guest's hold on the nick
        }
    }

    /// <summary>Another node gave a guest session a hold on a nick, or renewed one; its store write decided it.</summary>
    public void HoldChangedElsewhere(StoredGuestHold hold)
    {
        lock (_gate)
        {
            if (!accounts.IsRegistered(hold.Nick))
            {
                _holds[hold.Nick] = hold;
            }
        }
    }

    /// <summary>Another node ended a guest session's hold (its guest logged out).</summary>
    public void HoldEndedElsewhere(string nick, string sessionId)
    {
        lock (_gate)
        {
            if (_holds.TryGetValue(nick, out var hold) && hold.SessionId == sessionId)
            {
                _holds.Remove(nick);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether the seed routes, which carry no session, must leave <paramref name="nick"/> alone.</summary>
    public NickTaken ClaimedAgainstSeed(string nick)
    {
        lock (_gate)
        {
            return Taken(nick, sessionId: null, countSeedStreams: false);
        }
    }

    /// <summary>
    /// The same, asked again once a seed stream is registered: only a claim made meanwhile counts (a fresh hold or a
    /// registration), since the stream itself now makes the nick look online.
    /// </summary>
    public NickTaken ClaimedSinceSeedStreamOpened(string nick)
    {
        lock (_gate)
        {
            if (accounts.IsRegistered(nick) || _registering.Contains(nick))
            {
                return NickTaken.Registered;
            }

            return _holds.TryGetValue(nick, out var hold) && hold.ExpiresAt > time.GetUtcNow() ? NickTaken.HeldByGuest : NickTaken.None;
        }
    }

    /// <summary>The account of a registered nick, for a login to check its password against; null when there is none.</summary>
    public StoredAccount? Account(string nick)
    {
        return accounts.Find(nick);
    }

    /// <summary>Holds <paramref name="nick"/> for a guest session, or says why it cannot.</summary>
    public async Task<NickTaken> HoldForGuestAsync(string nick, string sessionId)
    {
        StoredGuestHold hold;
        lock (_gate)
        {
            var taken = Taken(nick, sessionId, countSeedStreams: true);
            if (taken != NickTaken.None)
            {
                return taken;
            }

            hold = new StoredGuestHold(nick, sessionId, time.GetUtcNow() + options.CurrentValue.GuestIdleTimeout);
            _holds[nick] = hold;
        }

        bool saved;
        try
        {
            saved = await store.RunAsync(s => s.Accounts.SaveGuestHold(hold, time.GetUtcNow()));
        }
        catch
        {
            Forget(hold);
            throw;
        }

        // Another node gave the nick to another guest first: the store's hold is the one that counts.
        if (!saved)
        {
            Forget(hold);
            return NickTaken.HeldByGuest;
        }

        otherNodes.HoldChanged(hold);
        SweepNow();
        return NickTaken.None;
    }

    /// <summary>
    /// Whether a guest session still holds its nick, renewing the hold when half of it has passed; a hold that lapsed
    /// while nobody took the nick is taken up again.
    /// </summary>
    public bool StillHeldBy(string nick, string sessionId)
    {
        StoredGuestHold renewed;
        lock (_gate)
        {
            if (accounts.IsRegistered(nick) || _registering.Contains(nick))
            {
                return false; // registered since: the nick is its owner's now
            }

            var now = time.GetUtcNow();
            var idle = options.CurrentValue.GuestIdleTimeout;
            if (_holds.TryGetValue(nick, out var hold) && hold.SessionId == sessionId)
            {
                if (hold.ExpiresAt - now > idle / 2)
                {
                    return true;
                }
            }
            else if (Taken(nick, sessionId, countSeedStreams: true) != NickTaken.None)
            {
                return false;
            }

            renewed = new StoredGuestHold(nick, sessionId, now + idle);
            _holds[nick] = renewed;
        }

        // Not awaited: the request goes on at once; a lost renewal only means the hold lapses earlier after a restart.
        _ = PersistRenewalAsync(renewed);
        return true;
    }

    /// <summary>
    /// Runs a guest's hold from now again when its stream ends, if the session still holds the nick: a stream open
    /// longer than the idle timeout must not leave the nick free in the seconds before its browser reconnects. A hold
    /// that logging out ended stays ended.
    /// </summary>
    public void RenewAfterStream(string nick, string sessionId)
    {
        StoredGuestHold renewed;
        lock (_gate)
        {
            if (!_holds.TryGetValue(nick, out var hold) || hold.SessionId != sessionId)
            {
                return;
            }

            renewed = hold with { ExpiresAt = time.GetUtcNow() + options.CurrentValue.GuestIdleTimeout };
            _holds[nick] = renewed;
        }

        _ = PersistRenewalAsync(renewed);
    }

    /// <summary>Ends a guest session's hold (log out), so the nick is free again.</summary>
    public async Task ReleaseAsync(string nick, string sessionId)
    {
        lock (_gate)
        {
            if (!_holds.TryGetValue(nick, out var hold) || hold.SessionId != sessionId)
            {
                return;
            }

            _holds.Remove(nick);
        }

        await store.RunAsync(s => s.Accounts.RemoveGuestHold(nick, sessionId));
        otherNodes.HoldEnded(nick, sessionId);
    }

    /// <summary>
    /// Registers <paramref name="nick"/> if it is free for <paramref name="sessionId"/> (a guest may register the nick it
    /// holds). <paramref name="hashPassword"/> runs only once the nick is reserved, off the caller's thread.
    /// </summary>
    public async Task<(NickTaken Taken, StoredAccount? Account)> RegisterAsync(string nick, string? sessionId, Func<Task<string>> hashPassword)
    {
        lock (_gate)
        {
            var taken = Taken(nick, sessionId, countSeedStreams: true);
            if (taken != NickTaken.None)
            {
                return (taken, null);
            }

            _registering.Add(nick);
        }

        try
        {
            var account = new StoredAccount(nick, await hashPassword(), NewStamp(), time.GetUtcNow());
            var added = await store.RunAsync(s => s.Accounts.AddAccount(account));
            if (!added)
            {
                return (NickTaken.Registered, null);
            }

            StoredGuestHold? lapsed;
            lock (_gate)
            {
                accounts.Set(account);
                _holds.Remove(nick, out lapsed);
            }

            otherNodes.AccountChanged(account);

            // Whoever held it (the registering guest, or a lapsed hold of someone else): the store forgets it too.
            if (lapsed is not null)
            {
                await store.RunAsync(s => s.Accounts.RemoveGuestHold(lapsed.Nick, lapsed.SessionId));
            }

            return (NickTaken.None, account);
        }
        finally
        {
            lock (_gate)
            {
                _registering.Remove(nick);
            }
        }
    }

    /// <summary>Replaces an account's password; the new stamp ends every other session of the account.</summary>
    public async Task<StoredAccount> ChangePasswordAsync(StoredAccount account, string passwordHash)
    {
        var changed = account with { PasswordHash = passwordHash, Stamp = NewStamp() };
        await store.RunAsync(s => s.Accounts.UpdateAccount(changed.Nick, changed.PasswordHash, changed.Stamp));
        lock (_gate)
        {
            accounts.Set(changed);
        }

        otherNodes.AccountChanged(changed);
        return changed;
    }

    /// <summary>Whether a registered session's stamp is still the account's.</summary>
    public bool StampMatches(string nick, string stamp)
    {
        return accounts.Find(nick)?.Stamp == stamp;
    }

    private NickTaken Taken(string nick, string? sessionId, bool countSeedStreams)
    {
        if (accounts.IsRegistered(nick) || _registering.Contains(nick))
        {
            return NickTaken.Registered;
        }

        if (_holds.TryGetValue(nick, out var hold))
        {
            if (hold.SessionId == sessionId)
            {
                return NickTaken.None;
            }

            // A lapsed hold still counts while its guest's stream is open: that stream reads the nick's messages.
            if (hold.ExpiresAt > time.GetUtcNow() || hub.IsOnline(nick))
            {
                return NickTaken.HeldByGuest;
            }
        }

        // Asked only when it matters: every seed send comes through here, and the hub's lock is the hot one.
        return countSeedStreams && hub.IsOnline(nick) ? NickTaken.InUse : NickTaken.None;
    }

    private async Task PersistRenewalAsync(StoredGuestHold hold)
    {
        try
        {
            // Refused only when another session's live hold replaced this one (on another node): this renewal must
            // not take the nick back, nor tell the others it did, and this node must stop counting it as held.
            if (await store.RunAsync(s => s.Accounts.SaveGuestHold(hold, time.GetUtcNow())))
            {
                otherNodes.HoldChanged(hold);
            }
            else
            {
                Forget(hold); // the store gave the nick to another session meanwhile (on another node): this one lost it
            }
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            Log.RenewalFailed(logger, hold.Nick, failure);
        }
    }

    private void Forget(StoredGuestHold hold)
    {
        lock (_gate)
        {
            if (_holds.TryGetValue(hold.Nick, out var current) && current == hold)
            {
                _holds.Remove(hold.Nick);
            }
        }
    }

    private void SweepNow()
    {
        List<StoredGuestHold> lapsed;
        lock (_gate)
        {
            if (++_holdsSinceSweep < SweepEvery)
            {
                return;
            }

            _holdsSinceSweep = 0;
            var now = time.GetUtcNow();
            lapsed = [.. _holds.Values.Where(hold => hold.ExpiresAt <= now && !hub.IsOnline(hold.Nick))];
            foreach (var hold in lapsed)
            {
                _holds.Remove(hold.Nick);
            }
        }

        _ = store.RunAsync(s =>
        {
            foreach (var hold in lapsed)
            {
                s.Accounts.RemoveGuestHold(hold.Nick, hold.SessionId);
            }
        });
    }

    private static string NewStamp() => ChatSession.NewId();

    private static partial class Log
    {
        [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Accounts loaded: {Accounts} registered nicks, {Holds} guest holds")]
        public static partial void Loaded(ILogger logger, int accounts, int holds);

        [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "A guest hold on {Nick} could not be renewed in the store")]
        public static partial void RenewalFailed(ILogger logger, string nick, Exception failure);
    }
}
