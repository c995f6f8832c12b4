using System.Text.Json;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Durability;

/// <summary>Retention removes what it no longer keeps, and a stream resuming into the removed part is told so.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task A_resume_from_an_id_retention_removed_gets_a_truncated_event_then_the_oldest_kept_messages()
    {
        using var data = new DataFolder();
        var time = TestClock.Create();
        await using var server = await ParleyServer.StartAsync(data.Settings(("Parley:Store:RetentionPerConversation", "5")), time);
        using var client = server.CreateClient();
        var ids = new List<long>();
        for (var i = 1; i <= 10; i++)
        {
            ids.Add(await ApiClient.SendAsync(client, "mary", "all", $"m{i}"));
        }

        await SweepUntilAsync(client, time, kept => kept == 5);
        await using var john = await SseReader.OpenAsync(client, $"/api/events?nick=john&lastEventId={ids[1]}");
        await john.NextEventAsync(); // welcome
        await john.NextEventAsync(); // online

        Assert.Equal($"event: truncated\ndata: {{\"lastEventId\":{ids[1]},\"removedThrough\":{ids[4]}}}", await john.NextEventAsync());
        Assert.Equal(ids[5..], [ApiClient.IdOf(await john.NextEventAsync()), ApiClient.IdOf(await john.NextEventAsync()), ApiClient.IdOf(await john.NextEventAsync()), ApiClient.IdOf(await john.NextEventAsync()), ApiClient.IdOf(await john.NextEventAsync())]);
    }

    [Fact]
    public async Task Messages_older_than_the_retention_age_are_removed_and_their_ids_are_not_given_again()
    {
        using var data = new DataFolder();
        var time = TestClock.Create();
        await using var server = await ParleyServer.StartAsync(data.Settings(("Parley:Store:RetentionAge", "01:00:00")), time);
        using var client = server.CreateClient();
        await ApiClient.SendAsync(client, "mary", "all", "old");
        var last = await ApiClient.SendAsync(client, "mary", "all", "old too");

        time.Advance(TimeSpan.FromHours(1));
        await SweepUntilAsync(client, time, kept => kept == 0);

        Assert.Equal(last + 1, await ApiClient.SendAsync(client, "mary", "all", "new"));
    }

    /// <summary>Moves the clock a sweep interval at a time until the room's history has the expected size.</summary>
    private static Task SweepUntilAsync(HttpClient client, Microsoft.Extensions.Time.Testing.FakeTimeProvider time, Func<int, bool> kept) =>
        Timeouts.WaitUntilAsync(
            async () =>
            {
                time.Advance(TimeSpan.FromMinutes(1));
                using var page = JsonDocument.Parse(await client.GetStringAsync("/api/history?nick=john&with=all&limit=200", TestContext.Current.CancellationToken));
                return kept(page.RootElement.GetProperty("messages").GetArrayLength());
            },
            "retention has swept");
}
