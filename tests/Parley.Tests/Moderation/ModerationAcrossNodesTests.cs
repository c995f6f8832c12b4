using Parley.Tests.Accounts;
using Parley.Tests.Api;
using Parley.Tests.Cluster;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Moderation;

/// <summary>On several nodes on one Redis, what an admin does on one node takes effect on every node's streams.</summary>
[Trait("Category", "Slow")] // several nodes, and a password hash per login
public sealed class ModerationAcrossNodesTests
{
    [Fact]
    public async Task A_kick_on_one_node_ends_the_nicks_streams_on_another_and_both_see_it_leave()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = new ChatNodes(await RedisNodes.StartAsync(redis, 2, AdminDesk.Settings()));
        using var admin = await AdminDesk.LogInAsync(nodes[0]);
        await using var watcher = await ApiClient.LoginAsync(nodes.Client(0), "watcher");
        await using var john = await ApiClient.LoginAsync(nodes.Client(1), "john");
        Assert.Equal("event: joined\ndata: {\"nick\":\"john\"}", await watcher.NextEventAsync());

        Assert.Equal((200, """{"nick":"john","streams":0}"""), await Visitor.ReadAsync(admin.KickAsync("john")));

        Assert.Equal("event: kicked\ndata: {\"reason\":\"kicked\"}", await john.NextEventAsync());
        Assert.Null(await john.NextBlockAsync());
        Assert.Equal("event: left\ndata: {\"nick\":\"john\"}", await watcher.NextEventAsync());
    }

    [Fact]
    public async Task A_ban_on_one_node_ends_the_streams_on_another_and_that_node_refuses_the_nick_too()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = new ChatNodes(await RedisNodes.StartAsync(redis, 2, AdminDesk.Settings()));
        using var admin = await AdminDesk.LogInAsync(nodes[0]);
        await using var john = await ApiClient.LoginAsync(nodes.Client(1), "john");

        var ban = await admin.BanAsync(new { nick = "john", minutes = 10 });

        Assert.Equal("kicked", SseReader.FieldOf(await john.NextEventAsync(), "event"));
        Assert.Equal(403, (await Visitor.ReadAsync(ApiClient.PostAsync(nodes.Client(1), "john", "all", "still here?"))).Status);
        Assert.Equal(204, (await Visitor.ReadAsync(admin.DeleteAsync($"/api/admin/bans/{ban}"))).Status);
        await Timeouts.WaitUntilAsync(
            async () => (await Visitor.ReadAsync(ApiClient.PostAsync(nodes.Client(1), "john", "all", "back"))).Status == 201,
            "the other node lifts the ban too");
    }

    [Fact]
    public async Task A_deletion_on_one_node_reaches_the_streams_on_another()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = new ChatNodes(await RedisNodes.StartAsync(redis, 2, AdminDesk.Settings()));
        using var admin = await AdminDesk.LogInAsync(nodes[0]);
        await using var mary = await ApiClient.LoginAsync(nodes.Client(1), "mary");
        var spam = await ApiClient.SendAsync(nodes.Client(1), "john", "all", "spam");
        Assert.Equal(spam, ApiClient.IdOf(await mary.NextEventAsync()));

        Assert.Equal(204, (await Visitor.ReadAsync(admin.DeleteAsync($"/api/admin/messages/{spam}"))).Status);

        Assert.Equal($"event: deleted\ndata: {{\"id\":{spam}}}", await mary.NextEventAsync());
    }

    [Fact]
    public async Task The_online_list_names_the_nicks_whose_streams_are_all_on_other_nodes()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = new ChatNodes(await RedisNodes.StartAsync(redis, 2, AdminDesk.Settings()));
        using var admin = await AdminDesk.LogInAsync(nodes[0]);
        await using var mary = await ApiClient.LoginAsync(nodes.Client(0), "mary");
        await using var john = await ApiClient.LoginAsync(nodes.Client(1), "john");
        await nodes.UntilEveryNodeCountsAsync("john", 1);

        var (status, online) = await Visitor.ReadAsync(admin.GetAsync("/api/admin/online"));

        Assert.Equal(200, status);
        Assert.StartsWith("""{"nicks":[{"nick":"mary","streams":[{"format":"json","address":"127.0.0.1","openedAt":""", online, StringComparison.Ordinal);
        Assert.EndsWith("""}]}],"elsewhere":["john"]}""", online, StringComparison.Ordinal);
    }
}
