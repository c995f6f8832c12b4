using Microsoft.Extensions.Time.Testing;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

[Collection(LoadTests.Name)]
[Trait("Category", "Slow")]
public sealed class FanOutTests
{
    private const int Streams = 50;
    private const int PerSender = 100;

    private static readonly string[] Senders = [.. Enumerable.Range(0, 20).Select(i => $"s{i:00}")];

    [Fact]
    public async Task Fifty_streams_receive_every_message_of_twenty_concurrent_senders_once_and_in_each_senders_order()
    {
        var cancel = TestContext.Current.CancellationToken;

        // A clock that never moves: no heartbeats in the way and no write timeout on a busy machine.
        await using var server = await ParleyServer.StartAsync(time: new FakeTimeProvider());
        using var client = server.CreateClient();
        var nicks = Enumerable.Range(0, Streams).Select(i => $"r{i:00}").ToArray();
        var streams = new List<SseReader>();
        try
        {
            for (var i = 0; i < Streams; i++)
            {
                streams.Add(await SseReader.OpenAsync(client, i % 2 == 0 ? $"/{nicks[i]}" : $"/api/events?nick={nicks[i]}"));
            }

            var reading = streams.Select((stream, i) => SeedWords.ReadBroadcastsAsync(stream, nicks[i], Senders.Length * PerSender)).ToArray();
            using var sendClient = server.CreateClient();
            await Task.WhenAll(Senders.Select((sender, i) => Broadcasts.SendAsync(sendClient, sender, PerSender, viaSeed: i % 2 == 1)))
                .WaitAsync(Timeouts.UnderLoad, cancel);
            var received = await Task.WhenAll(reading).WaitAsync(Timeouts.UnderLoad, cancel);

            foreach (var (texts, nick) in received.Zip(nicks))
            {
                Broadcasts.AssertCompleteAndInOrder(texts, Senders, PerSender, nick);
            }
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }
}
