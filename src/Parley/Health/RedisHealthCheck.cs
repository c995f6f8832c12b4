using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parley.Redis;

namespace Parley.Health;

/// <summary>
/// Ready while the node's Redis connection is up (the multiplexer says so; it reconnects by itself). The store check
/// makes the round trip; this one also covers the subscription that brings other nodes' messages.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not connected to Redis"));
}
