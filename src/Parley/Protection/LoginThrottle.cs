using System.Net;
using Microsoft.Extensions.Options;
using Parley.Chat;
using Parley.Diagnostics;

namespace Parley.Protection;

/// <summary>
/// Refuses logins for a nick (any case), or from a client address, that failed <see cref="LimitOptions.LoginFailures"/>
/// times within <see cref="LimitOptions.LoginFailureWindow"/>, for <see cref="LimitOptions.LoginLockout"/>. A nick locks
/// whether or not it is registered, so a refusal tells nobody that a nick exists. In memory and without waiting: a
/// lookup under a lock held for microseconds, fine on a socket thread.
/// </summary>
/// <remarks>
/// Each table holds at most <see cref="MaxTracked"/> entries. Past that, entries whose failures left the window are
/// pruned; if the table is still full of live entries (a spray of nicks from tens of thousands of addresses within a
/// window), a further nick is not tracked, but every failure still counts against its address. Refusing instead
/// would let that spray lock everyone out.
/// </remarks>
public sealed class LoginThrottle(IOptionsMonitor<LimitOptions> options, TimeProvider time, LimitMetrics? metrics = null)
{
    /// <summary>About 200 bytes each: 20 MB at most per table.</summary>
    public const int MaxTracked = 100_000;

    private readonly Lock _gate = new();
    private readonly RecentEvents _nicks = new(Nick.Comparer, MaxTracked, time);
    private readonly RecentEvents _addresses = new(StringComparer.Ordinal, MaxTracked, time);

    /// <summary>Entries in both tables, for tests of their bound.</summary>
    internal int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _nicks.Count + _addresses.Count;
            }
        }
    }

    /// <summary>Whether logins for <paramref name="nick"/> or from <paramref name="address"/> are refused now, and for how much longer.</summary>
    public bool IsLocked(string nick, IPAddress? address, out TimeSpan retryAfter)
    {
        var (byNick, byAddress) = LockedFor(nick, ClientAddress.KeyOf(address));
        retryAfter = byNick > byAddress ? byNick : byAddress;
        return retryAfter > TimeSpan.Zero;
    }

    /// <summary>The refusal for a locked login (429 with <c>Retry-After</c>), or null when the login may go ahead.</summary>
    public Rejection? Check(string nick, IPAddress? address)
    {
        var (byNick, byAddress) = LockedFor(nick, ClientAddress.KeyOf(address));
        if (byNick <= TimeSpan.Zero && byAddress <= TimeSpan.Zero)
        {
            return null;
        }

        var settings = options.CurrentValue;
        var wait = byNick > byAddress ? byNick : byAddress;
        var who = byNick >= byAddress ? "this nick" : "this client address";
        return new Rejection(
            RejectionKind.LimitReached,
            byNick >= byAddress ? "nick" : "address",
            $"too many failed logins for {who}: {settings.LoginFailures} within {settings.LoginFailureWindow.TotalSeconds:0} s " +
            $"(settings Parley:Limits:LoginFailures, Parley:Limits:LoginFailureWindow); logins are refused for {RetryAfter.Seconds(wait)} s more " +
            "(setting Parley:Limits:LoginLockout)",
            wait);
    }

    /// <summary>
    /// Starts a login attempt: the refusal if the nick or address is locked, otherwise null, with the attempt already
    /// counted as a failure. Counting before the password is checked (tens of milliseconds) is what makes the limit
    /// hold for guesses sent all at once: each one that arrives finds the others counted. A success takes its count back
    /// (<see cref="Succeeded"/>).
    /// </summary>
    public Rejection? BeginAttempt(string nick, IPAddress? address)
    {
        lock (_gate)
        {
            if (Check(nick, address) is { } locked)
            {
                metrics?.Refused(RefusedLimit.Login);
                return locked;
            }

            RecordFailure(nick, address);
            return null;
        }
    }

    /// <summary>An attempt begun with <see cref="BeginAttempt"/> had the right password: the nick starts afresh, the address gets its count back.</summary>
    public void Succeeded(string nick, IPAddress? address)
    {
        var settings = options.CurrentValue;
        var key = ClientAddress.KeyOf(address);
        lock (_gate)
        {
            _nicks.Remove(nick);
            if (key is not null && _addresses.Find(key, settings.LoginFailureWindow) is { } track)
            {
                TakeBackOne(track, settings);
            }
        }
    }

    private void TakeBackOne(RecentEvents.Track track, LimitOptions settings)
    {
        var now = time.GetUtcNow();
        if (track.Times.Count > 0)
        {
            var kept = track.Times.Take(track.Times.Count - 1).ToArray();
            track.Times.Clear();
            foreach (var at in kept)
            {
                track.Times.Enqueue(at);
            }
        }
        else if (track.LockedUntil > now)
        {
            // This attempt was the one that locked the address: unlock it, one short of the limit again.
            track.LockedUntil = default;
            for (var i = 0; i < settings.LoginFailures - 1; i++)
            {
                track.Times.Enqueue(now);
            }
        }
    }

    /// <summary>Counts a failed login against the nick and the address; the one that reaches the limit locks.</summary>
    public void RecordFailure(string nick, IPAddress? address)
    {
        var settings = options.CurrentValue;
        var key = ClientAddress.KeyOf(address);
        lock (_gate)
        {
            Count(_nicks, nick, settings);
            if (key is not null)
            {
                Count(_addresses, key, settings);
            }
        }
    }

    /// <summary>
    /// A successful login clears its nick's failures (the person got it right); not its address's, which may be
    /// guessing at other nicks between its own logins.
    /// </summary>
    public void RecordSuccess(string nick)
    {
        lock (_gate)
        {
            _nicks.Remove(nick);
        }
    }

    private (TimeSpan ByNick, TimeSpan ByAddress) LockedFor(string nick, string? address)
    {
        var window = options.CurrentValue.LoginFailureWindow;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var byNick = Remaining(_nicks.Find(nick, window), now);
            var byAddress = Remaining(address is null ? null : _addresses.Find(address, window), now);
            return (byNick, byAddress);
        }
    }

    private static TimeSpan Remaining(RecentEvents.Track? track, DateTimeOffset now) =>
        track is not null && track.LockedUntil > now ? track.LockedUntil - now : TimeSpan.Zero;

    private void Count(RecentEvents table, string key, LimitOptions settings)
    {
        var now = time.GetUtcNow();
        if (table.Find(key, settings.LoginFailureWindow) is { } known && known.LockedUntil > now)
        {
            return; // locked already: a failure now does not lengthen the lock
        }

        if (table.Add(key, settings.LoginFailureWindow) is { } track && track.Times.Count >= settings.LoginFailures)
        {
            track.Times.Clear(); // the lock replaces the count; after it, a fresh start
            track.LockedUntil = now + settings.LoginLockout;
        }
    }
}
