using System.Net.Http.Json;
using Parley.Tests.Accounts;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Cluster;

/// <summary>Sessions and accounts on several nodes: one key ring and one set of accounts, whichever node answers.</summary>
[Trait("Category", "Slow")] // several nodes, and a password hash per login
public sealed class SessionsAcrossNodesTests
{
    private const string Password = "correct horse";

    // A login another node does not yet know the account for is a failure, and failures lock a nick after 5.
    private static readonly Dictionary<string, string?> ManyLoginFailures = new() { ["Parley:Limits:LoginFailures"] = "1000" };

    [Fact]
    public async Task A_session_started_on_one_node_is_the_same_session_on_every_node()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = new ChatNodes(await RedisNodes.StartAsync(redis, 3));
        using var browser = Visitor.To(nodes[0]);
        Assert.Equal(200, (await Visitor.ReadAsync(browser.GuestAsync("sue"))).Status);

        using var onSecond = browser.On(nodes[1]);
        using var onThird = browser.On(nodes[2]);

        Assert.Equal((200, """{"nick":"sue","kind":"guest","admin":false}"""), await Visitor.ReadAsync(onSecond.GetAsync("/api/session")));
        Assert.Equal(201, (await Visitor.ReadAsync(onThird.SendAsync("all", "hello from the third node"))).Status);
    }

    [Fact]
    public async Task Nodes_that_start_together_on_an_empty_redis_share_one_session_key()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = RedisNodes.Settings(redis, RedisNodes.NewPrefix());
        var starting = await Task.WhenAll(ParleyServer.StartAsync(settings), ParleyServer.StartAsync(settings));
        await using var nodes = new ChatNodes(starting);
        using var browser = Visitor.To(nodes[0]);
        Assert.Equal(200, (await Visitor.ReadAsync(browser.GuestAsync("sue"))).Status);

        using var onSecond = browser.On(nodes[1]);

        Assert.Equal((200, """{"nick":"sue","kind":"guest","admin":false}"""), await Visitor.ReadAsync(onSecond.GetAsync("/api/session")));
    }

    [Fact]
    public async Task An_account_registered_on_one_node_logs_in_on_another_and_is_nobody_elses_there()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = new ChatNodes(await RedisNodes.StartAsync(redis, 3, ManyLoginFailures));
        using var mary = Visitor.To(nodes[0]);
        Assert.Equal(201, (await Visitor.ReadAsync(mary.RegisterAsync("mary", Password))).Status);

        using var maryElsewhere = Visitor.To(nodes[1]);
        using var someoneElse = Visitor.To(nodes[2]);

        await UntilLoggedInAsync(maryElsewhere, "mary");
        Assert.Equal(409, (await Visitor.ReadAsync(someoneElse.GuestAsync("MARY"))).Status);
        Assert.Equal(403, (await RawHttp.GetAsync(nodes[2].BaseAddress, "/msg/mary/all%20as%20mary")).Status);
    }

    [Fact]
    public async Task A_guest_nick_held_through_one_node_cannot_be_taken_through_another()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = new ChatNodes(await RedisNodes.StartAsync(redis, 2));
        using var first = Visitor.To(nodes[0]);
        using var second = Visitor.To(nodes[1]);
        Assert.Equal(200, (await Visitor.ReadAsync(first.GuestAsync("sue"))).Status);

        Assert.Equal(409, (await Visitor.ReadAsync(second.GuestAsync("Sue"))).Status);
        Assert.Equal(403, (await RawHttp.GetAsync(nodes[1].BaseAddress, "/msg/sue/all%20as%20sue")).Status);
    }

    [Fact]
    public async Task A_password_changed_on_one_node_ends_the_other_sessions_on_every_node()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = new ChatNodes(await RedisNodes.StartAsync(redis, 3, ManyLoginFailures));
        using var laptop = Visitor.To(nodes[0]);
        using var phone = Visitor.To(nodes[1]);
        (await laptop.RegisterAsync("mary", Password)).Dispose();
        await UntilLoggedInAsync(phone, "mary");

        var changed = await Visitor.ReadAsync(laptop.Http.PutAsJsonAsync(
            "/api/account/password", new { password = Password, newPassword = "battery staple" }, TestContext.Current.CancellationToken));

        Assert.Equal(204, changed.Status);
        using var phoneOnThird = phone.On(nodes[2]);
        await Timeouts.WaitUntilAsync(
            async () => (await Visitor.ReadAsync(phoneOnThird.GetAsync("/api/session"))).Status == 401,
            "the third node ends the phone's session");
        Assert.Equal(200, (await Visitor.ReadAsync(laptop.On(nodes[2]).GetAsync("/api/session"))).Status);
    }

    [Fact]
    public async Task History_reads_the_same_from_every_node()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = new ChatNodes(await RedisNodes.StartAsync(redis, 2));
        using var sue = Visitor.To(nodes[0]);
        (await sue.GuestAsync("sue")).Dispose();
        Assert.Equal(201, (await Visitor.ReadAsync(sue.SendAsync("all", "one"))).Status);
        Assert.Equal(201, (await Visitor.ReadAsync(sue.On(nodes[1]).SendAsync("all", "two"))).Status);

        var fromFirst = await Visitor.ReadAsync(sue.GetAsync("/api/history"));
        var fromSecond = await Visitor.ReadAsync(sue.On(nodes[1]).GetAsync("/api/history"));

        Assert.Equal(200, fromFirst.Status);
        Assert.Equal(fromFirst, fromSecond);
        Assert.Contains("\"two\"", fromFirst.Body, StringComparison.Ordinal);
        Assert.True(fromFirst.Body.IndexOf("\"two\"", StringComparison.Ordinal) < fromFirst.Body.IndexOf("\"one\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// Logs in as soon as the node knows the account: another node's registration reaches it by pub/sub, within
    /// milliseconds, and until then the nick is unknown there (a wrong login, 401).
    /// </summary>
    private static Task UntilLoggedInAsync(Visitor visitor, string nick) => Timeouts.WaitUntilAsync(
        async () => (await Visitor.ReadAsync(visitor.LogInAsync(nick, Password))).Status == 200,
        $"{visitor.Http.BaseAddress} logs {nick} in");
}
