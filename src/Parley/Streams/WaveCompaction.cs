using System.Diagnostics;
using System.Runtime;
using Microsoft.Extensions.Options;
using Parley.Chat;

namespace Parley.Streams;

/// <summary>
/// Gives back what a wave of streams left behind: a login storm, a crowd leaving, half the clients reconnecting. An open
/// stream lives long enough to reach the oldest generation, and an idle server allocates too little for the collector
/// to look there again, so what a wave made and dropped stayed: after half of 10,000 streams closed and reopened, a
/// third more than the streams open held (bench/findings.md). Once at least <see cref="StreamOptions.CompactAfterWave"/>
/// streams (and a quarter of those open) have opened or closed since the last time, and the wave has passed (fewer than
/// a tenth of those changes came in the last check), this asks for one full compacting collection, which returns the
/// free memory to the system: one pause per wave, logged with its length.
/// </summary>
internal sealed partial class WaveCompaction(
    ChatHub hub,
    IOptionsMonitor<StreamOptions> options,
    TimeProvider time,
    ILogger<WaveCompaction> logger) : BackgroundService
{
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(Check, time);
        var (_, atLastCompaction) = hub.StreamCounts();
        var atLastCheck = atLastCompaction;
        try
        {
            while (await ticks.WaitForNextTickAsync(stoppingToken))
            {
                var (open, changes) = hub.StreamCounts();
                var threshold = options.CurrentValue.CompactAfterWave;
                var wave = changes - atLastCompaction;
                var lastCheck = changes - atLastCheck;
                atLastCheck = changes;
                if (threshold > 0 && wave >= Math.Max(threshold, open / 4) && lastCheck * 10 < wave)
                {
                    atLastCompaction = changes;
                    Compact(wave, open);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }

    private void Compact(long wave, int open)
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var started = Stopwatch.GetTimestamp();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var took = Stopwatch.GetElapsedTime(started);
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        Compacted(logger, wave, open, before / (1024 * 1024), after / (1024 * 1024), (long)took.TotalMilliseconds);
    }

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Changes} streams opened or closed since the last compaction, {Open} open: the heap was compacted from {BeforeMiB} MiB to {AfterMiB} MiB committed in {PauseMs} ms")]
    private static partial void Compacted(ILogger logger, long changes, int open, long beforeMiB, long afterMiB, long pauseMs);
}
