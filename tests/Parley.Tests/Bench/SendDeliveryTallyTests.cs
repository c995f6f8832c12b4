using System.Text;
using Parley.Bench.Modes;

namespace Parley.Tests.Bench;

public sealed class SendDeliveryTallyTests
{
    [Fact]
    public void Nothing_before_the_ready_marker_counts()
    {
        var tally = Receive(3, "mary: hello 0", "Welcome john!", "mary: ready abc-0", "mary: hello 1");

        Assert.True(tally.Ready.IsCompleted);
        Assert.Equal(1, tally.Delivered);
    }

    [Fact]
    public void Every_text_once_completes_the_delivery()
    {
        var tally = Receive(3, "mary: ready abc-0", "mary: hello 2", "mary: hello 0", "mary: hello 1");

        Assert.True(tally.AllDelivered.IsCompleted);
        Assert.Equal([3, 0], [tally.Delivered, tally.Duplicated]);
    }

    [Fact]
    public void A_text_received_twice_counts_as_one_delivery_and_one_duplicate()
    {
        var tally = Receive(3, "mary: ready abc-0", "mary: hello 1", "mary: hello 1");

        Assert.False(tally.AllDelivered.IsCompleted);
        Assert.Equal([1, 1], [tally.Delivered, tally.Duplicated]);
    }

    [Fact]
    public void Later_markers_other_senders_and_texts_out_of_range_are_ignored()
    {
        var tally = Receive(3, "mary: ready abc-0", "mary: ready abc-1", "paul: hello 0", "mary: hello 3", "mary: hello 1x", "mary: hello -1");

        Assert.Equal([0, 0], [tally.Delivered, tally.Duplicated]);
    }

    private static SendDeliveryTally Receive(int sends, params string[] data)
    {
        var tally = new SendDeliveryTally(sends, "mary: ", "ready abc");
        foreach (var line in data)
        {
            tally.OnData(Encoding.UTF8.GetBytes(line));
        }

        return tally;
    }
}
