using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

[Collection(LoadTests.Name)]
[Trait("Category", "Slow")]
public sealed class SlowConsumerTests
{
    private const int Readers = 10;
    private const int PerSender = 2_500;

    // The server's send buffer alone takes a MB or two on loopback before a stalled socket pushes back, far
    // more than 10,000 short broadcasts. Large direct messages to the stalled nick fill it without loading
    // the ten readers: about 570 of them here; this bound is five times that.
    private const int MaxFillers = 3_000;

    private static readonly string[] Senders = ["s0", "s1", "s2", "s3"];

    [Fact]
    public async Task A_stalled_reader_is_cut_off_while_ten_readers_receive_every_broadcast_once_in_order()
    {
        var cancel = TestContext.Current.CancellationToken;

        // A clock that never moves: no write timeout and no heartbeats, only the full queue can drop a stream.
        // The queue is the default 1,000: on two busy cores a healthy stream here was seen over 256 events
        // behind for a moment, so a smaller queue cut healthy readers off too now and then. The stalled one
        // fills any queue, however large.
        await using var server = await ParleyServer.StartAsync(
            new Dictionary<string, string?> { ["Parley:Streams:QueueCapacity"] = "1000" }, new FakeTimeProvider());
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
                () => server.Logs.Contains($"Parley.Streams.EventStreamHost: Stream opened for stalled from {stalled.Address} (Json)"),
                "the stalled stream is open");

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

            var closed = $"Parley.Streams.EventStreamHost: Stream closed for stalled from {stalled.Address}: QueueFull";
            await Timeouts.WaitUntilAsync(() => server.Logs.Contains(closed), "the stalled stream's close is logged");
            Assert.Equal(
                [$"Parley.Streams.EventStreamHost: Stream of stalled from {stalled.Address} cut off: QueueFull; everyone else keeps receiving", closed],
                server.Logs.Where(line => line.Contains("Stream of ", StringComparison.Ordinal) || line.Contains("Stream closed for ", StringComparison.Ordinal)));
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
        for (var sent = 0; queueFull.Total == 0; sent++)
        {
            Assert.True(sent < MaxFillers, $"The stalled stream was not cut off after {sent} fillers of 4 KB.");
            await Send.ViaApiAsync(client, "filler", "stalled", $"{sent} {padding}", Timeouts.UnderLoad);
        }
    }
}
