using Parley.Tests.Cluster;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Diagnostics;

/// <summary>On Redis, every round trip the store and the shared presence make is counted and timed by operation.</summary>
public sealed class RedisMetricsTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task A_stream_and_a_send_on_Redis_count_one_presence_open_and_one_append()
    {
        await using var server = await ParleyServer.StartAsync(RedisNodes.Settings(redis.Server, RedisNodes.NewPrefix()));
        using var client = server.CreateClient();
        await using var ann = await SeedClient.LoginAsync(client, "ann");

        await SeedClient.SendAsync(server, "ann", "all%20hi");
        Assert.Equal("ann to all: hi", await ann.NextDataAsync());

        var scrape = await MetricsScrape.ScrapeAsync(server.BaseAddress);
        Assert.Equal(1, scrape.Value("parley_redis_operation_duration_seconds_count", ("operation", "presence_open")));
        Assert.Equal(1, scrape.Value("parley_redis_operation_duration_seconds_count", ("operation", "append")));
        Assert.Equal(1, scrape.Value("parley_store_commit_duration_seconds_count"));
        Assert.DoesNotContain(scrape.Samples, sample => sample.Name.StartsWith("parley_redis_", StringComparison.Ordinal) && sample.Labels.ContainsKey("error_type"));
    }
}
