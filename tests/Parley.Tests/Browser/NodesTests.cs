using Parley.Tests.Cluster;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>Two pages on two nodes of one chat, each behind its own balancer; one node is killed and its page carries on.</summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class NodesTests(Chromium chromium)
{
    // The retry hint is 3 s, and Chromium waits that long again after a refused attempt.
    private static readonly float ComeBack = (float)TimeSpan.FromSeconds(30).TotalMilliseconds;

    private static readonly TimeSpan NodeTimeout = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Two_pages_on_two_nodes_chat_and_the_page_of_a_killed_node_carries_on_through_the_other_with_nothing_lost()
    {
        await using var redis = await RedisServer.StartAsync();
        var prefix = RedisNodes.NewPrefix();
        using var first = await RedisNodes.StartProcessAsync(redis, prefix, NodeTimeout);
        using var second = await RedisNodes.StartProcessAsync(redis, prefix, NodeTimeout);
        await using var toFirst = new FailoverBalancer(first.BaseAddress!);
        await using var toSecondThenFirst = new FailoverBalancer(second.BaseAddress!, first.BaseAddress!);

        await using var mary = await Person.OpenAsync(chromium, toFirst.BaseAddress);
        await mary.JoinAsync("mary");
        await using var john = await Person.OpenAsync(chromium, toSecondThenFirst.BaseAddress);
        await john.JoinAsync("john");
        await mary.ExpectLineAsync("john joined", "system", "info john joined");
        await john.SayAsync("all hello from the second node");
        await mary.ExpectLineAsync("hello from the second node", "broadcast", "all john: hello from the second node");
        await mary.SayAsync("all hello from the first node");
        await john.ExpectLineAsync("hello from the first node", "broadcast", "all mary: hello from the first node");

        await second.CrashAsync();
        await mary.SayAsync("all said while john's node was gone");
        await mary.SayAsync("john and this one is only for you");

        await Expect(john.LineWith("Connection restored")).ToHaveCountAsync(1, new() { Timeout = ComeBack });
        await john.ExpectLineAsync("said while john's node was gone", "broadcast", "all mary: said while john's node was gone");
        await john.ExpectLineAsync("only for you", "direct-in", "private from mary: and this one is only for you");
        await john.SayAsync("all back through the first node");
        await mary.ExpectLineAsync("back through the first node", "broadcast", "all john: back through the first node");
        await Expect(john.LineWith("said while john's node was gone")).ToHaveCountAsync(1);
        await Expect(mary.LineWith("hello from the second node")).ToHaveCountAsync(1);
    }
}
