using Parley.Bench.Report;

namespace Parley.Tests.Bench;

public sealed class ReportNumberTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(11_601.3, "11,601")]
    [InlineData(100, "100")]
    [InlineData(99.94, "99.9")]
    [InlineData(39.392, "39.4")]
    [InlineData(5.084, "5.08")]
    [InlineData(0.7834, "0.783")]
    [InlineData(0.012345, "0.0123")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(4, "4")]
    public void Figures_keep_three_significant_digits_and_group_thousands(double value, string printed) =>
        Assert.Equal(printed, ReportNumber.Format(value));
}
