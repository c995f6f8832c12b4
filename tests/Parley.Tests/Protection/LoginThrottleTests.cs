using System.Net;
using Microsoft.Extensions.Time.Testing;
using Parley.Protection;

namespace Parley.Tests.Protection;

/// <summary>The login throttle on a fake clock, with the shipped settings: 5 failures within a minute lock for 5 minutes.</summary>
public sealed class LoginThrottleTests
{
    private static readonly IPAddress Home = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Elsewhere = IPAddress.Parse("198.51.100.7");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly LoginThrottle _throttle;

    public LoginThrottleTests() => _throttle = new LoginThrottle(LimitSettings.Shipped(), _time);

    [Fact]
    public void Four_failures_do_not_lock_a_nick()
    {
        Fail("ann", 4, Home);

        Assert.False(_throttle.IsLocked("ann", Elsewhere, out var retryAfter));
        Assert.Equal(TimeSpan.Zero, retryAfter);
    }

    [Fact]
    public void Five_failures_lock_the_nick_in_any_case_from_any_address_for_the_lockout()
    {
        Fail("ann", 5, Home);

        Assert.True(_throttle.IsLocked("ANN", Elsewhere, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(5), retryAfter);
    }

    [Fact]
    public void Failures_older_than_the_window_do_not_count()
    {
        Fail("ann", 4, Home);
        _time.Advance(TimeSpan.FromSeconds(61));

        Fail("ann", 1, Home);

        Assert.False(_throttle.IsLocked("ann", Home, out _));
    }

    [Fact]
    public void The_window_slides_rather_than_starting_over()
    {
        Fail("ann", 1, Home);
        _time.Advance(TimeSpan.FromSeconds(30));
        Fail("ann", 3, Home);
        _time.Advance(TimeSpan.FromSeconds(31)); // the first failure is out, the three are in

        Fail("ann", 1, Home);
        Assert.False(_throttle.IsLocked("ann", Home, out _));
        Fail("ann", 1, Home);
        Assert.True(_throttle.IsLocked("ann", Home, out _));
    }

    [Fact]
    public void The_lock_ends_after_the_lockout_and_counting_starts_afresh()
    {
        Fail("ann", 5, Home);
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(_throttle.IsLocked("ann", Home, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(1), retryAfter);

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(_throttle.IsLocked("ann", Home, out _));
        Fail("ann", 1, Home);
        Assert.False(_throttle.IsLocked("ann", Home, out _));
    }

    [Fact]
    public void An_address_that_fails_for_five_nicks_is_locked_for_every_nick_and_other_addresses_are_not()
    {
        foreach (var nick in new[] { "ann", "bob", "cid", "dan", "eve" })
        {
            Fail(nick, 1, Home);
        }

        Assert.True(_throttle.IsLocked("fay", Home, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(5), retryAfter);
        Assert.False(_throttle.IsLocked("ann", Elsewhere, out _));
    }

    [Fact]
    public void The_refusal_names_the_lock_and_its_settings()
    {
        Fail("ann", 5, Home);

        var refusal = _throttle.Check("ann", Elsewhere);

        Assert.Equal(
            ("nick", "too many failed logins for this nick: 5 within 60 s (settings Parley:Limits:LoginFailures, Parley:Limits:LoginFailureWindow); " +
                "logins are refused for 300 s more (setting Parley:Limits:LoginLockout)", TimeSpan.FromMinutes(5)),
            (refusal?.Field, refusal?.Reason, refusal?.RetryAfter));
    }

    [Fact]
    public void A_success_clears_the_nicks_failures_but_not_the_addresses()
    {
        Fail("ann", 4, Home);
        _throttle.RecordSuccess("ann");

        Fail("ann", 1, Elsewhere);
        Assert.False(_throttle.IsLocked("ann", Elsewhere, out _));
        Fail("bob", 1, Home);
        Assert.True(_throttle.IsLocked("bob", Home, out _)); // Home's fifth failure
    }

    [Fact]
    public void A_spray_of_random_nicks_stays_within_the_table_and_a_later_nick_still_locks()
    {
        for (var i = 0; i < LoginThrottle.MaxTracked + 1_000; i++)
        {
            _throttle.RecordFailure($"spray{i}", address: null);
        }

        _time.Advance(TimeSpan.FromSeconds(61)); // the spray leaves the window
        Fail("ann", 5, Home);

        Assert.True(_throttle.IsLocked("ann", Elsewhere, out _));
        Assert.Equal(2, _throttle.Tracked); // ann and Home: the spray was pruned to make room
    }

    private void Fail(string nick, int times, IPAddress address)
    {
        for (var i = 0; i < times; i++)
        {
            _throttle.RecordFailure(nick, address);
        }
    }
}
