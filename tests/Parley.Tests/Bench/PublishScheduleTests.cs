using System.Diagnostics;
using Parley.Bench.Streams;

namespace Parley.Tests.Bench;

public sealed class PublishScheduleTests
{
    [Fact]
    public void Paced_broadcast_k_is_due_k_over_rate_seconds_after_the_start()
    {
        var schedule = new PublishSchedule(3, ratePerSecond: 4, startTimestamp: 1_000);
        var due = new List<(int, long)>();

        while (schedule.TryTake(out var sequence, out var at))
        {
            due.Add((sequence, at));
        }

        Assert.Equal([(0, 1_000), (1, 1_000 + (Stopwatch.Frequency / 4)), (2, 1_000 + (Stopwatch.Frequency / 2))], due);
    }

    [Fact]
    public void At_rate_0_every_broadcast_is_due_at_the_start()
    {
        var schedule = new PublishSchedule(2, ratePerSecond: 0, startTimestamp: 7);

        Assert.True(schedule.TryTake(out var first, out var firstDue));
        Assert.True(schedule.TryTake(out var second, out var secondDue));
        Assert.False(schedule.TryTake(out _, out _));
        Assert.Equal((0, 7L, 1, 7L), (first, firstDue, second, secondDue));
    }
}
