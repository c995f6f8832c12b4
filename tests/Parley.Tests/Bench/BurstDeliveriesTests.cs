using Parley.Bench.Modes;

namespace Parley.Tests.Bench;

public sealed class BurstDeliveriesTests
{
    [Fact]
    public void A_burst_every_stream_got_once_passes_and_says_so()
    {
        var check = new BurstDeliveries(20, 400, 400, 0, 0, 20, null).ToCheck();

        Assert.Equal(
            ("every stream got every burst broadcast once", true, "400 of 400 deliveries arrived, 0 more than once, 0 stray; 20 of 20 broadcasts accepted"),
            (check.Name, check.Passed, check.Detail));
    }

    [Theory]
    [InlineData(399, 0, 0, 20)]
    [InlineData(400, 1, 0, 20)]
    [InlineData(400, 0, 1, 20)]
    [InlineData(400, 0, 0, 19)]
    public void A_loss_a_duplicate_a_stray_or_a_refused_publish_fails_it(long delivered, long duplicated, long stray, int accepted)
    {
        Assert.False(new BurstDeliveries(20, 400, delivered, duplicated, stray, accepted, null).ToCheck().Passed);
    }

    [Fact]
    public void The_first_publish_failure_is_in_the_detail()
    {
        var check = new BurstDeliveries(2, 20, 10, 0, 0, 1, "broadcast 1 answered 'HTTP/1.1 429'").ToCheck();

        Assert.EndsWith("1 of 2 broadcasts accepted; first failure: broadcast 1 answered 'HTTP/1.1 429'", check.Detail, StringComparison.Ordinal);
    }
}
