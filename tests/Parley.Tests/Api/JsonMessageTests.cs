using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Api;

/// <summary>Message events on the JSON stream: one JSON for sender and recipient, ids from one sequence.</summary>
public sealed class JsonMessageTests
{
    [Fact]
    public async Task A_live_direct_message_reaches_recipient_and_sender_as_the_same_json_with_its_id_as_the_event_id()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();
        await using var john = await ApiClient.LoginAsync(client, "john");
        await using var mary = await ApiClient.LoginAsync(client, "mary");

        var id = await ApiClient.SendAsync(client, "mary", "john", "hello");

        var expected = $"id: {id}\nevent: message\ndata: {ApiClient.MessageJson(id, "mary", "john", "hello", false, TestClock.UtcJson)}";
        Assert.Equal("joined", SseReader.FieldOf(await john.NextEventAsync(), "event"));
        Assert.Equal(expected, await john.NextEventAsync());
        Assert.Equal(expected, await mary.NextEventAsync());
    }

    [Fact]
    public async Task A_message_to_all_reaches_every_stream_including_the_senders()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");
        await using var john = await ApiClient.LoginAsync(client, "john");
        await mary.NextEventAsync(); // joined

        var id = await ApiClient.SendAsync(client, "mary", "all", "hello");

        var expected = $"id: {id}\nevent: message\ndata: {ApiClient.MessageJson(id, "mary", "all", "hello", false, TestClock.UtcJson)}";
        Assert.Equal(expected, await mary.NextEventAsync());
        Assert.Equal(expected, await john.NextEventAsync());
    }

    [Fact]
    public async Task The_senders_copy_of_a_message_to_an_offline_nick_is_marked_stored()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");

        var id = await ApiClient.SendAsync(client, "mary", "john", "hello");

        Assert.Equal(
            $"id: {id}\nevent: message\ndata: {ApiClient.MessageJson(id, "mary", "john", "hello", true, TestClock.UtcJson)}",
            await mary.NextEventAsync());
    }

    [Fact]
    public async Task A_waiting_message_is_delivered_under_its_own_id()
    {
        var time = TestClock.Create();
        await using var server = await ParleyServer.StartAsync(time: time);
        using var client = server.CreateClient();
        var id = await ApiClient.SendAsync(client, "mary", "john", "hello");
        time.Advance(TimeSpan.FromMinutes(5)); // delivery is later: sentAt stays the sending time

        await using var john = await SseReader.OpenAsync(client, "/api/events?nick=john");

        Assert.Equal("welcome", SseReader.FieldOf(await john.NextEventAsync(), "event"));
        Assert.Equal("online", SseReader.FieldOf(await john.NextEventAsync(), "event"));
        Assert.Equal($"id: {id}\nevent: message\ndata: {ApiClient.MessageJson(id, "mary", "john", "hello", true, TestClock.UtcJson)}", await john.NextEventAsync());
    }
}
