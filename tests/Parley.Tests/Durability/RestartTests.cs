using System.Globalization;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Durability;

/// <summary>A server stopped and started again on the same data folder has lost nothing and reuses no id.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task An_offline_message_survives_a_restart_and_is_delivered_once()
    {
        using var data = new DataFolder();
        await using (var first = await ParleyServer.StartAsync(data.Settings(), TestClock.Create(), data.Url))
        {
            await SeedClient.SendAsync(first, "mary", "john%20kept%20for%20you");
        }

        await using var second = await ParleyServer.StartAsync(data.Settings(), TestClock.Create(), data.Url);
        using var client = second.CreateClient();
        await using (var john = await SeedClient.LoginAsync(client, "john"))
        {
            Assert.Equal($"mary ({TestClock.LocalStamp}): kept for you", await john.NextDataAsync());
            await SeedClient.SendAsync(second, "mary", "all%20then%20live");
            Assert.Equal("mary to all: then live", await john.NextDataAsync());
        }

        await OnlineUsers.WaitForAsync(client, "[]");
        await using var again = await SeedClient.LoginAsync(client, "john");
        await SeedClient.SendAsync(second, "mary", "all%20only%20this");
        Assert.Equal("mary to all: only this", await again.NextDataAsync()); // the waiting message is not delivered twice
    }

    [Fact]
    public async Task Ids_continue_after_a_restart()
    {
        using var data = new DataFolder();
        long before;
        await using (var first = await ParleyServer.StartAsync(data.Settings(), url: data.Url))
        {
            using var client = first.CreateClient();
            before = await ApiClient.SendAsync(client, "mary", "all", "before");
        }

        await using var second = await ParleyServer.StartAsync(data.Settings(), url: data.Url);
        using var again = second.CreateClient();

        Assert.Equal(before + 1, await ApiClient.SendAsync(again, "mary", "all", "after"));
    }

    [Fact]
    public async Task After_a_restart_a_welcome_names_the_last_message_before_it_as_the_position_to_resume_from()
    {
        using var data = new DataFolder();
        long last;
        await using (var first = await ParleyServer.StartAsync(data.Settings(), url: data.Url))
        {
            using var client = first.CreateClient();
            await ApiClient.SendAsync(client, "mary", "all", "one");
            last = await ApiClient.SendAsync(client, "mary", "all", "two");
        }

        await using var second = await ParleyServer.StartAsync(data.Settings(), url: data.Url);
        using var again = second.CreateClient();
        await using var john = await SseReader.OpenAsync(again, "/api/events?nick=john");

        Assert.Equal($"event: welcome\ndata: {{\"nick\":\"john\",\"lastEventId\":{last}}}", await john.NextEventAsync());
    }

    [Fact]
    public async Task A_stream_resumes_across_a_restart_with_exactly_what_it_missed()
    {
        using var data = new DataFolder();
        var time = TestClock.Create();
        long lastSeen;
        await using (var first = await ParleyServer.StartAsync(data.Settings(), time, data.Url))
        {
            using var client = first.CreateClient();
            await using var john = await ApiClient.LoginAsync(client, "john");
            await ApiClient.SendAsync(client, "mary", "all", "one");
            lastSeen = await ApiClient.SendAsync(client, "mary", "all", "two");
            await john.NextEventAsync();
            Assert.Equal(lastSeen, ApiClient.IdOf(await john.NextEventAsync()));
            await ApiClient.SendAsync(client, "mary", "all", "sent as the server stops");
        }

        await using var second = await ParleyServer.StartAsync(data.Settings(), time, data.Url);
        using var again = second.CreateClient();
        var missed = await ApiClient.SendAsync(again, "mary", "john", "while it was down");
        await using var resumed = await SseReader.OpenAsync(again, $"/api/events?nick=john&lastEventId={lastSeen.ToString(CultureInfo.InvariantCulture)}");
        await resumed.NextEventAsync(); // welcome
        await resumed.NextEventAsync(); // online
        var live = await ApiClient.SendAsync(again, "mary", "all", "live");

        Assert.Equal(
            [
                ApiClient.MessageJson(lastSeen + 1, "mary", "all", "sent as the server stops", false, TestClock.UtcJson),
                ApiClient.MessageJson(missed, "mary", "john", "while it was down", true, TestClock.UtcJson),
                ApiClient.MessageJson(live, "mary", "all", "live", false, TestClock.UtcJson),
            ],
            [SseReader.DataOf(await resumed.NextEventAsync()), SseReader.DataOf(await resumed.NextEventAsync()), SseReader.DataOf(await resumed.NextEventAsync())]);
    }
}
