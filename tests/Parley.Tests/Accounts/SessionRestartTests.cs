using Parley.Tests.Infrastructure;
using Parley.Tests.Storage;

namespace Parley.Tests.Accounts;

/// <summary>Accounts, guest holds and the keys that seal session cookies live in the data folder: a restart logs nobody out.</summary>
[Trait("Category", "Slow")]
public sealed class SessionRestartTests
{
    [Fact]
    public async Task Sessions_accounts_and_guest_holds_survive_a_restart()
    {
        using var data = new TempDataFolder();
        var settings = new Dictionary<string, string?> { ["Parley:Store:DataDir"] = data.DataFolder };
        var url = ParleyServer.FreeLoopbackUrl();
        using var mary = Visitor.To(url);
        using var paul = Visitor.To(url);
        await using (var first = await ParleyServer.StartAsync(settings, url: url))
        {
            (await mary.RegisterAsync("mary", "correct horse")).Dispose();
            (await paul.GuestAsync("paul")).Dispose();
        }

        await using var second = await ParleyServer.StartAsync(settings, url: url);
        using var other = Visitor.To(url);

        Assert.Equal((200, """{"nick":"mary","kind":"registered","admin":false}"""), await Visitor.ReadAsync(mary.GetAsync("/api/session")));
        Assert.Equal((200, """{"nick":"paul","kind":"guest","admin":false}"""), await Visitor.ReadAsync(paul.GetAsync("/api/session")));
        Assert.Equal(409, (await Visitor.ReadAsync(other.GuestAsync("paul"))).Status);
        Assert.Equal(200, (await Visitor.ReadAsync(other.LogInAsync("mary", "correct horse"))).Status);
    }

    [Fact]
    public async Task A_lapsed_guest_hold_on_a_nick_registered_since_does_not_come_back_after_a_restart()
    {
        using var data = new TempDataFolder();
        var settings = new Dictionary<string, string?> { ["Parley:Store:DataDir"] = data.DataFolder, ["Parley:Auth:GuestIdleTimeout"] = "00:10:00" };
        var url = ParleyServer.FreeLoopbackUrl();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var eve = Visitor.To(url);
        using var alice = Visitor.To(url);
        await using (var first = await ParleyServer.StartAsync(settings, clock, url))
        {
            (await eve.GuestAsync("target")).Dispose();
            clock.Advance(TimeSpan.FromMinutes(11));
            Assert.Equal(201, (await Visitor.ReadAsync(alice.RegisterAsync("target", "alice's password"))).Status);
        }

        await using var second = await ParleyServer.StartAsync(settings, clock, url);

        Assert.Equal(401, (await Visitor.ReadAsync(eve.GetAsync("/api/session"))).Status);
        Assert.Equal(401, (await Visitor.ReadAsync(eve.GetAsync("/api/events"))).Status);
        Assert.Equal((200, """{"nick":"target","kind":"registered","admin":false}"""), await Visitor.ReadAsync(alice.GetAsync("/api/session")));
    }
}
