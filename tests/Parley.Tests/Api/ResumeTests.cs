using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Api;

/// <summary>A stream that reconnects with the id of the last message it saw gets what it missed from the store, once.</summary>
public sealed class ResumeTests
{
    [Fact]
    public async Task A_stream_resuming_with_Last_Event_ID_gets_the_messages_it_missed_after_welcome_and_online()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");
        long lastSeen;
        await using (var john = await ApiClient.LoginAsync(client, "john"))
        {
            var seen = await ApiClient.SendAsync(client, "mary", "all", "before");
            lastSeen = ApiClient.IdOf(await john.NextEventAsync());
            Assert.Equal(seen, lastSeen);
        }

        // Away means the server has seen the stream close: until then a direct message is still delivered live.
        await OnlineUsers.WaitForAsync(client, """[{"nick":"mary","streams":1}]""");
        var missedBroadcast = await ApiClient.SendAsync(client, "mary", "all", "while away");
        var missedDirect = await ApiClient.SendAsync(client, "mary", "john", "psst");
        await using var resumed = await OpenAsync(client, "/api/events?nick=john", ("Last-Event-ID", lastSeen.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var welcome = await resumed.NextEventAsync();
        var online = await resumed.NextEventAsync();
        var first = await resumed.NextEventAsync();
        var second = await resumed.NextEventAsync();
        Assert.Equal("welcome", SseReader.FieldOf(welcome, "event"));
        Assert.Equal("online", SseReader.FieldOf(online, "event"));
        Assert.Equal(ApiClient.MessageJson(missedBroadcast, "mary", "all", "while away", false, TestClock.UtcJson), SseReader.DataOf(first));
        Assert.Equal(ApiClient.MessageJson(missedDirect, "mary", "john", "psst", true, TestClock.UtcJson), SseReader.DataOf(second));
        Assert.Equal([missedBroadcast, missedDirect], [ApiClient.IdOf(first), ApiClient.IdOf(second)]);
    }

    [Fact]
    public async Task A_fresh_event_source_resumes_with_lastEventId_in_the_query()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");
        var seen = await ApiClient.SendAsync(client, "mary", "all", "seen");

        var missed = await ApiClient.SendAsync(client, "mary", "all", "missed");
        await using var john = await SseReader.OpenAsync(client, $"/api/events?nick=john&lastEventId={seen}");

        await john.NextEventAsync(); // welcome
        await john.NextEventAsync(); // online
        Assert.Equal(ApiClient.MessageJson(missed, "mary", "all", "missed", false, TestClock.UtcJson), SseReader.DataOf(await john.NextEventAsync()));
    }

    [Fact]
    public async Task Resuming_replays_nothing_meant_for_someone_else_and_nothing_already_seen()
    {
        await using var server = await ParleyServer.StartAsync(time: TestClock.Create());
        using var client = server.CreateClient();
        await using var mary = await ApiClient.LoginAsync(client, "mary");
        await using var paul = await ApiClient.LoginAsync(client, "paul");
        var seen = await ApiClient.SendAsync(client, "mary", "all", "seen");
        await ApiClient.SendAsync(client, "mary", "paul", "for paul only");

        await using var john = await SseReader.OpenAsync(client, $"/api/events?nick=john&lastEventId={seen}");
        await john.NextEventAsync(); // welcome
        await john.NextEventAsync(); // online
        var next = await ApiClient.SendAsync(client, "mary", "all", "live");

        Assert.Equal(ApiClient.MessageJson(next, "mary", "all", "live", false, TestClock.UtcJson), SseReader.DataOf(await john.NextEventAsync()));
    }

    [Fact]
    public async Task A_resume_point_that_is_not_a_number_is_refused_with_400()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/api/events?nick=john&lastEventId=abc", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Last-Event-ID and lastEventId must be a whole number", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    private static async Task<SseReader> OpenAsync(HttpClient client, string path, (string Name, string Value) header)
    {
        client.DefaultRequestHeaders.Remove(header.Name);
        client.DefaultRequestHeaders.Add(header.Name, header.Value);
        try
        {
            return await SseReader.OpenAsync(client, path);
        }
        finally
        {
            client.DefaultRequestHeaders.Remove(header.Name);
        }
    }
}
