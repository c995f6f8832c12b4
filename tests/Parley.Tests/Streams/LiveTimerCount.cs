using Microsoft.Extensions.Time.Testing;

namespace Parley.Tests.Streams;

/// <summary>A fake clock that counts the timers made from it and not yet disposed.</summary>
internal sealed class LiveTimerCount : TimeProvider
{
    private int _live;

    public FakeTimeProvider Clock { get; } = new();

    public int Live => Volatile.Read(ref _live);

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _live);
        return new Counted(Clock.CreateTimer(callback, state, dueTime, period), this);
    }

    private sealed class Counted(ITimer inner, LiveTimerCount count) : ITimer
    {
        private int _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(dueTime, period);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref count._live);
            }

            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
