using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Parley.Chat;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

[Collection(LoadTests.Name)]
[Trait("Category", "Slow")]
public sealed class SlowConsumerTests
{
    private const int Readers = 10;
    private const int PerSender = 2_500;

    private static readonly string[] Senders = ["s0", "s1", "s2", "s3"];

    [Fact]
    public async Task A_stalled_reader_is_cut_off_while_ten_readers_receive_every_broadcast_once_in_order()
    {
        var cancel = TestContext.Current.CancellationToken;

        // A clock that never moves: no write timeout and no heartbeats, only the full queue can drop a stream. A budget of
        // 1 MiB is more than all 10,000 broadcasts weigh together (64 plus a dozen characters each), so a reader that reads
        // is never over it however far behind two busy cores leave it, while the stalled one fills it with 4 KB fillers.
        // Small send buffers: the stalled socket takes a few KB before it pushes back, whatever this machine's TCP buffers
        // are, and the fillers go on until the counter moves rather than for a count that fills them.
        await using var server = await ParleyServer.StartAsync(
            new Dictionary<string, string?> { ["Parley:Streams:QueueBytes"] = "1048576" }, new FakeTimeProvider(), smallSendBuffers: true);
        using var queueFull = new ClosedStreamsCounter(server, "queue_full");
        using var client = server.CreateClient();
        var nicks = Enumerable.Range(0, Readers).Select(i => $"r{i}").ToArray();
        var streams = new List<SseReader>();
        try
        {
            for (var i = 0; i < Readers; i++)
            {
                streams.Add(await SseReader.OpenAsync(client, i % 2 == 0 ? $"/{nicks[i]}" : $"/api/events?nick={nicks[i]}"));
            }

            using var stalled = await StalledClient.OpenAsync(server.BaseAddress, "/api/events?nick=stalled");
            await Timeouts.WaitUntilAsync(
                () => server.LogEntriesOf(LogEvents.StreamOpened).Any(entry => Equals(entry["Nick"], "stalled")), "the stalled stream is open");

            var reading = streams.Select((stream, i) => SeedWords.ReadBroadcastsAsync(stream, nicks[i], Senders.Length * PerSender)).ToArray();
            using var sendClient = server.CreateClient();
            var sending = Senders.Select((sender, i) => Broadcasts.SendAsync(sendClient, sender, PerSender, viaSeed: i % 2 == 1))
                .Append(FillUntilCutOffAsync(sendClient, queueFull));
            await Task.WhenAll(sending).WaitAsync(Timeouts.UnderLoad, cancel);
            var received = await Task.WhenAll(reading).WaitAsync(Timeouts.UnderLoad, cancel);

            foreach (var (texts, nick) in received.Zip(nicks))
            {
                Broadcasts.AssertCompleteAndInOrder(texts, Senders, PerSender, nick);
                Assert.Single(texts, text => text == "stalled has left.");
                Assert.Equal(received[0].Where(Broadcasts.IsBroadcast), texts.Where(Broadcasts.IsBroadcast)); // one order for all
            }

            (int, object?, object?, object?)[] logged =
            [
                (LogEvents.StreamCutOff, "stalled", stalled.Address, StreamCloseReason.QueueFull),
                (LogEvents.StreamClosed, "stalled", stalled.Address, StreamCloseReason.QueueFull),
            ];
            await Timeouts.WaitUntilAsync(() => CutOffEntries(server).Count >= 2, "the stalled stream's cut-off and close are logged");
            Assert.Equal(logged, CutOffEntries(server));
            Assert.Equal(1, queueFull.Total);
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    // The counter moves once the cut-off stream's loop has ended, a moment after the hub dropped it, so a
    // few more fillers may wait in the mailbox of the then offline nick.
    private static async Task FillUntilCutOffAsync(HttpClient client, ClosedStreamsCounter queueFull)
    {
        var padding = new string('x', 3_900);
        var filling = Stopwatch.StartNew();
        var fillers = 0;
        for (var sent = 0; queueFull.Total == 0; sent++)
        {
            Assert.True(filling.Elapsed < Timeouts.UnderLoad, $"The stalled stream was not cut off after {sent} fillers of 4 KB.");
            await Send.ViaApiAsync(client, "filler", "stalled", $"{sent} {padding}", Timeouts.UnderLoad);
            fillers = sent + 1;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"the stalled stream was cut off after {fillers} fillers of 4 KB");
    }

    /// <summary>Every cut-off and every close logged, as (event id, nick, address, reason): only the stalled stream's.</summary>
    private static List<(int, object?, object?, object?)> CutOffEntries(ParleyServer server) =>
    [
        .. server.LogEntries
            .Where(entry => entry.EventId.Id is LogEvents.StreamCutOff or LogEvents.StreamClosed)
            .Select(entry => (entry.EventId.Id, entry["Nick"], entry["RemoteAddress"], entry["Reason"])),
    ];
}
