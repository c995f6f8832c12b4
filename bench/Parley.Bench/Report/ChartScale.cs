namespace Parley.Bench.Report;

/// <summary>Maps data to pixels: a logarithmic scale for subscribers, a linear one from zero for the figures.</summary>
internal sealed record ChartScale(double Low, double High, double PixelLow, double PixelHigh, bool Logarithmic)
{
    public double ToPixel(double value)
    {
        var fraction = Logarithmic
            ? (Math.Log10(value) - Math.Log10(Low)) / (Math.Log10(High) - Math.Log10(Low))
            : (value - Low) / (High - Low);
        return PixelLow + (fraction * (PixelHigh - PixelLow));
    }

    /// <summary>Whole decades around the data, never narrower than 100 to 10,000 (the subscriber counts the issue asks for).</summary>
    public static ChartScale Subscribers(IEnumerable<double> values, double pixelLow, double pixelHigh)
    {
        var positive = values.Where(v => v > 0).ToList();
        var low = Math.Min(100, positive.DefaultIfEmpty(100).Min());
        var high = Math.Max(10_000, positive.DefaultIfEmpty(10_000).Max());
        return new ChartScale(Math.Pow(10, Math.Floor(Math.Log10(low))), Math.Pow(10, Math.Ceiling(Math.Log10(high))), pixelLow, pixelHigh, true);
    }

    /// <summary>From zero to a round number at or above the highest value, in steps of 1, 2 or 5 times a power of ten.</summary>
    public static (ChartScale Scale, double Step) FromZero(IEnumerable<double> values, double pixelLow, double pixelHigh)
    {
        var highest = values.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var step = NiceStep(highest > 0 ? highest / 5 : 0.2);
        var top = Math.Max(step, Math.Ceiling(highest / step) * step);
        return (new ChartScale(0, top, pixelLow, pixelHigh, false), step);
    }

    /// <summary>The decade marks (100, 1,000, 10,000) of a logarithmic scale.</summary>
    public IEnumerable<double> Decades()
    {
        for (var decade = Low; decade <= High * 1.000001; decade *= 10)
        {
            yield return decade;
        }
    }

    private static double NiceStep(double rough)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var scaled = rough / power;
        return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
    }
}
