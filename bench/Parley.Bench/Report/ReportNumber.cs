using System.Globalization;

namespace Parley.Bench.Report;

/// <summary>
/// Figures as the report prints them: whole numbers with thousands separators from 100 up, three significant
/// digits below. Rounds on a shared machine disagree in the second digit, so more digits would be noise.
/// </summary>
internal static class ReportNumber
{
    public static string Format(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value == 0 ? "0" : value.ToString(CultureInfo.InvariantCulture);
        }

        if (Math.Abs(value) >= 100)
        {
            return value.ToString("#,0", CultureInfo.InvariantCulture);
        }

        var decimals = Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 12);
        return Math.Round(value, decimals).ToString("0.############", CultureInfo.InvariantCulture);
    }
}
