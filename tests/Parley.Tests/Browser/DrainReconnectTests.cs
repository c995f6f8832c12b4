using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>A page whose server stops comes back when the server said (its jittered retry:), not on a timer of its own.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class DrainReconnectTests(Chromium chromium)
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(8);

    private static readonly Dictionary<string, string?> EightSecondsSharp = new()
    {
        ["Parley:Streams:RetryHint"] = "00:00:08",
        ["Parley:Streams:RetryJitter"] = "00:00:00",
    };

    // Without a message the page would resume from before its first history page, so it reconnects by itself; with one,
    // the browser does. Either way it waits what the stopping server asked.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_page_whose_server_stops_asks_for_its_stream_again_only_after_the_servers_retry(bool messageReceivedFirst)
    {
        await using var server = await ParleyServer.StartAsync(EightSecondsSharp);
        await using var john = await Person.OpenAsync(chromium, server);
        await john.JoinAsync("john");
        if (messageReceivedFirst)
        {
            await john.SayAsync("all before the stop");
            await john.ExpectLineAsync("before the stop", "broadcast", "all you: before the stop");
        }

        var streamRequests = new List<TimeSpan>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        john.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/events", StringComparison.Ordinal))
            {
                lock (streamRequests)
                {
                    streamRequests.Add(clock.Elapsed);
                }
            }
        };

        server.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication(); // what SIGTERM does first
        await Expect(john.Status).ToHaveTextAsync("reconnecting…");
        await Timeouts.WaitUntilAsync(() => { lock (streamRequests) { return streamRequests.Count > 0; } }, "the page asks for its stream again", Timeouts.UnderLoad);
        lock (streamRequests)
        {
            Assert.InRange(streamRequests[0], Retry - TimeSpan.FromSeconds(0.5), Retry + Timeouts.UnderLoad);
        }
    }
}
