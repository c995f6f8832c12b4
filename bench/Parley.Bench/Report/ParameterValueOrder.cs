using System.Globalization;

namespace Parley.Bench.Report;

/// <summary>Orders parameter values as numbers when both are numbers, else by ordinal text; a missing value first.</summary>
internal static class ParameterValueOrder
{
    public static int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        return TryNumber(x, out var a) && TryNumber(y, out var b) && a != b
            ? a.CompareTo(b)
            : string.CompareOrdinal(x, y);
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
