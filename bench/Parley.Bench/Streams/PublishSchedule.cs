using System.Diagnostics;

namespace Parley.Bench.Streams;

/// <summary>
/// Hands out broadcast sequence numbers to publishers, each with the time it is due. Paced runs put
/// broadcast <c>k</c> at <c>start + k / rate</c>: a late send does not push later ones back, so the
/// rate does not drift. Rate 0 means every broadcast is due at once.
/// </summary>
internal sealed class PublishSchedule(int broadcasts, double ratePerSecond, long startTimestamp)
{
    private int _next = -1;

    public bool TryTake(out int sequence, out long dueTimestamp)
    {
        sequence = Interlocked.Increment(ref _next);
        dueTimestamp = ratePerSecond == 0 ? startTimestamp : startTimestamp + (long)(sequence * (Stopwatch.Frequency / ratePerSecond));
        return sequence < broadcasts;
    }

    /// <summary>Waits until <paramref name="dueTimestamp"/>; returns at once when it has passed.</summary>
    public static Task WaitUntilAsync(long dueTimestamp, CancellationToken cancellation)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), dueTimestamp);
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellation) : Task.CompletedTask;
    }
}
