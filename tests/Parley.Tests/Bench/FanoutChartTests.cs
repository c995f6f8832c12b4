using System.Xml.Linq;
using Parley.Bench.Report;
using Parley.Bench.Results;
using static Parley.Tests.Bench.ResultFixtures;

namespace Parley.Tests.Bench;

public sealed class FanoutChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void The_chart_is_svg_with_a_line_per_server_in_each_panel()
    {
        var chart = XDocument.Parse(FanoutChart.Render(ResultSet.From(Fanout())));

        Assert.Equal(Svg + "svg", chart.Root!.Name);
        Assert.Equal(
            ["deliveries-parley", "deliveries-nchan", "p99-parley", "p99-nchan"],
            chart.Descendants(Svg + "polyline").Select(p => (string)p.Parent!.Attribute("id")!));
    }

    [Fact]
    public void Each_line_has_a_point_per_subscriber_count_on_a_log_scale_at_the_median()
    {
        var chart = XDocument.Parse(FanoutChart.Render(ResultSet.From(Fanout())));

        // 100, 1,000 and 10,000 fall on equal steps of a log scale; 100, 200 and 300 deliveries/s of a 0–300 scale.
        Assert.Equal("78,296 271,190 464,84", Points(chart, "deliveries-parley"));
    }

    [Fact]
    public void Each_point_has_min_max_whiskers_and_says_its_figures()
    {
        var chart = XDocument.Parse(FanoutChart.Render(ResultSet.From(Fanout())));
        var point = Series(chart, "deliveries-parley").Elements(Svg + "g").ElementAt(1);

        Assert.Equal("Parley, 1,000 subscribers: 200 (150–250)", point.Element(Svg + "title")!.Value);
        Assert.Equal(3, point.Elements(Svg + "line").Count());
        Assert.Single(point.Elements(Svg + "circle"));
    }

    [Fact]
    public void Paced_fanout_runs_are_not_charted()
    {
        var paced = Rounds("fanout", "parley", "subscribers=5000 rate=10", "deliveriesPerSec", 1000);
        var chart = XDocument.Parse(FanoutChart.Render(ResultSet.From([.. Fanout(), .. paced])));

        Assert.Equal(3, Points(chart, "deliveries-parley").Split(' ').Length);
    }

    [Fact]
    public void Without_fanout_results_the_chart_says_not_measured_and_draws_no_line()
    {
        var chart = XDocument.Parse(FanoutChart.Render(ResultSet.From([])));

        Assert.Empty(chart.Descendants(Svg + "polyline"));
        Assert.Equal(2, chart.Descendants(Svg + "text").Count(t => t.Value == "not measured"));
    }

    [Fact]
    public void The_legend_names_parley_and_nchan()
    {
        var chart = XDocument.Parse(FanoutChart.Render(ResultSet.From(Fanout())));
        var legend = chart.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "legend");

        Assert.Equal(["Parley", "Nchan", "median, whiskers min–max"], legend.Elements(Svg + "text").Select(t => t.Value));
    }

    private static IEnumerable<ModeResult> Fanout() =>
    [
        .. Rounds("fanout", "parley", "subscribers=100 rate=0", "deliveriesPerSec", 100),
        .. Rounds("fanout", "parley", "subscribers=1000 rate=0", "deliveriesPerSec", 150, 250, 200),
        .. Rounds("fanout", "parley", "subscribers=10000 rate=0", "deliveriesPerSec", 300),
        .. Rounds("fanout", "nchan", "subscribers=100 rate=0", "deliveriesPerSec", 50),
        .. Rounds("fanout", "nchan", "subscribers=1000 rate=0", "deliveriesPerSec", 60),
        .. Rounds("fanout", "nchan", "subscribers=10000 rate=0", "deliveriesPerSec", 70),
        .. Rounds("fanout", "parley", "subscribers=100 rate=0", "p99Ms", 1),
        .. Rounds("fanout", "nchan", "subscribers=10000 rate=0", "p99Ms", 2),
    ];

    private static XElement Series(XDocument chart, string id) =>
        chart.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == id);

    private static string Points(XDocument chart, string id) =>
        (string)Series(chart, id).Element(Svg + "polyline")!.Attribute("points")!;
}
