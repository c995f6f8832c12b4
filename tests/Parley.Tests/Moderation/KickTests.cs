using Parley.Tests.Accounts;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Moderation;

/// <summary>A kick closes every stream of a nick at once, telling JSON pages why; the others see an ordinary departure.</summary>
public sealed class KickTests
{
    [Fact]
    public async Task A_kick_ends_every_json_stream_of_the_nick_with_a_kicked_event()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        await using var firstTab = await ApiClient.LoginAsync(client, "mary");
        await using var secondTab = await ApiClient.LoginAsync(client, "mary");

        Assert.Equal((200, """{"nick":"MARY","streams":2}"""), await Visitor.ReadAsync(admin.KickAsync("MARY")));

        foreach (var tab in new[] { firstTab, secondTab })
        {
            Assert.Equal("event: kicked\ndata: {\"reason\":\"kicked\"}", await tab.NextEventAsync());
            Assert.Null(await tab.NextBlockAsync());
        }
    }

    [Fact]
    public async Task A_kick_ends_a_seed_stream_without_a_line_of_its_own()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        await using var john = await SeedClient.LoginAsync(client, "john");

        Assert.Equal((200, """{"nick":"john","streams":1}"""), await Visitor.ReadAsync(admin.KickAsync("john")));

        Assert.Null(await john.NextBlockAsync());
    }

    [Fact]
    public async Task Everyone_else_sees_the_kicked_nick_leave_once()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        await using var paul = await SeedClient.LoginAsync(client, "paul");
        await using var watcher = await ApiClient.LoginAsync(client, "watcher");
        await using var john = await ApiClient.LoginAsync(client, "john");
        await using var johnAgain = await ApiClient.LoginAsync(client, "john");
        Assert.Equal(["watcher has joined.", "john has joined."], await paul.NextDataAsync(2));
        Assert.Equal("event: joined\ndata: {\"nick\":\"john\"}", await watcher.NextEventAsync());

        await Visitor.ReadAsync(admin.KickAsync("john"));

        Assert.Equal("john has left.", await paul.NextDataAsync());
        Assert.Equal("event: left\ndata: {\"nick\":\"john\"}", await watcher.NextEventAsync());
        await ApiClient.SendAsync(client, "watcher", "all", "after");
        Assert.Equal("watcher to all: after", await paul.NextDataAsync());
        await OnlineUsers.WaitForAsync(client, """[{"nick":"paul","streams":1},{"nick":"watcher","streams":1}]""");
    }

    [Fact]
    public async Task A_kicked_nick_may_come_back_at_once_and_the_kick_is_logged_with_the_admin()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");

        await Visitor.ReadAsync(admin.KickAsync("mary"));

        await using var back = await ApiClient.LoginAsync(client, "mary");
        var logged = Assert.Single(server.LogEntries, entry => entry.EventId.Id == 100);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, logged.Level);
    }

    [Fact]
    public async Task Kicked_streams_are_counted_closed_with_reason_kicked_and_nothing_else()
    {
        await using var server = await ParleyServer.StartAsync(AdminDesk.Settings());
        using var kicked = new Streams.ClosedStreamsCounter(server, "kicked");
        using var disconnected = new Streams.ClosedStreamsCounter(server, "client_disconnected");
        using var admin = await AdminDesk.LogInAsync(server);
        using var client = server.CreateClient();
        await using var json = await ApiClient.LoginAsync(client, "mary");
        await using var seed = await SeedClient.LoginAsync(client, "john");

        await Visitor.ReadAsync(admin.KickAsync("mary"));
        await Visitor.ReadAsync(admin.KickAsync("john"));

        await Timeouts.WaitUntilAsync(() => kicked.Total == 2, "both kicked streams counted");
        Assert.Equal(0, disconnected.Total);
    }
}
