using Microsoft.Extensions.Options;
using Parley.Chat;

namespace Parley.Streams;

/// <summary>
/// One clock for every stream's heartbeat, as Kestrel keeps one heartbeat for every connection: four times an interval
/// it wakes the streams that have been quiet for a whole interval, and each writes a comment. A timer per stream cost
/// every idle stream a timer, a cancellation registration and a task, renewed at every wake. A stream hears its
/// heartbeat between one interval and a quarter more of quiet.
/// </summary>
internal sealed class HeartbeatClock(ChatHub hub, IOptionsMonitor<StreamOptions> options, TimeProvider time) : BackgroundService
{
    private const int TicksPerInterval = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.CurrentValue.HeartbeatInterval;
        using var ticks = new PeriodicTimer(interval / TicksPerInterval, time);
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken))
            {
                var quietSince = time.GetTimestamp() - (long)(interval.TotalSeconds * time.TimestampFrequency);
                hub.WakeQuietStreams(quietSince);
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }
}
