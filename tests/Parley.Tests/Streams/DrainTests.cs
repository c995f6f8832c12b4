using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
    public async Task A_seed_stream_asked_for_while_the_server_stops_gets_503_with_a_retry_after_in_the_window()
    {
        await using var server = await ParleyServer.StartAsync(OneToThreeSeconds);

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication(); // what SIGTERM does first
        var refused = await RawHttp.GetAsync(server.BaseAddress, "/john", "Accept: text/event-stream");

        Assert.Equal((503, "text/plain; charset=utf-8"), (refused.Status, refused.Header("Content-Type")));
        Assert.InRange(int.Parse(refused.Header("Retry-After")!, CultureInfo.InvariantCulture), 1, 3);
        Assert.Equal("this server is stopping and opens no new streams; connect again after the Retry-After delay\n", refused.Text);
    }

    [Fact]
    public async Task A_json_stream_asked_for_while_the_server_stops_gets_a_503_problem_with_retry_after_and_sends_are_still_answered()
    {
        await using var server = await ParleyServer.StartAsync(OneToThreeSeconds);
        var cookie = await server.GuestCookieAsync("mary");

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        var refused = await RawHttp.GetAsync(server.BaseAddress, "/api/events?nick=mary", "Accept: text/event-stream", $"Cookie: {cookie}");
        var send = await RawHttp.GetAsync(server.BaseAddress, "/msg/paul/all%20still%20taken");

        Assert.Equal((503, "application/problem+json"), (refused.Status, refused.Header("Content-Type")));
        Assert.InRange(int.Parse(refused.Header("Retry-After")!, CultureInfo.InvariantCulture), 1, 3);
        Assert.Contains("\"title\":\"Server stopping\"", refused.Text, StringComparison.Ordinal);
        Assert.Equal(204, send.Status);
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
}
