using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parley.Storage;

namespace Parley.Health;

/// <summary>
/// Ready while the store thread answers: a round trip through it, behind the work already queued, never on the socket
/// thread. On Redis the round trip reads Redis too. Probes that arrive while one is on its way share it, so a flood of
/// probes adds one item to the store's queue, not thousands.
/// </summary>
internal sealed class StoreHealthCheck(StoreThread store) : IHealthCheck
{
    private readonly Lock _gate = new();
    private Task<long>? _probe;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Task<long> probe;
        lock (_gate)
        {
            if (_probe is null || _probe.IsCompleted)
            {
                _probe = store.RunAsync(s => s.LastId);
            }

            probe = _probe;
        }

        try
        {
            await probe.WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the store did not answer within {context.Registration.Timeout.TotalMilliseconds:0} ms");
        }
        catch (StoreUnavailableException)
        {
            return HealthCheckResult.Unhealthy("the store is unavailable");
        }
    }
}
