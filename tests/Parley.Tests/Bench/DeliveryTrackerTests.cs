using Parley.Bench.Streams;

namespace Parley.Tests.Bench;

public sealed class DeliveryTrackerTests
{
    [Fact]
    public void Broadcasts_never_received_count_as_lost_whatever_the_order_of_the_rest()
    {
        var tracker = new DeliveryTracker(130);

        foreach (var sequence in new[] { 129, 0, 64, 63, 65, 1 })
        {
            tracker.Record(sequence);
        }

        Assert.Equal(6, tracker.Received);
        Assert.Equal(124, tracker.Lost);
        Assert.Equal(0, tracker.Duplicated);
    }

    [Fact]
    public void A_broadcast_received_again_counts_as_duplicated_and_not_as_received()
    {
        var tracker = new DeliveryTracker(3);

        foreach (var sequence in new[] { 0, 1, 1, 2, 0, 1 })
        {
            tracker.Record(sequence);
        }

        Assert.Equal(3, tracker.Received);
        Assert.Equal(0, tracker.Lost);
        Assert.Equal(3, tracker.Duplicated);
    }

    [Fact]
    public void A_sequence_outside_the_run_counts_as_stray_only()
    {
        var tracker = new DeliveryTracker(3);

        tracker.Record(3);
        tracker.Record(-1);

        Assert.Equal(2, tracker.Stray);
        Assert.Equal(0, tracker.Received);
        Assert.Equal(0, tracker.Duplicated);
        Assert.Equal(3, tracker.Lost);
    }
}
