using System.Text;

namespace Parley.Bench.Report;

/// <summary>
/// docs/fanout.svg: deliveries per second and p99 latency against subscribers at rate 0, Parley beside Nchan,
/// in two panels. Hand-written SVG, so the tool needs no charting package and the same results give the same bytes.
/// </summary>
internal static class FanoutChart
{
    private const double PanelWidth = 500;
    private const double PanelHeight = 420;
    private const double LegendHeight = 40;

    private static readonly string[] ServersCharted = [Servers.Parley, Servers.Nchan];

    public static string Render(ResultSet results)
    {
        var panels = new[]
        {
            new ChartPanel("deliveries", "Deliveries per second (higher is better)", "deliveries per second", Series(results, "deliveriesPerSec")),
            new ChartPanel("p99", "p99 delivery latency (lower is better)", "p99 latency, ms", Series(results, "p99Ms")),
        };
        var (width, height) = (PanelWidth * panels.Length, PanelHeight + LegendHeight);
        var svg = new StringBuilder();
        svg.Append($"""<svg xmlns="http://www.w3.org/2000/svg" width="{SvgText.Px(width)}" height="{SvgText.Px(height)}" viewBox="0 0 {SvgText.Px(width)} {SvgText.Px(height)}" font-family="Helvetica, Arial, sans-serif" font-size="14" fill="#111827">""").Append('\n');
        svg.Append("  <title>Fan-out: deliveries per second and p99 latency against subscribers, Parley beside Nchan, medians with min–max</title>\n");
        // An opaque background keeps the dark text readable where the page around the image is dark.
        svg.Append("""  <rect width="100%" height="100%" fill="#ffffff"/>""").Append('\n');
        WriteLegend(svg, width);
        for (var i = 0; i < panels.Length; i++)
        {
            panels[i].Write(svg, i * PanelWidth, LegendHeight, PanelWidth, PanelHeight);
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static IReadOnlyList<ChartSeries> Series(ResultSet results, string metric) =>
        [.. ServersCharted.Select(s => ChartSeries.From(results, s, metric))];

    private static void WriteLegend(StringBuilder svg, double width)
    {
        svg.Append("""  <g id="legend">""").Append('\n');
        var left = (width / 2) - 190;
        foreach (var server in ServersCharted)
        {
            var series = new ChartSeries(server, []);
            var dash = series.Dash is { } pattern ? $""" stroke-dasharray="{pattern}" """ : " ";
            svg.Append($"""    <g stroke="{series.Color}" fill="{series.Color}">""").Append('\n');
            svg.Append($"""      <line x1="{SvgText.Px(left)}" y1="22" x2="{SvgText.Px(left + 36)}" y2="22" stroke-width="2.5"{dash}/>""").Append('\n');
            svg.Append("      ").Append(ChartPanel.Marker(server, left + 18, 22)).Append('\n');
            svg.Append("    </g>\n");
            svg.Append($"""    <text x="{SvgText.Px(left + 44)}" y="22" dominant-baseline="middle">{Servers.Display(server)}</text>""").Append('\n');
            left += 120;
        }

        svg.Append($"""    <text x="{SvgText.Px(left)}" y="22" dominant-baseline="middle" fill="#4b5563">median, whiskers min–max</text>""").Append('\n');
        svg.Append("  </g>\n");
    }
}
