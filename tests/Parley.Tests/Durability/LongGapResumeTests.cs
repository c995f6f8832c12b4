using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Parley.Chat;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Durability;

/// <summary>A stream that comes back after missing thousands of messages gets each once, in order, and then the live ones.</summary>
[Trait("Category", "Slow")]
public sealed class LongGapResumeTests
{
    [Fact]
    public async Task A_stream_resuming_over_a_gap_of_5000_messages_while_more_arrive_gets_every_one_once_in_order()
    {
        using var data = new DataFolder();
        await using var server = await ParleyServer.StartAsync(data.Settings(), url: data.Url);
        using var client = server.CreateClient();
        var intake = server.Services.GetRequiredService<MessageIntake>();
        var lastSeen = await ApiClient.SendAsync(client, "mary", "all", "seen");

        // Another tab of john's stays open, so his direct messages are delivered live rather than kept in a mailbox.
        await using var otherTab = await ApiClient.LoginAsync(client, "john");

        // Concurrent sends commit in batches; their ids are the order every stream must show them in.
        var gap = await Task.WhenAll(Enumerable.Range(0, 5_000).Select(i => intake.SendAsync("mary", i % 2 == 0 ? "all" : "john", $"gap {i}")));
        Assert.All(gap, sent => Assert.Null(sent.Rejection));

        using var more = new CancellationTokenSource();
        var flowing = SendUntilStoppedAsync(intake, more.Token);
        await using var john = await SseReader.OpenAsync(client, $"/api/events?nick=john&lastEventId={lastSeen.ToString(CultureInfo.InvariantCulture)}");
        await john.NextEventAsync(); // welcome
        await john.NextEventAsync(); // online
        var received = new List<long>();
        for (var i = 0; i < 5_000; i++)
        {
            received.Add(ApiClient.IdOf(await john.NextEventAsync()));
        }

        await more.CancelAsync();
        var whileResuming = await flowing;
        for (var i = 0; i < whileResuming.Count; i++)
        {
            received.Add(ApiClient.IdOf(await john.NextEventAsync()));
        }

        Assert.Equal([.. gap.Select(sent => sent.Message!.Id).Order(), .. whileResuming], received);
    }

    [Fact]
    public async Task A_stream_its_client_drops_three_times_while_messages_flow_misses_none_and_repeats_none()
    {
        using var data = new DataFolder();
        await using var server = await ParleyServer.StartAsync(data.Settings(), url: data.Url);
        using var client = server.CreateClient();
        var john = await ApiClient.LoginAsync(client, "john");
        using var stop = new CancellationTokenSource();
        var sending = SendUntilStoppedAsync(server.Services.GetRequiredService<MessageIntake>(), stop.Token);

        var received = new List<long>();
        try
        {
            for (var drop = 0; drop < 3; drop++)
            {
                for (var i = 0; i < 20; i++)
                {
                    received.Add(ApiClient.IdOf(await john.NextEventAsync()));
                }

                await john.DisposeAsync();
                john = await SseReader.OpenAsync(client, $"/api/events?nick=john&lastEventId={received[^1].ToString(CultureInfo.InvariantCulture)}");
                await john.NextEventAsync(); // welcome
                await john.NextEventAsync(); // online
            }

            await stop.CancelAsync();
            var sent = await sending;
            while (received.Count < sent.Count)
            {
                received.Add(ApiClient.IdOf(await john.NextEventAsync()));
            }

            Assert.Equal(sent, received);
        }
        finally
        {
            await john.DisposeAsync();
        }
    }

    private static async Task<List<long>> SendUntilStoppedAsync(MessageIntake intake, CancellationToken stop)
    {
        var ids = new List<long>();
        for (var i = 0; !stop.IsCancellationRequested || i < 50; i++)
        {
            var sent = await intake.SendAsync("paul", "all", $"flowing {i}");
            ids.Add(sent.Message!.Id);
        }

        return ids;
    }
}
