using System.Globalization;
using System.Security;

namespace Parley.Bench.Report;

/// <summary>Numbers and text as the chart writes them: invariant, rounded to a tenth of a pixel, escaped.</summary>
internal static class SvgText
{
    public static string Px(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static string Escape(string text) => SecurityElement.Escape(text);

    /// <summary>Axis labels short enough for the margin: 1.5M, 250k, 12, 0.5.</summary>
    public static string Compact(double value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.##", CultureInfo.InvariantCulture) + "M",
        >= 10_000 => (value / 1_000).ToString("0.##", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("#,0.###", CultureInfo.InvariantCulture),
    };
}
