using System.Text;

namespace Parley.Bench.Report;

/// <summary>One panel of the fan-out chart: a figure against subscribers, one line per server with min–max whiskers.</summary>
internal sealed record ChartPanel(string Id, string Title, string YLabel, IReadOnlyList<ChartSeries> Series)
{
    private const double MarginLeft = 78;
    private const double MarginRight = 36;
    private const double MarginTop = 44;
    private const double MarginBottom = 58;

    public void Write(StringBuilder svg, double left, double top, double width, double height)
    {
        var (plotLeft, plotRight) = (left + MarginLeft, left + width - MarginRight);
        var (plotTop, plotBottom) = (top + MarginTop, top + height - MarginBottom);
        var x = ChartScale.Subscribers(Series.SelectMany(s => s.Points).Select(p => p.Subscribers), plotLeft, plotRight);
        var (y, step) = ChartScale.FromZero(Series.SelectMany(s => s.Points).Select(p => p.Value.Max), plotBottom, plotTop);

        svg.Append($"""  <g id="{Id}">""").Append('\n');
        svg.Append($"""    <text x="{SvgText.Px(left + (width / 2))}" y="{SvgText.Px(top + 22)}" text-anchor="middle" font-size="16" font-weight="bold">{SvgText.Escape(Title)}</text>""").Append('\n');
        WriteYAxis(svg, y, step, plotLeft, plotRight);
        WriteXAxis(svg, x, plotTop, plotBottom);
        svg.Append($"""    <line x1="{SvgText.Px(plotLeft)}" y1="{SvgText.Px(plotBottom)}" x2="{SvgText.Px(plotRight)}" y2="{SvgText.Px(plotBottom)}" stroke="#374151"/>""").Append('\n');
        svg.Append($"""    <line x1="{SvgText.Px(plotLeft)}" y1="{SvgText.Px(plotTop)}" x2="{SvgText.Px(plotLeft)}" y2="{SvgText.Px(plotBottom)}" stroke="#374151"/>""").Append('\n');
        svg.Append($"""    <text x="{SvgText.Px((plotLeft + plotRight) / 2)}" y="{SvgText.Px(top + height - 14)}" text-anchor="middle">subscribers (log scale)</text>""").Append('\n');
        var yLabelX = left + 18;
        var yLabelY = (plotTop + plotBottom) / 2;
        svg.Append($"""    <text x="{SvgText.Px(yLabelX)}" y="{SvgText.Px(yLabelY)}" text-anchor="middle" transform="rotate(-90 {SvgText.Px(yLabelX)} {SvgText.Px(yLabelY)})">{SvgText.Escape(YLabel)}</text>""").Append('\n');
        if (Series.All(s => s.Points.Count == 0))
        {
            svg.Append($"""    <text x="{SvgText.Px((plotLeft + plotRight) / 2)}" y="{SvgText.Px(yLabelY)}" text-anchor="middle" fill="#6b7280">not measured</text>""").Append('\n');
        }

        foreach (var series in Series.Where(s => s.Points.Count > 0))
        {
            WriteSeries(svg, series, x, y);
        }

        svg.Append("  </g>\n");
    }

    private static void WriteYAxis(StringBuilder svg, ChartScale y, double step, double plotLeft, double plotRight)
    {
        var ticks = (int)Math.Round(y.High / step);
        for (var i = 0; i <= ticks; i++)
        {
            var value = i * step;
            var py = SvgText.Px(y.ToPixel(value));
            svg.Append($"""    <line x1="{SvgText.Px(plotLeft)}" y1="{py}" x2="{SvgText.Px(plotRight)}" y2="{py}" stroke="#e5e7eb"/>""").Append('\n');
            svg.Append($"""    <text x="{SvgText.Px(plotLeft - 8)}" y="{py}" text-anchor="end" dominant-baseline="middle">{SvgText.Compact(value)}</text>""").Append('\n');
        }
    }

    private static void WriteXAxis(StringBuilder svg, ChartScale x, double plotTop, double plotBottom)
    {
        foreach (var decade in x.Decades())
        {
            // Lighter lines at 2..9 times each decade make the scale read as logarithmic.
            for (var multiple = 2; multiple <= 9 && decade * multiple < x.High; multiple++)
            {
                var minor = SvgText.Px(x.ToPixel(decade * multiple));
                svg.Append($"""    <line x1="{minor}" y1="{SvgText.Px(plotTop)}" x2="{minor}" y2="{SvgText.Px(plotBottom)}" stroke="#f3f4f6"/>""").Append('\n');
            }

            var px = SvgText.Px(x.ToPixel(decade));
            svg.Append($"""    <line x1="{px}" y1="{SvgText.Px(plotTop)}" x2="{px}" y2="{SvgText.Px(plotBottom)}" stroke="#e5e7eb"/>""").Append('\n');
            svg.Append($"""    <text x="{px}" y="{SvgText.Px(plotBottom + 20)}" text-anchor="middle">{ReportNumber.Format(decade)}</text>""").Append('\n');
        }
    }

    private void WriteSeries(StringBuilder svg, ChartSeries series, ChartScale x, ChartScale y)
    {
        var name = Servers.Display(series.Server);
        var dash = series.Dash is { } pattern ? $""" stroke-dasharray="{pattern}" """ : " ";
        var points = string.Join(" ", series.Points.Select(p => $"{SvgText.Px(x.ToPixel(p.Subscribers))},{SvgText.Px(y.ToPixel(p.Value.Median))}"));
        svg.Append($"""    <g id="{Id}-{series.Server}" stroke="{series.Color}" fill="{series.Color}">""").Append('\n');
        svg.Append($"""      <polyline points="{points}" fill="none" stroke-width="2.5"{dash}/>""").Append('\n');
        foreach (var (subscribers, value) in series.Points)
        {
            var px = x.ToPixel(subscribers);
            var (low, high, middle) = (SvgText.Px(y.ToPixel(value.Min)), SvgText.Px(y.ToPixel(value.Max)), y.ToPixel(value.Median));
            svg.Append($"""      <g><title>{SvgText.Escape($"{name}, {ReportNumber.Format(subscribers)} subscribers: {value}")}</title>""").Append('\n');
            svg.Append($"""        <line x1="{SvgText.Px(px)}" y1="{low}" x2="{SvgText.Px(px)}" y2="{high}" stroke-width="1.5"/>""").Append('\n');
            svg.Append($"""        <line x1="{SvgText.Px(px - 5)}" y1="{low}" x2="{SvgText.Px(px + 5)}" y2="{low}" stroke-width="1.5"/>""").Append('\n');
            svg.Append($"""        <line x1="{SvgText.Px(px - 5)}" y1="{high}" x2="{SvgText.Px(px + 5)}" y2="{high}" stroke-width="1.5"/>""").Append('\n');
            svg.Append("        ").Append(Marker(series.Server, px, middle)).Append('\n');
            svg.Append("      </g>\n");
        }

        svg.Append("    </g>\n");
    }

    /// <summary>A circle for Parley, a square for Nchan: the shapes tell the lines apart in grey print too.</summary>
    public static string Marker(string server, double px, double py) => server == Servers.Parley
        ? $"""<circle cx="{SvgText.Px(px)}" cy="{SvgText.Px(py)}" r="4.5"/>"""
        : $"""<rect x="{SvgText.Px(px - 4.5)}" y="{SvgText.Px(py - 4.5)}" width="9" height="9"/>""";
}
