using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Accounts;

/// <summary>
/// After 5 failed logins in a minute for a nick or from an address, logins are refused with 429 for 5 minutes, the
/// same for a nick with an account and one without, so the lock tells nobody which nicks exist.
/// </summary>
[Trait("Category", "Slow")] // many password hashes, tens of ms of CPU each by design
public sealed class LoginLockoutTests
{
    private const string Password = "correct horse";

    private static string Locked(string who, int seconds) =>
        $"too many failed logins for {who}: 5 within 60 s (settings Parley:Limits:LoginFailures, Parley:Limits:LoginFailureWindow); " +
        $"logins are refused for {seconds} s more (setting Parley:Limits:LoginLockout)";

    [Fact]
    public async Task Five_wrong_passwords_lock_the_nick_even_against_the_right_one_until_the_lockout_ends()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ParleyServer.StartAsync(time: clock, shippingLimits: true);
        using var mary = Visitor.To(server);
        (await mary.RegisterAsync("mary", Password)).Dispose();
        using var guesser = Visitor.To(server);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(401, (await Visitor.ReadAsync(guesser.LogInAsync("mary", $"guess {i}"))).Status);
        }

        using var owner = Visitor.To(server);
        using var locked = await owner.LogInAsync("mary", Password);
        Assert.Equal(429, (int)locked.StatusCode);
        Assert.Equal("300", locked.Headers.RetryAfter?.ToString());
        Assert.Equal((429, Locked("this nick", 300)), await Visitor.ProblemAsync(owner.LogInAsync("mary", Password)));

        clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Equal((200, """{"nick":"mary","kind":"registered","admin":false}"""), await Visitor.ReadAsync(owner.LogInAsync("mary", Password)));
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ParleyServer.StartAsync(time: clock, shippingLimits: true);
        using var mary = Visitor.To(server);
        (await mary.RegisterAsync("mary", Password)).Dispose();
        for (var i = 0; i < 4; i++)
        {
            (await mary.LogInAsync("mary", $"typo {i}")).Dispose();
        }

        Assert.Equal(200, (await Visitor.ReadAsync(mary.LogInAsync("mary", Password))).Status);
    }

    [Fact]
    public async Task A_nick_without_an_account_locks_the_same_way()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ParleyServer.StartAsync(time: clock, shippingLimits: true);
        using var mary = Visitor.To(server);
        (await mary.RegisterAsync("mary", Password)).Dispose();
        using var guesser = Visitor.To(server);
        for (var i = 0; i < 5; i++)
        {
            (await guesser.LogInAsync("mary", $"guess {i}")).Dispose();
            (await guesser.LogInAsync("nobody", $"guess {i}")).Dispose();
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var existing = await Visitor.ProblemAsync(guesser.LogInAsync("mary", "again"));
        var missing = await Visitor.ProblemAsync(guesser.LogInAsync("nobody", "again"));

        Assert.Equal(429, existing.Status);
        Assert.Equal(existing, missing);
    }

    [Fact]
    public async Task One_address_guessing_at_many_nicks_is_locked_as_an_address()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await ParleyServer.StartAsync(time: clock, shippingLimits: true);
        using var guesser = Visitor.To(server);
        for (var i = 0; i < 5; i++)
        {
            (await guesser.LogInAsync($"nick{i}", "guess")).Dispose();
        }

        Assert.Equal((429, Locked("this client address", 300)), await Visitor.ProblemAsync(guesser.LogInAsync("someone-else", "guess")));
    }

    [Fact]
    public async Task The_sixth_registration_from_one_address_within_an_hour_is_refused_with_429()
    {
        await using var server = await ParleyServer.StartAsync(shippingLimits: true);
        using var visitor = Visitor.To(server);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(201, (await Visitor.ReadAsync(visitor.RegisterAsync($"nick{i}", Password))).Status);
        }

        using var sixth = await visitor.RegisterAsync("nick5", Password);

        Assert.Equal(429, (int)sixth.StatusCode);
        Assert.NotNull(sixth.Headers.RetryAfter);
    }

    [Fact]
    public async Task Guesses_sent_all_at_once_get_five_tries_and_no_more()
    {
        await using var server = await ParleyServer.StartAsync(shippingLimits: true);
        using var mary = Visitor.To(server);
        (await mary.RegisterAsync("mary", Password)).Dispose();
        using var guesser = Visitor.To(server);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Visitor.ReadAsync(guesser.LogInAsync("mary", $"guess {i}"))));

        Assert.Equal((5, 15), (answers.Count(a => a.Status == 401), answers.Count(a => a.Status == 429)));
    }

    [Fact]
    public async Task A_right_password_gives_its_address_its_try_back()
    {
        await using var server = await ParleyServer.StartAsync(shippingLimits: true);
        using var office = Visitor.To(server);
        for (var i = 0; i < 5; i++)
        {
            (await office.RegisterAsync($"worker{i}", Password)).Dispose();
        }

        // Ten people behind one address log in within the minute, each with the right password.
        var answers = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add((await Visitor.ReadAsync(office.LogInAsync($"worker{i % 5}", Password))).Status);
        }

        Assert.All(answers, status => Assert.Equal(200, status));
    }
}
