using Parley.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Seed;

/// <summary><c>john has joined.</c> and <c>john has left.</c>: once per nick, never to john himself.</summary>
public sealed class SeedPresenceTests
{
    [Fact]
    public async Task Everyone_else_is_told_once_when_a_nick_comes_online()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await SeedClient.LoginAsync(client, "mary");
        await using var paul = await SeedClient.LoginAsync(client, "paul");
        Assert.Equal("data: paul has joined.", await mary.NextEventAsync());

        await using var john = await SeedClient.LoginAsync(client, "john");
        await SeedClient.SendAsync(server, "paul", "all%20next");

        Assert.Equal("data: john has joined.", await mary.NextEventAsync());
        Assert.Equal("data: paul to all: next", await mary.NextEventAsync());
        Assert.Equal("data: john has joined.", await paul.NextEventAsync());
        Assert.Equal("data: paul to all: next", await paul.NextEventAsync());
    }

    [Fact]
    public async Task The_joiner_is_not_told_of_its_own_arrival()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await SeedClient.LoginAsync(client, "mary");

        await using var john = await SeedClient.LoginAsync(client, "john");
        await SeedClient.SendAsync(server, "mary", "all%20next");

        Assert.Equal("data: mary to all: next", await john.NextEventAsync());
    }

    [Fact]
    public async Task A_second_stream_of_an_online_nick_announces_nothing()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await SeedClient.LoginAsync(client, "mary");
        await using var john = await SeedClient.LoginAsync(client, "john");
        Assert.Equal("data: john has joined.", await mary.NextEventAsync());

        await using var johnAgain = await SeedClient.LoginAsync(client, "JOHN");
        await SeedClient.SendAsync(server, "mary", "all%20next");

        Assert.Equal("data: mary to all: next", await mary.NextEventAsync());
        Assert.Equal("data: mary to all: next", await john.NextEventAsync());
        Assert.Equal("data: mary to all: next", await johnAgain.NextEventAsync());
    }

    [Fact]
    public async Task Everyone_left_is_told_once_when_the_last_stream_of_a_nick_closes()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await SeedClient.LoginAsync(client, "mary");
        var john = await SeedClient.LoginAsync(client, "john");
        Assert.Equal("data: john has joined.", await mary.NextEventAsync());

        await john.DisposeAsync();

        Assert.Equal("data: john has left.", await mary.NextEventAsync());
        await SeedClient.SendAsync(server, "mary", "all%20next");
        Assert.Equal("data: mary to all: next", await mary.NextEventAsync());
    }

    [Fact]
    public async Task Only_the_last_of_two_streams_of_a_nick_announces_the_departure()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await SeedClient.LoginAsync(client, "mary");
        var john = await SeedClient.LoginAsync(client, "john");
        var johnAgain = await SeedClient.LoginAsync(client, "john");
        Assert.Equal("data: john has joined.", await mary.NextEventAsync());

        await johnAgain.DisposeAsync();
        await OnlineUsers.WaitForAsync(client, """[{"nick":"mary","streams":1},{"nick":"john","streams":1}]""");
        await SeedClient.SendAsync(server, "mary", "all%20next");

        Assert.Equal("data: mary to all: next", await mary.NextEventAsync());

        await john.DisposeAsync();
        Assert.Equal("data: john has left.", await mary.NextEventAsync());
    }
}
