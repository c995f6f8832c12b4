using Parley.Tests.Accounts;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Moderation;

/// <summary>Who is an admin: a logged-in account named in Parley:Moderation:Admins, and nobody else.</summary>
public sealed class AdminAccessTests
{
    [Fact]
    public async Task The_session_of_an_admin_account_says_admin()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = Visitor.To(server);

        Assert.Equal((201, """{"nick":"boss","kind":"registered","admin":true}"""), await Visitor.ReadAsync(admin.RegisterAsync("boss", AdminDesk.Password)));
        Assert.Equal((200, """{"nick":"boss","kind":"registered","admin":true}"""), await Visitor.ReadAsync(admin.GetAsync("/api/session")));
    }

    [Fact]
    public async Task Admin_nicks_match_in_any_letter_case()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = Visitor.To(server);

        Assert.Equal((201, """{"nick":"BOSS","kind":"registered","admin":true}"""), await Visitor.ReadAsync(admin.RegisterAsync("BOSS", AdminDesk.Password)));
        Assert.Equal(200, (await Visitor.ReadAsync(admin.GetAsync("/api/admin/bans"))).Status);
    }

    [Fact]
    public async Task Without_a_session_the_admin_api_answers_401()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var nobody = Visitor.To(server);

        Assert.Equal(401, (await Visitor.ReadAsync(nobody.GetAsync("/api/admin/online"))).Status);
        Assert.Equal(401, (await Visitor.ReadAsync(nobody.KickAsync("mary"))).Status);
        Assert.Equal(401, (await Visitor.ReadAsync(nobody.DeleteAsync("/api/admin/messages/1"))).Status);
    }

    [Fact]
    public async Task A_registered_account_that_is_no_admin_gets_403()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var mary = Visitor.To(server);
        Assert.Equal((201, """{"nick":"mary","kind":"registered","admin":false}"""), await Visitor.ReadAsync(mary.RegisterAsync("mary", AdminDesk.Password)));

        Assert.Equal(403, (await Visitor.ReadAsync(mary.GetAsync("/api/admin/online"))).Status);
        Assert.Equal(403, (await Visitor.ReadAsync(mary.GetAsync("/api/admin/bans"))).Status);
        Assert.Equal(403, (await Visitor.ReadAsync(mary.BanNickAsync("john", 5))).Status);
        Assert.Equal(403, (await Visitor.ReadAsync(mary.DeleteAsync("/api/admin/bans/1"))).Status);
    }

    [Fact]
    public async Task A_guest_holding_an_admins_nick_is_no_admin()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var impostor = Visitor.To(server);

        Assert.Equal((200, """{"nick":"boss","kind":"guest","admin":false}"""), await Visitor.ReadAsync(impostor.GuestAsync("boss")));
        Assert.Equal(403, (await Visitor.ReadAsync(impostor.GetAsync("/api/admin/online"))).Status);
    }

    [Fact]
    public async Task An_admin_sees_this_nodes_streams_per_nick_with_format_address_and_opening_time()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings(), time);
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");
        time.Advance(TimeSpan.FromSeconds(1.5));
        await using var john = await Seed.SeedClient.LoginAsync(client, "john");

        Assert.Equal(
            (200, """{"nicks":[{"nick":"mary","streams":[{"format":"json","address":"127.0.0.1","openedAt":"2026-11-30T12:00:00Z"}]},{"nick":"john","streams":[{"format":"seed","address":"127.0.0.1","openedAt":"2026-11-30T12:00:01.5Z"}]}],"elsewhere":[]}"""),
            await Visitor.ReadAsync(admin.GetAsync("/api/admin/online")));
    }
}
