using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Accounts;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Moderation;

/// <summary>A ban keeps a nick or a client address out until its time: streams, sends and logins are 403 until then.</summary>
public sealed class BanTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_ban_is_201_with_its_id_target_end_and_admin_and_is_listed_until_lifted()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings(), new FakeTimeProvider(Noon));
        using var admin = await AdminDesk.LogInAsync(server);

        Assert.Equal(
            (201, """{"id":1,"nick":"john","address":null,"until":"2026-11-30T12:10:00Z","by":"boss"}"""),
            await Visitor.ReadAsync(admin.BanNickAsync("john", 10)));
        Assert.Equal(
            (201, """{"id":2,"nick":null,"address":"203.0.113.9","until":"2026-11-30T13:00:00Z","by":"boss"}"""),
            await Visitor.ReadAsync(admin.BanAddressAsync("203.0.113.9", 60)));
        Assert.Equal(
            (200, """[{"id":1,"nick":"john","address":null,"until":"2026-11-30T12:10:00Z","by":"boss"},{"id":2,"nick":null,"address":"203.0.113.9","until":"2026-11-30T13:00:00Z","by":"boss"}]"""),
            await Visitor.ReadAsync(admin.GetAsync("/api/admin/bans")));

        Assert.Equal(204, (await Visitor.ReadAsync(admin.DeleteAsync("/api/admin/bans/1"))).Status);

        Assert.Equal(404, (await Visitor.ReadAsync(admin.DeleteAsync("/api/admin/bans/1"))).Status);
        Assert.Equal(
            (200, """[{"id":2,"nick":null,"address":"203.0.113.9","until":"2026-11-30T13:00:00Z","by":"boss"}]"""),
            await Visitor.ReadAsync(admin.GetAsync("/api/admin/bans")));
        Assert.Equal([101, 101, 102], server.LogEntries.Where(entry => entry.EventId.Id is >= 100 and <= 103).Select(entry => entry.EventId.Id));
    }

    [Fact]
    public async Task A_banned_nicks_streams_end_with_the_ban_and_may_not_open_again()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings(), new FakeTimeProvider(Noon));
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        await using var json = await ApiClient.LoginAsync(client, "john");
        await using var seed = await SeedClient.LoginAsync(client, "mary");

        Assert.Equal("event: joined\ndata: {\"nick\":\"mary\"}", await json.NextEventAsync());

        await admin.BanAsync(new { nick = "john", minutes = 10 });
        await admin.BanAsync(new { nick = "MARY", minutes = 10 });

        Assert.Equal("event: kicked\ndata: {\"reason\":\"banned\",\"until\":\"2026-11-30T12:10:00Z\"}", await json.NextEventAsync());
        Assert.Null(await json.NextBlockAsync());
        Assert.Equal("john has left.", await seed.NextDataAsync());
        Assert.Null(await seed.NextBlockAsync());
        Assert.Equal(
            (403, "'john' is banned until 2026-11-30T12:10:00Z"),
            await Visitor.ProblemAsync(client.GetAsync(ApiClient.EventsPath("john"), TestContext.Current.CancellationToken)));
        var seedAgain = await RawHttp.GetAsync(server.BaseAddress, "/mary", "Accept: text/event-stream");
        Assert.Equal((403, "'mary' is banned until 2026-11-30T12:10:00Z\n"), (seedAgain.Status, seedAgain.Text));
    }

    [Fact]
    public async Task A_banned_nick_may_not_send_log_in_start_a_guest_session_register_or_use_its_session()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings(), new FakeTimeProvider(Noon));
        using var admin = await AdminDesk.LogInAsync(server);
        using var john = Visitor.To(server);
        Assert.Equal(200, (await Visitor.ReadAsync(john.GuestAsync("john"))).Status);
        using var mary = Visitor.To(server);
        Assert.Equal(201, (await Visitor.ReadAsync(mary.RegisterAsync("mary", AdminDesk.Password))).Status);

        await admin.BanAsync(new { nick = "john", minutes = 10 });
        await admin.BanAsync(new { nick = "mary", minutes = 10 });
        await admin.BanAsync(new { nick = "pete", minutes = 10 });

        const string John = "'john' is banned until 2026-11-30T12:10:00Z";
        Assert.Equal((403, John), await Visitor.ProblemAsync(john.SendAsync("all", "hello")));
        Assert.Equal((403, John), await Visitor.ProblemAsync(Visitor.To(server).GuestAsync("john")));
        Assert.Equal((403, "'mary' is banned until 2026-11-30T12:10:00Z"), await Visitor.ProblemAsync(Visitor.To(server).LogInAsync("mary", AdminDesk.Password)));
        Assert.Equal((403, "'pete' is banned until 2026-11-30T12:10:00Z"), await Visitor.ProblemAsync(Visitor.To(server).RegisterAsync("pete", AdminDesk.Password)));
        Assert.Equal((403, John), await Visitor.ProblemAsync(john.GetAsync("/api/session")));
        var seedSend = await RawHttp.GetAsync(server.BaseAddress, "/msg/pete/all%20hello");
        Assert.Equal((403, "'pete' is banned until 2026-11-30T12:10:00Z\n"), (seedSend.Status, seedSend.Text));
    }

    [Fact]
    public async Task A_banned_nicks_session_may_not_read_history_or_who_is_online_but_may_log_out()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings(), new FakeTimeProvider(Noon));
        using var admin = await AdminDesk.LogInAsync(server);
        using var john = Visitor.To(server);
        Assert.Equal(200, (await Visitor.ReadAsync(john.GuestAsync("john"))).Status);
        Assert.Equal(200, (await Visitor.ReadAsync(john.GetAsync("/api/history"))).Status);

        await admin.BanAsync(new { nick = "john", minutes = 10 });

        const string John = "'john' is banned until 2026-11-30T12:10:00Z";
        Assert.Equal((403, John), await Visitor.ProblemAsync(john.GetAsync("/api/history")));
        Assert.Equal((403, John), await Visitor.ProblemAsync(john.GetAsync("/api/users/online")));
        Assert.Equal(200, (await Visitor.ReadAsync(john.GetAsync("/"))).Status); // the page, to say why
        Assert.Equal(204, (await Visitor.ReadAsync(john.DeleteAsync("/api/session"))).Status);
        Assert.Equal(200, (await Visitor.ReadAsync(john.GetAsync("/api/users/online"))).Status);
        Assert.Equal(200, (await Visitor.ReadAsync(admin.GetAsync("/api/users/online"))).Status);
    }

    [Fact]
    public async Task A_ban_ends_by_itself_at_its_time()
    {
        var time = new FakeTimeProvider(Noon);
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings(), time);
        using var admin = await AdminDesk.LogInAsync(server);
        using var john = Visitor.To(server);
        await admin.BanAsync(new { nick = "john", minutes = 10 });

        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromTicks(1));
        Assert.Equal(403, (await Visitor.ReadAsync(john.GuestAsync("john"))).Status);

        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(200, (await Visitor.ReadAsync(john.GuestAsync("john"))).Status);
        Assert.Equal((200, "[]"), await Visitor.ReadAsync(admin.GetAsync("/api/admin/bans")));
    }

    [Fact]
    public async Task A_lifted_ban_lets_the_nick_back_at_once()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);
        using var john = Visitor.To(server);
        var ban = await admin.BanAsync(new { nick = "john", minutes = 10 });
        Assert.Equal(403, (await Visitor.ReadAsync(john.GuestAsync("john"))).Status);

        Assert.Equal(204, (await Visitor.ReadAsync(admin.DeleteAsync($"/api/admin/bans/{ban}"))).Status);

        Assert.Equal(200, (await Visitor.ReadAsync(john.GuestAsync("john"))).Status);
    }

    [Fact]
    public async Task An_address_ban_refuses_everything_from_that_address_and_ends_its_streams_only()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.BehindProxy(), new FakeTimeProvider(Noon));
        using var admin = await AdminDesk.LogInAsync(server);
        using var banned = AdminDesk.ClientFrom(server, "203.0.113.9");
        using var other = AdminDesk.ClientFrom(server, "198.51.100.7");
        await using var bannedStream = await SeedClient.LoginAsync(banned, "john");
        await using var otherStream = await SeedClient.LoginAsync(other, "mary");

        Assert.Equal("mary has joined.", await bannedStream.NextDataAsync());

        await admin.BanAsync(new { address = "203.0.113.9", minutes = 60 });

        Assert.Null(await bannedStream.NextBlockAsync());
        Assert.Equal("john has left.", await otherStream.NextDataAsync());
        const string Reason = "this client address is banned until 2026-11-30T13:00:00Z";
        Assert.Equal((403, Reason), await Visitor.ProblemAsync(banned.GetAsync("/api/users/online", TestContext.Current.CancellationToken)));
        Assert.Equal((403, Reason), await Visitor.ProblemAsync(ApiClient.PostAsync(banned, "paul", "all", "hello")));
        using var seedStream = await banned.GetAsync("/paul", TestContext.Current.CancellationToken);
        Assert.Equal((403, Reason + "\n"), ((int)seedStream.StatusCode, await seedStream.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(201, (await Visitor.ReadAsync(ApiClient.PostAsync(other, "sue", "all", "still here"))).Status);
        Assert.Equal(200, (int)(await banned.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode); // the page, to say why
    }

    [Fact]
    public async Task A_ban_survives_a_restart_of_the_server()
    {
        using var folder = new Storage.TempDataFolder();
        var url = ParleyServer.FreeLoopbackUrl();
        var settings = AdminDesk.Settings(new Dictionary<string, string?> { ["Parley:Store:DataDir"] = folder.DataFolder });
        await using (var first = await ParleyServer.StartAsync(settings, url: url))
        {
            using var admin = await AdminDesk.LogInAsync(first);
            await admin.BanAsync(new { nick = "john", minutes = 10 });
        }

        await using var second = await ParleyServer.StartAsync(settings, url: url);

        Assert.Equal(403, (await Visitor.ReadAsync(Visitor.To(second).GuestAsync("john"))).Status);
        using var adminAgain = await AdminDesk.LogInAsync(second, register: false);
        var (status, bans) = await Visitor.ReadAsync(adminAgain.GetAsync("/api/admin/bans"));
        Assert.Equal(200, status);
        Assert.Contains("\"nick\":\"john\"", bans, StringComparison.Ordinal);
    }
}
