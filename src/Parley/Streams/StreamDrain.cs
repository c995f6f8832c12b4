using Microsoft.Extensions.Options;
using Parley.Chat;

namespace Parley.Streams;

/// <summary>
/// What a node does with streams once it is told to stop (SIGTERM, Ctrl+C: the host's <c>ApplicationStopping</c>):
/// it opens no new ones (503 with <c>Retry-After</c>), tells each open one when to come back (an SSE <c>retry:</c>) and
/// ends it. The delays are spread at random over <see cref="StreamOptions.RetryJitter"/> so that the clients of a
/// restarted node, or of one leaving a balancer, do not all return in the same second.
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

    /// <summary>The answer to a stream asked for while draining: come back later, here once restarted or on another node.</summary>
    public Rejection Refusal() => new(
        RejectionKind.Stopping,
        "server",
        "this server is stopping and opens no new streams; connect again after the Retry-After delay",
        NextRetry());
}
