using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>A reader that stops reading while the chat is too quiet to fill its queue is dropped by the write timeout.</summary>
public sealed class WriteTimeoutTests
{
    private const int Batch = 10;

    // The stalled socket (the server's send buffer grows to a MB or two on loopback), Kestrel's 64 KB response
    // buffer and a 64 KB batch fill up after about 600 of these 3 KB broadcasts here; this bound is five times that.
    private const int MaxBroadcasts = 3_000;

    // Below the 30 s write timeout, so a flush of the watcher (which is read between steps) never waits
    // through a whole timeout, while a flush that stays pending sees the clock pass 30 s within a few steps.
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stream_whose_flush_stays_pending_past_the_write_timeout_is_dropped_and_announced()
    {
        var time = new FakeTimeProvider();
        await using var server = await ParleyServer.StartAsync(
            new Dictionary<string, string?> { ["Parley:Streams:QueueBytes"] = "1073741824" }, time); // never full here: only the timeout can drop
        using var client = server.CreateClient();
        await using var watcher = await SseReader.OpenAsync(client, "/watcher");
        Assert.Equal(["Welcome watcher!", "now online: "], await watcher.NextDataAsync(2));
        using var slow = await StalledClient.OpenAsync(server.BaseAddress, "/slow");
        Assert.Equal("slow has joined.", await watcher.NextDataAsync());
        var closed = $"Parley.Streams.EventStreamHost: Stream closed for slow from {slow.Address}: WriteTimeout";

        var sent = 0;
        var advanced = TimeSpan.Zero;
        var watched = new List<string>();
        var padding = new string('x', 3_000);
        while (!server.Logs.Contains(closed))
        {
            Assert.True(sent < MaxBroadcasts, $"slow was not dropped after {sent} broadcasts and {advanced} on the clock.");
            for (var i = 0; i < Batch; i++, sent++)
            {
                await Send.ViaApiAsync(client, "mary", "all", $"{sent} {padding}");
            }

            // The watcher reads everything before the clock moves: its own flushes never stay pending.
            while (watched.Count(Broadcasts.IsBroadcast) < sent)
            {
                watched.Add(await watcher.NextDataAsync());
            }

            time.Advance(Step);
            advanced += Step;
        }

        Assert.True(advanced > WriteTimeout, $"slow was dropped after {advanced} on the clock, within the write timeout.");
        Assert.Equal(
            [$"Parley.Streams.EventStreamHost: Stream of slow from {slow.Address} cut off: WriteTimeout; everyone else keeps receiving", closed],
            server.Logs.Where(line => line.Contains("Stream of slow", StringComparison.Ordinal) || line.Contains("Stream closed for slow", StringComparison.Ordinal)));
        using var online = await client.GetAsync("/api/users/online", TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);
        Assert.Equal("""[{"nick":"watcher","streams":1}]""", await online.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        while (!watched.Contains("slow has left."))
        {
            watched.Add(await watcher.NextDataAsync());
        }

        Assert.Single(watched, text => text.EndsWith(" has left.", StringComparison.Ordinal));
    }
}
