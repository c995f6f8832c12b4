namespace Parley.Storage.Redis;

/// <summary>
/// An instant as Redis keeps it: whole unix milliseconds (readable, and exact as a sorted-set score) plus the ticks
/// within that millisecond, so every store gives back the instant it was given to the tick.
/// </summary>
internal readonly record struct RedisTime(long Milliseconds, int Ticks)
{
    public static RedisTime Of(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var milliseconds = Math.DivRem(ticks, TimeSpan.TicksPerMillisecond, out var rest);

        // Before 1970 the remainder is negative: floor, so the ticks always count up from the millisecond.
        return rest < 0 ? new(milliseconds - 1, (int)(rest + TimeSpan.TicksPerMillisecond)) : new(milliseconds, (int)rest);
    }

    public DateTimeOffset ToInstant() =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (Milliseconds * TimeSpan.TicksPerMillisecond) + Ticks, TimeSpan.Zero);
}
