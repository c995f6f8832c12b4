using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parley.Streams;

namespace Parley.Health;

/// <summary>Unready from the moment the node starts to stop, so a balancer sends it no new clients while it drains (see <c>Parley:Streams:DrainDelay</c>).</summary>
internal sealed class DrainHealthCheck(StreamDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.IsDraining ? HealthCheckResult.Unhealthy("the server is stopping: streams are told when to come back") : HealthCheckResult.Healthy());
}
