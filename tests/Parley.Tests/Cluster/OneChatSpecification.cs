using System.Globalization;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Cluster;

/// <summary>
/// What a client sees whichever node it lands on. Every behaviour here holds on one node (each entry point the same
/// server) and on several nodes sharing one Redis (each entry point its own node): the backplane specification.
/// </summary>
public abstract class OneChatSpecification
{
    /// <summary><paramref name="count"/> entry points into one chat.</summary>
    protected abstract Task<ChatNodes> StartAsync(int count, IDictionary<string, string?>? settings = null);

    [Fact]
    public async Task An_arrival_on_one_node_is_heard_on_every_node()
    {
        await using var nodes = await StartAsync(3);
        await using var mary = await SeedClient.LoginAsync(nodes.Client(0), "mary", keepIds: true);
        await nodes.UntilEveryNodeCountsAsync("mary", 1);
        await using var paul = await SeedClient.LoginAsync(nodes.Client(2), "paul", keepIds: true);
        Assert.Equal("paul has joined.", await mary.NextDataAsync());
        await nodes.UntilEveryNodeCountsAsync("paul", 1);

        await using var john = await SeedClient.LoginAsync(nodes.Client(1), "john", keepIds: true);

        Assert.Equal("john has joined.", await mary.NextDataAsync());
        Assert.Equal("john has joined.", await paul.NextDataAsync());
    }

    [Fact]
    public async Task The_online_list_names_the_nicks_on_every_node()
    {
        await using var nodes = await StartAsync(3);
        await using var mary = await SeedClient.LoginAsync(nodes.Client(0), "mary", keepIds: true);
        await using var paul = await SeedClient.LoginAsync(nodes.Client(1), "paul", keepIds: true);
        await nodes.UntilEveryNodeCountsAsync("mary", 1);
        await nodes.UntilEveryNodeCountsAsync("paul", 1);

        await using var john = await SseReader.OpenAsync(nodes.Client(2), "/john", keepIds: true);

        Assert.Equal("Welcome john!", await john.NextDataAsync());
        Assert.Equal("now online: mary, paul", await john.NextDataAsync());
    }

    [Fact]
    public async Task A_nick_on_two_nodes_is_online_once_and_leaves_once_after_its_last_stream()
    {
        await using var nodes = await StartAsync(3);
        await using var mary = await SeedClient.LoginAsync(nodes.Client(2), "mary", keepIds: true);
        await nodes.UntilEveryNodeCountsAsync("mary", 1);
        var john = await SeedClient.LoginAsync(nodes.Client(0), "john", keepIds: true);
        var johnElsewhere = await SeedClient.LoginAsync(nodes.Client(1), "john", keepIds: true);
        await nodes.UntilEveryNodeCountsAsync("john", 2);

        await john.DisposeAsync();
        await nodes.UntilEveryNodeCountsAsync("john", 1);
        await SeedClient.SendAsync(nodes[2], "mary", "all%20first");
        await johnElsewhere.DisposeAsync();
        await nodes.UntilEveryNodeCountsAsync("john", 0);
        await SeedClient.SendAsync(nodes[2], "mary", "all%20second");

        Assert.Equal(
            ["john has joined.", "mary to all: first", "john has left.", "mary to all: second"],
            await mary.NextDataAsync(4));
    }

    [Fact]
    public async Task The_online_users_count_the_streams_on_every_node()
    {
        await using var nodes = await StartAsync(3);
        await using var john = await SeedClient.LoginAsync(nodes.Client(0), "john", keepIds: true);
        await using var johnElsewhere = await SeedClient.LoginAsync(nodes.Client(1), "john", keepIds: true);

        await nodes.UntilEveryNodeCountsAsync("john", 2);
    }

    [Fact]
    public async Task The_streams_per_nick_limit_counts_every_node()
    {
        await using var nodes = await StartAsync(3, new Dictionary<string, string?> { ["Parley:Chat:MaxStreamsPerNick"] = "2" });
        await using var john = await SeedClient.LoginAsync(nodes.Client(0), "john", keepIds: true);
        await using var johnElsewhere = await SeedClient.LoginAsync(nodes.Client(1), "john", keepIds: true);

        using var third = await nodes.Client(2).SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/john") { Headers = { { "Accept", "text/event-stream" } } },
            HttpCompletionOption.ResponseHeadersRead,
            TestContext.Current.CancellationToken);

