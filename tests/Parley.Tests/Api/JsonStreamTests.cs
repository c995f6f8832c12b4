using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Api;

/// <summary><c>GET /api/events?nick=</c>: named events with an <c>id:</c> and JSON data.</summary>
public sealed class JsonStreamTests
{
    [Fact]
    public async Task A_stream_opens_with_a_welcome_and_an_empty_online_list()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        await using var john = await SseReader.OpenAsync(client, "/api/events?nick=john");

        Assert.Equal("text/event-stream", john.Response.Content.Headers.ContentType?.ToString());
        Assert.Equal(": parley\nretry: 3000", await john.NextBlockAsync());
        Assert.Equal("event: welcome\ndata: {\"nick\":\"john\",\"lastEventId\":0}", await john.NextEventAsync());
        Assert.Equal("event: online\ndata: {\"users\":[]}", await john.NextEventAsync());
    }

    [Fact]
    public async Task The_online_list_names_everyone_already_online_in_the_order_they_came()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");
        await using var paul = await SeedClient.LoginAsync(client, "Paul");

        await using var john = await SseReader.OpenAsync(client, "/api/events?nick=john");

        Assert.Equal("event: welcome\ndata: {\"nick\":\"john\",\"lastEventId\":0}", WithoutId(await john.NextEventAsync()));
        Assert.Equal("event: online\ndata: {\"users\":[\"mary\",\"Paul\"]}", WithoutId(await john.NextEventAsync()));
    }

    [Fact]
    public async Task Others_get_a_joined_event_when_a_nick_comes_online()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");

        await using var john = await ApiClient.LoginAsync(client, "john");

        Assert.Equal("event: joined\ndata: {\"nick\":\"john\"}", await mary.NextEventAsync());
    }

    [Fact]
    public async Task Others_get_a_left_event_when_the_last_stream_of_a_nick_closes()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");
        var john = await ApiClient.LoginAsync(client, "john");
        await mary.NextEventAsync(); // joined

        await john.DisposeAsync();

        Assert.Equal("event: left\ndata: {\"nick\":\"john\"}", await mary.NextEventAsync());
    }

    [Fact]
    public async Task Only_messages_carry_an_id_and_it_is_the_message_id_increasing_along_the_stream()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await SseReader.OpenAsync(client, "/api/events?nick=mary");
        await ApiClient.SendAsync(client, "paul", "all", "one");
        var john = await ApiClient.LoginAsync(client, "john");
        await ApiClient.SendAsync(client, "john", "mary", "two");
        await ApiClient.SendAsync(client, "paul", "all", "three");
        await john.DisposeAsync();

        var names = new List<string>();
        var ids = new List<string?>();
        for (var i = 0; i < 7; i++)
        {
            var block = await mary.NextEventAsync();
            names.Add(SseReader.FieldOf(block, "event")!);
            ids.Add(SseReader.FieldOf(block, "id"));
        }

        Assert.Equal(["welcome", "online", "message", "joined", "message", "message", "left"], names);
        Assert.Equal([null, null, "1", null, "2", "3", null], ids); // the store's ids, the same as in each message's data
    }

    private static string WithoutId(string block) =>
        string.Join('\n', block.Split('\n').Where(line => !line.StartsWith("id: ", StringComparison.Ordinal)));
}
