using System.Net;
using Parley.Tests.Cluster;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Health;

[Trait("Category", "Slow")]
public sealed class RedisReadinessTests
{
    [Fact]
    public async Task Readyz_answers_200_on_redis_503_naming_redis_while_it_is_down_and_200_once_it_is_back()
    {
        await using var redis = await RedisServer.StartAsync();
        var nodes = await RedisNodes.StartAsync(redis, 1);
        await using var node = nodes[0];

        var up = await Probe.GetAsync(node, "/readyz");
        await redis.KillAsync();
        var down = await Probe.UntilReadinessIsAsync(node, HttpStatusCode.ServiceUnavailable);
        await redis.StartAgainAsync();
        var back = await Probe.UntilReadinessIsAsync(node, HttpStatusCode.OK, Timeouts.UnderLoad);

        Assert.Equal(200, up.Status);
        Assert.Equal(["store=Healthy", "redis=Healthy", "streams=Healthy"], Probe.Checks(up));
        Assert.Contains("redis=Unhealthy", Probe.Checks(down));
        Assert.Equal(["store=Healthy", "redis=Healthy", "streams=Healthy"], Probe.Checks(back));
    }
}
