using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>A server that stops tells its streams when to come back, spread over the jitter window, and opens no new ones.</summary>
public sealed class DrainTests
{
    private static readonly Dictionary<string, string?> OneToThreeSeconds = new()
    {
        ["Parley:Streams:RetryHint"] = "00:00:01",
        ["Parley:Streams:RetryJitter"] = "00:00:02",
    };

    [Fact]
    public async Task Stopping_sends_every_open_stream_a_last_retry_within_hint_and_hint_plus_jitter_spread_over_the_window()
    {
        const int Streams = 200;
        await using var server = await ParleyServer.StartAsync(OneToThreeSeconds);
        using var client = server.CreateClient();
        var streams = new List<SseReader>();
        try
        {
            for (var i = 0; i < Streams; i++)
            {
                var stream = await SseReader.OpenAsync(client, i % 2 == 0 ? $"/n{i}" : $"/api/events?nick=n{i}");
                Assert.Equal(": parley\nretry: 1000", await stream.NextBlockAsync()); // the hint as before, unjittered
                streams.Add(stream);
            }

            var lastBlocks = streams.Select(LastBlockAsync).ToArray();
            await server.StopAsync().WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);
            var last = await Task.WhenAll(lastBlocks).WaitAsync(Timeouts.UnderLoad, TestContext.Current.CancellationToken);

            Assert.All(last, block => Assert.Matches("^retry: [0-9]+$", block));
            var retries = last.Select(block => int.Parse(block["retry: ".Length..], CultureInfo.InvariantCulture)).ToArray();
            Assert.All(retries, retry => Assert.InRange(retry, 1000, 3000));
            Assert.True(retries.Max() - retries.Min() >= 1500, $"retries spread over {retries.Min()}-{retries.Max()} ms only, in a window of 1000-3000");
            Assert.True(retries.Distinct().Count() >= Streams / 2, $"only {retries.Distinct().Count()} different retries among {Streams}");
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task An_open_stream_gets_its_retry_the_moment_stopping_begins()
    {
        await using var server = await ParleyServer.StartAsync(OneToThreeSeconds);
        using var client = server.CreateClient();
        await using var stream = await SseReader.OpenAsync(client, "/john");
        Assert.Equal(": parley\nretry: 1000", await stream.NextBlockAsync());
        var last = LastBlockAsync(stream);

        // Only what SIGTERM does first: the host has not begun to stop its services.
        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Matches("^retry: [0-9]+$", await last.WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_seed_stream_asked_for_while_the_server_stops_gets_200_with_only_a_retry_in_the_window()
    {
        await using var server = await ParleyServer.StartAsync(OneToThreeSeconds);

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication(); // what SIGTERM does first
        var told = await RawHttp.GetAsync(server.BaseAddress, "/john", "Accept: text/event-stream");

        // EventSource fails for good on a 503; on a 200 that ends it comes back after the retry:, which dispatches no event.
        Assert.Equal((200, "text/event-stream"), (told.Status, told.Header("Content-Type")));
        Assert.InRange(RetryOf(Assert.Single(Blocks(told.Text))), 1000, 3000);
    }

    [Fact]
    public async Task A_json_stream_asked_for_while_the_server_stops_gets_200_with_a_bye_and_the_same_retry_and_sends_are_still_answered()
    {
        await using var server = await ParleyServer.StartAsync(OneToThreeSeconds);
        var cookie = await server.GuestCookieAsync("mary");

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var told = await RawHttp.GetAsync(server.BaseAddress, "/api/events?nick=mary", "Accept: text/event-stream", $"Cookie: {cookie}");
        var send = await RawHttp.GetAsync(server.BaseAddress, "/msg/paul/all%20still%20taken");

        Assert.Equal((200, "text/event-stream"), (told.Status, told.Header("Content-Type")));
        var blocks = Blocks(told.Text);
        Assert.Equal(2, blocks.Length);
        var retry = RetryOf(blocks[1]);
        Assert.InRange(retry, 1000, 3000);
        Assert.Equal($"event: bye\ndata: {{\"retry\":{retry}}}", blocks[0]);
        Assert.Equal(204, send.Status);
    }

    [Fact]
    public async Task A_json_stream_request_that_does_not_accept_event_streams_gets_a_503_problem_with_retry_after_while_the_server_stops()
    {
        await using var server = await ParleyServer.StartAsync(OneToThreeSeconds);
        var cookie = await server.GuestCookieAsync("mary");

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var refused = await RawHttp.GetAsync(server.BaseAddress, "/api/events?nick=mary", $"Cookie: {cookie}");

        Assert.Equal((503, "application/problem+json"), (refused.Status, refused.Header("Content-Type")));
        Assert.InRange(int.Parse(refused.Header("Retry-After")!, CultureInfo.InvariantCulture), 1, 3);
        Assert.Contains("\"title\":\"Server stopping\"", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_stream_the_server_ends_as_it_stops_says_bye_with_the_retry_it_then_sends()
    {
        await using var server = await ParleyServer.StartAsync(OneToThreeSeconds);
        using var client = server.CreateClient();
        await using var stream = await SseReader.OpenAsync(client, "/api/events?nick=mary");
        Assert.Equal(": parley\nretry: 1000", await stream.NextBlockAsync());

        await server.StopAsync().WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);
        var blocks = new List<string>();
        while (await stream.NextBlockAsync(Timeouts.UnderLoad) is { } block)
        {
            blocks.Add(block);
        }

        var retry = RetryOf(blocks[^1]);
        Assert.Equal($"event: bye\ndata: {{\"retry\":{retry}}}", blocks[^2]);
    }

    [Fact]
    public async Task Messages_pending_on_a_slow_stream_when_the_server_stops_count_as_delivered_once_the_farewell_goes_out()
    {
        const int Broadcasts = 50;
        await using var server = await ParleyServer.StartAsync(
            new Dictionary<string, string?>(OneToThreeSeconds)
            {
                ["Parley:Streams:QueueBytes"] = "1073741824",
                ["Parley:Streams:StallTimeout"] = "00:00:30",
                ["Parley:Streams:WriteTimeout"] = "00:00:30",
            },
            smallSendBuffers: true);
        using var delivered = new ClosedStreamsCounter(server, "parley.messages.delivered", "kind", "all");
        using var client = server.CreateClient();
        await using var watcher = await SseReader.OpenAsync(client, "/watcher");
        Assert.Equal(["Welcome watcher!", "now online: "], await watcher.NextDataAsync(2));
        using var slow = await StalledClient.OpenAsync(server.BaseAddress, "/slow");
        Assert.Equal("slow has joined.", await watcher.NextDataAsync());

        // 150 KB for a reader that takes nothing: its stream's flush stays pending with messages written into it.
        var padding = new string('x', 3_000);
        for (var i = 0; i < Broadcasts; i++)
        {
            await Send.ViaApiAsync(client, "mary", "all", $"{i} {padding}");
            await watcher.NextDataAsync();
        }

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var read = await slow.ReadToEndAsync(Timeouts.UnderLoad);

        var slowRead = read.Split("\n\n").Count(block => block.Contains("mary to all: ", StringComparison.Ordinal));
        Assert.Matches("retry: [0-9]+\n\n$", read);
        await Timeouts.WaitUntilAsync(() => delivered.Total == Broadcasts + slowRead, $"{Broadcasts} + {slowRead} broadcasts counted as delivered, not {delivered.Total}");
    }

    [Fact]
    public async Task The_drain_delay_lengthens_the_hosts_shutdown_timeout_by_as_much()
    {
        await using var app = ParleyApp.Build(["--urls", "http://127.0.0.1:0"], builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Parley:Store:Kind"] = "memory", ["Parley:Streams:DrainDelay"] = "00:00:10" }));

        Assert.Equal(TimeSpan.FromSeconds(40), app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    /// <summary>The last block before the server ended the stream.</summary>
    private static async Task<string> LastBlockAsync(SseReader stream)
    {
        string? last = null;
        while (await stream.NextBlockAsync(Timeouts.UnderLoad) is { } block)
        {
            last = block;
        }

        return last ?? throw new EndOfStreamException("The stream ended with nothing in it.");
    }

    private static string[] Blocks(string text) => text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

    private static int RetryOf(string block)
    {
        Assert.Matches("^retry: [0-9]+$", block);
        return int.Parse(block["retry: ".Length..], CultureInfo.InvariantCulture);
    }
}
