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

        Assert.Equal((200, """{"nick":"mary","kind":"registered"}"""), await Visitor.ReadAsync(mary.GetAsync("/api/session")));
        Assert.Equal((200, """{"nick":"paul","kind":"guest"}"""), await Visitor.ReadAsync(paul.GetAsync("/api/session")));
        Assert.Equal(409, (await Visitor.ReadAsync(other.GuestAsync("paul"))).Status);
        Assert.Equal(200, (await Visitor.ReadAsync(other.LogInAsync("mary", "correct horse"))).Status);
    }
}
