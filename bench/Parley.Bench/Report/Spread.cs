namespace Parley.Bench.Report;

/// <summary>
/// One metric over the rounds of one server: the median is the figure to compare, min–max shows how much
/// the rounds disagreed (on a shared 2-core machine they do).
/// </summary>
internal sealed record Spread(double Median, double Min, double Max, int Count)
{
    /// <summary>The spread of the finite values, or null when there are none (the metric was not measured).</summary>
    public static Spread? Of(IEnumerable<double> values)
    {
        var sorted = values.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1], sorted.Length);
    }

    /// <summary><c>median (min–max)</c>, or only the median when every round saw the same value.</summary>
    public override string ToString() =>
        Min == Max ? ReportNumber.Format(Median) : $"{ReportNumber.Format(Median)} ({ReportNumber.Format(Min)}–{ReportNumber.Format(Max)})";
}
