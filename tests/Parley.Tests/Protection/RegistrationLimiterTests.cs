using System.Net;
using Microsoft.Extensions.Time.Testing;
using Parley.Protection;

namespace Parley.Tests.Protection;

/// <summary>Registrations per address in any hour (5 as shipped), on a fake clock.</summary>
public sealed class RegistrationLimiterTests
{
    private static readonly IPAddress Home = IPAddress.Parse("192.0.2.1");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly RegistrationLimiter _limiter;

    public RegistrationLimiterTests() => _limiter = new RegistrationLimiter(LimitSettings.Shipped(), _time);

    [Fact]
    public void The_sixth_registration_within_an_hour_is_refused_until_the_first_is_an_hour_old()
    {
        Register(Home, 1);
        _time.Advance(TimeSpan.FromMinutes(10));
        Register(Home, 4);

        Assert.False(_limiter.TryRegister(Home, out var retryAfter));
        Assert.Equal(TimeSpan.FromMinutes(50), retryAfter);
        _time.Advance(TimeSpan.FromMinutes(50));
        Assert.True(_limiter.TryRegister(Home, out _));
    }

    [Fact]
    public void A_refused_registration_does_not_count()
    {
        Register(Home, 5);
        Assert.False(_limiter.TryRegister(Home, out _));
        _time.Advance(TimeSpan.FromMinutes(60));

        Assert.Equal(5, Register(Home, 5));
    }

    [Fact]
    public void Another_address_is_not_limited_by_the_first()
    {
        Register(Home, 5);

        Assert.True(_limiter.TryRegister(IPAddress.Parse("198.51.100.7"), out _));
    }

    [Fact]
    public void An_ipv6_client_is_limited_by_its_64_block_not_by_each_address()
    {
        for (var i = 1; i <= 5; i++)
        {
            Assert.True(_limiter.TryRegister(IPAddress.Parse($"2001:db8:1:2::{i}"), out _));
        }

        Assert.False(_limiter.TryRegister(IPAddress.Parse("2001:db8:1:2:ffff::6"), out _));
        Assert.True(_limiter.TryRegister(IPAddress.Parse("2001:db8:1:3::1"), out _));
    }

    [Fact]
    public void The_refusal_names_the_setting_and_when_to_retry()
    {
        var refusal = _limiter.Refusal(TimeSpan.FromMinutes(50));

        Assert.Equal(
            ("address", "this client address has registered 5 accounts within the last hour, the most allowed (setting Parley:Limits:RegistrationsPerAddressPerHour); try again in 3000 s"),
            (refusal.Field, refusal.Reason));
    }

    private int Register(IPAddress address, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(_limiter.TryRegister(address, out _), $"registration {i + 1} was refused");
        }

        return times;
    }
}