        Assert.Equal(429, (int)third.StatusCode);
        Assert.Contains("2", await third.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broadcast_reaches_every_stream_on_every_node_once_under_one_id()
    {
        await using var nodes = await StartAsync(3);
        var streams = new List<SseReader>();
        for (var i = 0; i < 3; i++)
        {
            streams.Add(await SeedClient.LoginAsync(nodes.Client(i), $"reader{i}", keepIds: true));
            await nodes.UntilEveryNodeCountsAsync($"reader{i}", 1);
        }

        await SeedClient.SendAsync(nodes[1], "sender", "all%20hello");

        var ids = new List<string?>();
        foreach (var stream in streams)
        {
            var block = await NextMessageAsync(stream);
            Assert.Equal("sender to all: hello", SseReader.DataOf(block));
            ids.Add(SseReader.FieldOf(block, "id"));
            await stream.DisposeAsync();
        }

        Assert.Single(ids.Distinct());
        Assert.NotNull(ids[0]);
    }

    [Fact]
    public async Task A_direct_message_reaches_the_recipient_on_another_node_and_echoes_to_the_sender()
    {
        await using var nodes = await StartAsync(3);
        await using var mary = await SeedClient.LoginAsync(nodes.Client(0), "mary", keepIds: true);
        await using var john = await SeedClient.LoginAsync(nodes.Client(2), "john", keepIds: true);
        await nodes.UntilEveryNodeCountsAsync("mary", 1);
        await nodes.UntilEveryNodeCountsAsync("john", 1);

        await SeedClient.SendAsync(nodes[1], "mary", "john%20psst");

        Assert.Equal("mary: psst", SseReader.DataOf(await NextMessageAsync(john)));
        Assert.Equal("You to john: psst", SseReader.DataOf(await NextMessageAsync(mary)));
    }

    [Fact]
    public async Task A_message_for_an_offline_nick_waits_and_is_delivered_once_on_whichever_node_it_comes_to()
    {
        await using var nodes = await StartAsync(3);
        await using var mary = await SeedClient.LoginAsync(nodes.Client(0), "mary", keepIds: true);

        await SeedClient.SendAsync(nodes[0], "mary", "john%20when%20you%20are%20back");
        Assert.Equal("You to john (offline): when you are back", SseReader.DataOf(await NextMessageAsync(mary)));

        var john = await SeedClient.LoginAsync(nodes.Client(1), "john", keepIds: true);
        var waited = await john.NextDataAsync();
        Assert.StartsWith("mary (", waited, StringComparison.Ordinal);
        Assert.EndsWith("): when you are back", waited, StringComparison.Ordinal);
        await john.DisposeAsync();
        await nodes.UntilEveryNodeCountsAsync("john", 0);

        await using var johnAgain = await SeedClient.LoginAsync(nodes.Client(2), "john", keepIds: true);
        await SeedClient.SendAsync(nodes[2], "mary", "all%20next");
        Assert.Equal("mary to all: next", SseReader.DataOf(await NextMessageAsync(johnAgain)));
    }

    [Fact]
    public async Task Every_stream_on_every_node_sees_one_order_with_ids_that_only_grow()
    {
        const int PerSender = 40;
        await using var nodes = await StartAsync(3);
        var readers = new List<SseReader>();
        for (var i = 0; i < 3; i++)
        {
            readers.Add(await SeedClient.LoginAsync(nodes.Client(i), $"reader{i}", keepIds: true));
            await nodes.UntilEveryNodeCountsAsync($"reader{i}", 1);
        }

        await Task.WhenAll(Enumerable.Range(0, 3).Select(node => Task.Run(async () =>
        {
            for (var n = 0; n < PerSender; n++)
            {
                await SeedClient.SendAsync(nodes[node], $"sender{node}", $"all%20{n}");
            }
        })));

        var seen = new List<IReadOnlyList<(long Id, string Text)>>();
        foreach (var reader in readers)
        {
            var messages = new List<(long, string)>();
            while (messages.Count < 3 * PerSender)
            {
                var block = await NextMessageAsync(reader);
                messages.Add((long.Parse(SseReader.FieldOf(block, "id")!, CultureInfo.InvariantCulture), SseReader.DataOf(block)));
            }

            seen.Add(messages);
            await reader.DisposeAsync();
        }

        Assert.Equal(seen[0], seen[1]);
        Assert.Equal(seen[0], seen[2]);
        Assert.Equal(seen[0].Select(message => message.Id).Order(), seen[0].Select(message => message.Id));
        Assert.Equal(3 * PerSender, seen[0].Select(message => message.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_stream_resumes_on_another_node_from_its_last_event_id_with_nothing_missing_or_repeated()
    {
        await using var nodes = await StartAsync(3);
        var john = await SeedClient.LoginAsync(nodes.Client(0), "john", keepIds: true);
        await nodes.UntilEveryNodeCountsAsync("john", 1);
        await SeedClient.SendAsync(nodes[1], "mary", "all%20one");
        var lastSeen = SseReader.FieldOf(await NextMessageAsync(john), "id");
        await john.DisposeAsync();
        await nodes.UntilEveryNodeCountsAsync("john", 0);

        await SeedClient.SendAsync(nodes[1], "mary", "all%20two");
        await SeedClient.SendAsync(nodes[0], "mary", "john%20three");
        await using var resumed = await SseReader.OpenAsync(nodes.Client(2), $"/john?lastEventId={lastSeen}", keepIds: true);
        await SeedClient.SendAsync(nodes[2], "mary", "all%20four");

        Assert.Equal("Welcome john!", await resumed.NextDataAsync());
        Assert.StartsWith("now online:", await resumed.NextDataAsync(), StringComparison.Ordinal);
        Assert.Equal("mary to all: two", SseReader.DataOf(await NextMessageAsync(resumed)));
        Assert.EndsWith("): three", SseReader.DataOf(await NextMessageAsync(resumed)), StringComparison.Ordinal);
        Assert.Equal("mary to all: four", SseReader.DataOf(await NextMessageAsync(resumed)));
    }

    /// <summary>The next event that carries a message (an <c>id:</c>), passing over arrivals and departures.</summary>
    protected static async Task<string> NextMessageAsync(SseReader stream)
    {
        while (true)
        {
            var block = await stream.NextEventAsync();
            if (SseReader.FieldOf(block, "id") is not null)
            {
                return block;
            }
        }
    }
}
