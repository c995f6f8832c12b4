using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>Everything one nick receives, direct or to all, arrives on each of its streams in the order the hub accepted it.</summary>
public sealed class DirectMessageOrderTests
{
    private const int Messages = 100;

    [Fact]
    public async Task Direct_messages_and_broadcasts_from_one_sender_reach_every_stream_of_the_recipient_in_the_order_sent()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var mary = await SseReader.OpenAsync(client, "/mary");
        Assert.Equal(["Welcome mary!", "now online: "], await SeedWords.NextAsync(mary, "mary", 2));
        await using var john1 = await SseReader.OpenAsync(client, "/john");
        await using var john2 = await SseReader.OpenAsync(client, "/JOHN");
        await using var john3 = await SseReader.OpenAsync(client, "/john");
        Assert.Equal(["Welcome john!", "now online: mary"], await SeedWords.NextAsync(john1, "john", 2));
        Assert.Equal(["Welcome JOHN!", "now online: mary, john"], await SeedWords.NextAsync(john2, "JOHN", 2));
        Assert.Equal(["Welcome john!", "now online: mary, john"], await SeedWords.NextAsync(john3, "john", 2));
        Assert.Equal("john has joined.", await mary.NextDataAsync());

        // Direct and broadcast alternate.
        for (var i = 0; i < Messages; i++)
        {
            await Send.ViaSeedAsync(client, "mary", i % 2 == 0 ? "john" : "all", $"m{i}");
        }

        var toJohn = Enumerable.Range(0, Messages).Select(i => i % 2 == 0 ? $"mary: m{i}" : $"mary to all: m{i}").ToList();
        Assert.Equal(toJohn, await SeedWords.NextAsync(john1, "john", Messages));
        Assert.Equal(toJohn, await SeedWords.NextAsync(john2, "JOHN", Messages));
        Assert.Equal(toJohn, await SeedWords.NextAsync(john3, "john", Messages));
        var toMary = Enumerable.Range(0, Messages).Select(i => i % 2 == 0 ? $"You to john: m{i}" : $"mary to all: m{i}");
        Assert.Equal(toMary, await SeedWords.NextAsync(mary, "mary", Messages));
    }

    [Fact]
    public async Task Messages_from_concurrent_senders_reach_every_stream_of_the_recipient_in_the_order_of_their_ids()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();
        await using var john1 = await SseReader.OpenAsync(client, "/api/events?nick=john");
        await using var john2 = await SseReader.OpenAsync(client, "/api/events?nick=john");
        await using var john3 = await SseReader.OpenAsync(client, "/api/events?nick=john");
        Assert.Equal(["Welcome john!", "now online: "], await SeedWords.NextAsync(john1, "john", 2));
        Assert.Equal(["Welcome john!", "now online: john"], await SeedWords.NextAsync(john2, "john", 2));
        Assert.Equal(["Welcome john!", "now online: john"], await SeedWords.NextAsync(john3, "john", 2));

        var accepted = await Task.WhenAll(SendAlternatingAsync(client, "mary"), SendAlternatingAsync(client, "paul"))
            .WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

        var inIdOrder = accepted.SelectMany(sent => sent).OrderBy(sent => sent.Id).Select(sent => sent.Seen).ToList();
        Assert.Equal(inIdOrder, await SeedWords.NextAsync(john1, "john", inIdOrder.Count));
        Assert.Equal(inIdOrder, await SeedWords.NextAsync(john2, "john", inIdOrder.Count));
        Assert.Equal(inIdOrder, await SeedWords.NextAsync(john3, "john", inIdOrder.Count));
    }

    /// <summary>Direct messages to john and broadcasts, alternating; returns each with the id the hub gave it and how john sees it.</summary>
    private static async Task<List<(long Id, string Seen)>> SendAlternatingAsync(HttpClient client, string sender)
    {
        var sent = new List<(long, string)>();
        for (var i = 0; i < Messages / 2; i++)
        {
            var to = i % 2 == 0 ? "john" : "all";
            var id = await Send.ViaApiAsync(client, sender, to, $"{sender}{i}");
            sent.Add((id, i % 2 == 0 ? $"{sender}: {sender}{i}" : $"{sender} to all: {sender}{i}"));
        }

        return sent;
    }
}
