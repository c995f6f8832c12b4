using System.Diagnostics;
using HdrHistogram;

namespace Parley.Bench.Measure;

/// <summary>
/// Latencies in microseconds, from 1 µs to 10 minutes at three significant digits. Recording is thread-safe
/// and allocation-free, so streams read on any thread can record into one recorder.
/// </summary>
internal sealed class LatencyRecorder
{
    private static readonly long MaxMicros = (long)TimeSpan.FromMinutes(10).TotalMicroseconds;
    private readonly IntConcurrentHistogram _histogram = new(1, MaxMicros, 3);

    public long Count => _histogram.TotalCount;

    /// <summary>Records the time from <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp) to now.</summary>
    public void RecordSince(long startTimestamp) => RecordMicros(Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds);

    public void RecordMicros(double micros) => _histogram.RecordValue(Math.Clamp((long)Math.Round(micros), 1, MaxMicros));

    /// <summary>The latency below which <paramref name="percentile"/> % of recordings fall, in milliseconds (0 when empty).</summary>
    public double PercentileMs(double percentile) =>
        Count == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
}
