using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Parley.Chat;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>A reader that stops reading while the chat is too quiet to fill its queue is dropped by the write timeout.</summary>
public sealed class WriteTimeoutTests
{
    private const int Batch = 10;

    // Below the 30 s write timeout, so a flush of the watcher (which is read between steps) never waits through a whole
    // timeout, while a flush that stays pending sees the clock pass 30 s within a few steps.
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stream_whose_flush_stays_pending_past_the_write_timeout_is_dropped_and_announced()
    {
        var cancel = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();

        // Only the write timeout can drop here: a budget the test never fills, and the stall timeout as long as the write
        // timeout (a flush pending while messages wait is cut at 5 s by default: StallTimeoutTests). Small send buffers:
        // the stalled socket holds back the server's flushes after a few KB, whatever this machine's TCP buffers are, and the
        // test sends until the counter moves rather than a byte count that fills them.
        await using var server = await ParleyServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Parley:Streams:QueueBytes"] = "1073741824",
                ["Parley:Streams:WriteTimeout"] = "00:00:30",
                ["Parley:Streams:StallTimeout"] = "00:00:30",
            },
            time,
            smallSendBuffers: true);
        using var writeTimeouts = new ClosedStreamsCounter(server, "write_timeout");
        using var client = server.CreateClient();
        await using var watcher = await SseReader.OpenAsync(client, "/watcher");
        Assert.Equal(["Welcome watcher!", "now online: "], await watcher.NextDataAsync(2));
        using var slow = await StalledClient.OpenAsync(server.BaseAddress, "/slow");
        Assert.Equal("slow has joined.", await watcher.NextDataAsync());

        var sent = 0;
        var advanced = TimeSpan.Zero;
        var watched = new List<string>();
        var padding = new string('x', 3_000);
        var sending = Stopwatch.StartNew();
        while (writeTimeouts.Total == 0)
        {
            Assert.True(sending.Elapsed < Timeouts.UnderLoad, $"slow was not dropped after {sent} broadcasts and {advanced} on the clock.");
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

        TestContext.Current.TestOutputHelper?.WriteLine($"slow was dropped after {sent} broadcasts of 3 KB and {advanced} on the clock");
        Assert.True(advanced >= WriteTimeout, $"slow was dropped after {advanced} on the clock, within the write timeout.");
        Assert.Equal(1, writeTimeouts.Total);
        (int, object?, object?, object?)[] logged =
        [
            (LogEvents.StreamCutOff, "slow", slow.Address, StreamCloseReason.WriteTimeout),
            (LogEvents.StreamClosed, "slow", slow.Address, StreamCloseReason.WriteTimeout),
        ];
        await Timeouts.WaitUntilAsync(() => SlowEntries(server).Count == 2, "slow's cut-off and close are logged");
        Assert.Equal(logged, SlowEntries(server));
        using var online = await client.GetAsync("/api/users/online", cancel).WaitAsync(Timeouts.Default, cancel);
        Assert.Equal("""[{"nick":"watcher","streams":1}]""", await online.Content.ReadAsStringAsync(cancel));
        while (!watched.Contains("slow has left."))
        {
            watched.Add(await watcher.NextDataAsync());
        }

        Assert.Single(watched, text => text.EndsWith(" has left.", StringComparison.Ordinal));
    }

    /// <summary>What was logged about slow's stream being cut off and closed, as (event id, nick, address, reason).</summary>
    private static List<(int, object?, object?, object?)> SlowEntries(ParleyServer server) =>
    [
        .. server.LogEntries
            .Where(entry => entry.EventId.Id is LogEvents.StreamCutOff or LogEvents.StreamClosed && Equals(entry["Nick"], "slow"))
            .Select(entry => (entry.EventId.Id, entry["Nick"], entry["RemoteAddress"], entry["Reason"])),
    ];
}
