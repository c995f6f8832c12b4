using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Cluster;

/// <summary>Redis going away for a while: streams stay open, sends fail clearly, and it all resumes by itself.</summary>
[Trait("Category", "Slow")]
public sealed class RedisOutageTests
{
    [Fact]
    public async Task While_redis_is_down_a_send_is_refused_with_503_naming_redis_and_nothing_is_delivered()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = new ChatNodes(await RedisNodes.StartAsync(redis, 2));
        await using var mary = await SeedClient.LoginAsync(nodes.Client(0), "mary", keepIds: true);

        await redis.KillAsync();
        var refused = await RefusedWhileDownAsync(nodes[1]);
        await redis.StartAgainAsync();
        await SendOnceBackAsync(nodes[1], "all%20after");

        Assert.Equal(503, refused.Status);
        Assert.Contains($"Redis at {redis.Endpoint}", refused.Text, StringComparison.Ordinal);
        Assert.Equal("paul to all: after", await NextMessageDataAsync(mary));
    }

    [Fact]
    public async Task Streams_opened_before_an_outage_carry_on_after_it_and_nothing_acknowledged_is_lost()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var nodes = new ChatNodes(await RedisNodes.StartAsync(redis, 2));
        await using var mary = await SeedClient.LoginAsync(nodes.Client(0), "mary", keepIds: true);
        await using var john = await SeedClient.LoginAsync(nodes.Client(1), "john", keepIds: true);
        await nodes.UntilEveryNodeCountsAsync("mary", 1);
        await nodes.UntilEveryNodeCountsAsync("john", 1);
        await SeedClient.SendAsync(nodes[0], "paul", "all%20before");
        Assert.Equal("paul to all: before", await NextMessageDataAsync(john));

        await redis.KillAsync();
        await RefusedWhileDownAsync(nodes[0]);
        await redis.StartAgainAsync();
        await SendOnceBackAsync(nodes[0], "all%20after");

        Assert.Equal("paul to all: before", await NextMessageDataAsync(mary));
        Assert.Equal("paul to all: after", await NextMessageDataAsync(mary));
        Assert.Equal("paul to all: after", await NextMessageDataAsync(john));

        // Read back from Redis's append-only file by a stream that starts from the beginning.
        await using var fromStart = await SseReader.OpenAsync(nodes.Client(1), "/reader?lastEventId=0", keepIds: true);
        Assert.Equal("Welcome reader!", await fromStart.NextDataAsync());
        Assert.StartsWith("now online: ", await fromStart.NextDataAsync(), StringComparison.Ordinal);
        Assert.Equal("paul to all: before", await NextMessageDataAsync(fromStart));
        Assert.Equal("paul to all: after", await NextMessageDataAsync(fromStart));
    }

    private static async Task<RawResponse> RefusedWhileDownAsync(ParleyServer node)
    {
        RawResponse? refused = null;
        await Timeouts.WaitUntilAsync(
            async () => (refused = await RawHttp.GetAsync(node.BaseAddress, "/msg/paul/all%20lost")).Status != 204,
            "a send is refused while Redis is down");
        return refused!;
    }

    /// <summary>Sends as soon as the node is connected again (sends before that are refused, never half-kept).</summary>
    private static async Task SendOnceBackAsync(ParleyServer node, string encoded)
    {
        await Timeouts.WaitUntilAsync(
            async () => (await RawHttp.GetAsync(node.BaseAddress, $"/msg/paul/{encoded}")).Status == 204,
            "a send is accepted once Redis is back",
            Timeouts.UnderLoad);
    }

    private static async Task<string> NextMessageDataAsync(SseReader stream)
    {
        while (true)
        {
            var block = await stream.NextEventAsync(Timeouts.UnderLoad);
            if (SseReader.FieldOf(block, "id") is not null)
            {
                return SseReader.DataOf(block);
            }
        }
    }
}
