using Microsoft.Extensions.Options;
using Parley.Chat;

namespace Parley.Streams;

/// <summary>
/// What a node does with streams once it is told to stop (SIGTERM, Ctrl+C: the host's <c>ApplicationStopping</c>):
/// it tells each open one when to come back (an SSE <c>retry:</c>) and ends it, and answers a new one with only such a
/// <c>retry:</c>. The delays are spread at random over <see cref="StreamOptions.RetryJitter"/> so that the clients of
/// a restarted node, or of one leaving a balancer, do not all return in the same second.
/// </summary>
public sealed class StreamDrain(IHostApplicationLifetime lifetime, IOptionsMonitor<StreamOptions> options)
{
    /// <summary>Fires when the node starts to drain; it never stops draining.</summary>
    public CancellationToken Started => lifetime.ApplicationStopping;

    public bool IsDraining => lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>A delay drawn uniformly from [<c>RetryHint</c>, <c>RetryHint + RetryJitter</c>], in whole milliseconds as <c>retry:</c> carries it.</summary>
    public TimeSpan NextRetry()
    {
        var settings = options.CurrentValue;
        var hint = (long)settings.RetryHint.TotalMilliseconds;
        var jitter = (long)settings.RetryJitter.TotalMilliseconds;
        return TimeSpan.FromMilliseconds(hint + Random.Shared.NextInt64(jitter + 1));
    }

    /// <summary>
    /// The answer to a stream request that cannot read a <c>retry:</c> (it does not accept <c>text/event-stream</c>):
    /// 503 with <c>Retry-After</c>. EventSource gets a 200 stream with only the <c>retry:</c> instead, since it gives up
    /// for good on any other status.
    /// </summary>
    public Rejection Refusal() => new(
        RejectionKind.Stopping,
        "server",
        "this server is stopping and opens no new streams; connect again after the Retry-After delay",
        NextRetry());
}

/// <summary>
/// Starts the drain the moment <c>ApplicationStopping</c> fires: wakes every stream's writer loop, which then sees the
/// node stopping and says when to come back (one registration for every stream, through the hub, rather than one per
/// stream on the token). Then holds the stop for <see cref="StreamOptions.DrainDelay"/> before the hosted services
/// (Kestrel's among them) stop: the node keeps listening, unready, while a balancer notices.
/// </summary>
internal sealed class DrainDelay(ChatHub hub, IHostApplicationLifetime lifetime, IOptionsMonitor<StreamOptions> options, TimeProvider time)
    : IHostedLifecycleService, IDisposable
{
    private CancellationTokenRegistration _wakeOnStopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _wakeOnStopping = lifetime.ApplicationStopping.Register(static state => ((ChatHub)state!).WakeEveryStream(), hub);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        var delay = options.CurrentValue.DrainDelay;
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ran out: stop now.
        }
    }

    public void Dispose() => _wakeOnStopping.Dispose();

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
