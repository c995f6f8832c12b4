using Parley.Tests.Infrastructure;

namespace Parley.Tests.Cluster;

/// <summary>The specification on as many nodes as entry points, sharing one real redis-server: the Redis backplane.</summary>
[Trait("Category", "Slow")] // three nodes and a redis-server per test: CPU the fast set cannot spare
public sealed class RedisNodesChatTests : OneChatSpecification
{
    protected override async Task<ChatNodes> StartAsync(int count, IDictionary<string, string?>? settings = null)
    {
        var redis = await RedisServer.StartAsync();
        return new ChatNodes(await RedisNodes.StartAsync(redis, count, settings), redis);
    }
}
