using System.Text.Json;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Api;

/// <summary>One chat, two protocols: a message sent through either reaches streams of both kinds, each in its own format.</summary>
public sealed class CrossProtocolTests
{
    [Fact]
    public async Task A_seed_send_reaches_a_json_stream()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();
        await using var john = await ApiClient.LoginAsync(client, "john");

        await SeedClient.SendAsync(server, "mary", "all%20caf%E9");

        var block = await john.NextEventAsync();
        var id = ApiClient.IdOf(block);
        Assert.Equal($"id: {id}\nevent: message\ndata: {ApiClient.MessageJson(id, "mary", "all", "café", false, TestClock.UtcJson)}", block);
    }

    [Fact]
    public async Task An_api_send_reaches_a_seed_stream()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john = await SeedClient.LoginAsync(client, "john");

        await ApiClient.SendAsync(client, "mary", "all", "first\nsecond €");

        Assert.Equal("data: mary to all: first\ndata: second €", await john.NextEventAsync());
    }

    [Fact]
    public async Task A_direct_message_from_a_seed_user_to_a_json_user_reaches_each_in_their_own_format()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();
        await using var mary = await SeedClient.LoginAsync(client, "mary");
        await using var john = await ApiClient.LoginAsync(client, "john");
        Assert.Equal("data: john has joined.", await mary.NextEventAsync());

        await SeedClient.SendAsync(server, "mary", "john%20hello");

        var block = await john.NextEventAsync();
        var id = ApiClient.IdOf(block);
        Assert.Equal($"id: {id}\nevent: message\ndata: {ApiClient.MessageJson(id, "mary", "john", "hello", false, TestClock.UtcJson)}", block);
        Assert.Equal("data: You to john: hello", await mary.NextEventAsync());
    }

    [Fact]
    public async Task A_direct_message_from_a_json_user_to_a_seed_user_reaches_each_in_their_own_format()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();
        await using var mary = await SeedClient.LoginAsync(client, "mary");
        await using var john = await ApiClient.LoginAsync(client, "john");

        var id = await ApiClient.SendAsync(client, "john", "mary", "hi back");

        Assert.Equal(["john has joined.", "john: hi back"], await mary.NextDataAsync(2));
        Assert.Equal(
            $"id: {id}\nevent: message\ndata: {ApiClient.MessageJson(id, "john", "mary", "hi back", false, TestClock.UtcJson)}",
            await john.NextEventAsync());
    }

    [Fact]
    public async Task A_message_waiting_for_a_seed_user_can_come_from_the_api_and_the_reverse()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();
        var toSeed = await ApiClient.SendAsync(client, "john", "mary", "api to seed");
        await SeedClient.SendAsync(server, "mary", "john%20seed%20to%20api");

        await using var mary = await SseReader.OpenAsync(client, "/mary");
        await using var john = await ApiClient.LoginAsync(client, "john");

        Assert.Equal(["Welcome mary!", "now online: ", $"john ({TestClock.LocalStamp}): api to seed"], await mary.NextDataAsync(3));
        var waiting = SseReader.DataOf(await john.NextEventAsync());
        using var json = JsonDocument.Parse(waiting);
        var id = json.RootElement.GetProperty("id").GetInt64();
        Assert.Equal(ApiClient.MessageJson(id, "mary", "john", "seed to api", true, TestClock.UtcJson), waiting);
        Assert.True(id > toSeed, $"the later message has id {id}, the earlier {toSeed}");
    }
}
