using Microsoft.Extensions.DependencyInjection;
using Parley.Chat;
using Parley.Seed;
using Parley.Tests.Infrastructure;
using Parley.Tests.Streams;

namespace Parley.Tests.Diagnostics;

/// <summary>What waits in the streams' queues, and the slow readers cut off, as <c>/metrics</c> shows them.</summary>
public sealed class StreamQueueMetricsTests
{
    // 64 + "bob" + "all" + 4,000 characters: what one long broadcast counts against each queue.
    private const int LongMessageBytes = 4_070;

    [Fact]
    public async Task The_queue_gauges_show_the_bytes_waiting_in_all_streams_and_in_the_fullest()
    {
        await using var server = await ParleyServer.StartAsync();
        var hub = server.Services.GetRequiredService<ChatHub>();
        var text = new string('x', 4_000);
        var first = Connect(server, hub, "idle1");
        for (var i = 0; i < 8; i++)
        {
            Assert.Null((await server.SendAsync("bob", "all", text)).Rejection);
        }

        var second = Connect(server, hub, "idle2");
        for (var i = 0; i < 8; i++)
        {
            Assert.Null((await server.SendAsync("bob", "all", text)).Rejection);
        }

        var scrape = await MetricsScrape.ScrapeAsync(server.BaseAddress);

        Assert.Equal(24 * LongMessageBytes, scrape.Value("parley_streams_queued_bytes"));
        Assert.Equal(16 * LongMessageBytes, scrape.Value("parley_streams_queued_max_bytes"));
        Assert.Equal(2, scrape.Value("parley_nicks_online"));
        Assert.Null(first.DropReason ?? second.DropReason);
    }

    [Fact]
    [Trait("Category", "Slow")] // seconds of sending to fill the socket's buffers first
    public async Task A_slow_reader_cut_off_over_its_queue_budget_is_counted_once_under_queue_full()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Streams:QueueBytes"] = "65536",

            // Only the queue may cut it off: no write is given up on while the test runs.
            ["Parley:Streams:StallTimeout"] = "01:00:00",
            ["Parley:Streams:WriteTimeout"] = "01:00:00",
        });
        using var stalled = await StalledClient.OpenAsync(server.BaseAddress, "/frozen");
        await MetricsScrape.ScrapeUntilAsync(server.BaseAddress, s => s.Value("parley_streams_open", ("format", "seed")) == 1, "the stream open");

        // The socket's buffers take what they take (it differs between machines); then 16 long messages fill the queue.
        var text = new string('x', 4_000);
        var sent = 0;
        var scrape = await MetricsScrape.ScrapeAsync(server.BaseAddress);
        while (scrape.Value("parley_streams_closed_total", ("reason", "queue_full")) == 0)
        {
            Assert.True(sent < 20_000, $"no cut-off after {sent} messages of 4,000 characters:\n{scrape.Text}");
            for (var i = 0; i < 100; i++, sent++)
            {
                Assert.Null((await server.SendAsync("bob", "all", text)).Rejection);
            }

            scrape = await MetricsScrape.ScrapeAsync(server.BaseAddress);
        }

        // The queue gauges may still show a walk of the queues made within the last second (ChatMetrics.QueueReadingLifetime).
        scrape = await MetricsScrape.ScrapeUntilAsync(server.BaseAddress, s => s.Value("parley_streams_queued_bytes") == 0, "the cut-off stream's queue gone");
        Assert.Equal(1, scrape.Value("parley_streams_closed_total", ("format", "seed"), ("reason", "queue_full")));
        Assert.Single(scrape.Samples, sample => sample.Name == "parley_streams_closed_total");
        Assert.Equal(0, scrape.Value("parley_streams_open", ("format", "seed")));
        Assert.Equal(0, scrape.Value("parley_streams_queued_bytes"));
        Assert.Equal(0, scrape.Value("parley_nicks_online"));
    }

    private static Subscriber Connect(ParleyServer server, ChatHub hub, string nick)
    {
        // A stream the hub routes to and nobody drains: its queue holds exactly what was sent to it.
        var subscriber = new Subscriber(nick, server.Services.GetRequiredService<SeedEventEncoder>(), 1_000_000, "test");
        Assert.Null(hub.Connect(subscriber).Rejection);
        return subscriber;
    }
}
