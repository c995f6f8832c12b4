using Parley.Bench.Report;

namespace Parley.Tests.Bench;

public sealed class SpreadTests
{
    [Fact]
    public void An_odd_number_of_rounds_has_the_middle_value_as_median() =>
        Assert.Equal(new Spread(20, 10, 90, 3), Spread.Of([90, 10, 20]));

    [Fact]
    public void An_even_number_of_rounds_has_the_mean_of_the_two_middle_values_as_median() =>
        Assert.Equal(new Spread(25, 10, 90, 4), Spread.Of([30, 90, 10, 20]));

    [Fact]
    public void One_round_is_its_own_median_min_and_max() =>
        Assert.Equal(new Spread(7, 7, 7, 1), Spread.Of([7]));

    [Fact]
    public void Values_that_are_not_finite_are_not_counted() =>
        Assert.Equal(new Spread(2, 1, 3, 3), Spread.Of([1, double.NaN, 3, double.PositiveInfinity, 2]));

    [Fact]
    public void No_values_is_no_spread() => Assert.Null(Spread.Of([]));

    [Fact]
    public void A_spread_prints_as_median_then_min_to_max() =>
        Assert.Equal("39.4 (36.8–42.7)", new Spread(39.392, 36.825, 42.702, 3).ToString());

    [Fact]
    public void A_spread_whose_rounds_agree_prints_only_the_median() =>
        Assert.Equal("10,000", new Spread(10_000, 10_000, 10_000, 3).ToString());
}
