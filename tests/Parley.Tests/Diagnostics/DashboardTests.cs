using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Tests.Cluster;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Diagnostics;

/// <summary>
/// The Grafana dashboard in deploy/grafana reads only series that Parley really exposes: every metric name in its
/// queries is in a scrape of a node on Redis after traffic of every kind, so the dashboard and the code cannot drift.
/// </summary>
public sealed partial class DashboardTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static readonly string Dashboard = Path.Combine(RepositoryRoot(), "deploy", "grafana", "parley-dashboard.json");

    [Fact]
    public void The_dashboard_is_JSON_for_a_Prometheus_data_source_chosen_on_import()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var root = json.RootElement;

        Assert.Contains(root.GetProperty("__inputs").EnumerateArray(), input =>
            input.GetProperty("name").GetString() == "DS_PROMETHEUS" && input.GetProperty("pluginId").GetString() == "prometheus");
        var panels = Panels(root).ToList();
        Assert.NotEmpty(panels);
        Assert.All(panels.Where(panel => panel.TryGetProperty("targets", out _)), panel =>
            Assert.Equal("${DS_PROMETHEUS}", panel.GetProperty("datasource").GetProperty("uid").GetString()));
    }

    [Fact]
    public async Task Every_metric_the_dashboard_queries_is_exposed_after_traffic()
    {
        var settings = RedisNodes.Settings(redis.Server, RedisNodes.NewPrefix());
        foreach (var (key, value) in ChatTraffic.Settings)
        {
            settings[key] = value;
        }

        await using var server = await ParleyServer.StartAsync(settings);
        var traffic = await ChatTraffic.RunAsync(server);
        await traffic.DisposeAsync(); // two streams closed

        var scrape = await MetricsScrape.ScrapeUntilAsync(
            server.BaseAddress, s => s.Sum("parley_streams_closed_total", ("reason", "client_disconnected")) == 2, "both streams closed");

        using var json = JsonDocument.Parse(File.ReadAllText(Dashboard));
        var queried = Panels(json.RootElement)
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .SelectMany(target => MetricName().Matches(WithoutLabels(target.GetProperty("expr").GetString()!)).Select(match => match.Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("parley_redis_operation_duration_seconds_bucket", queried);
        Assert.Empty(queried.Except(scrape.Names));
    }

    private static IEnumerable<JsonElement> Panels(JsonElement container)
    {
        if (!container.TryGetProperty("panels", out var panels))
        {
            yield break;
        }

        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            foreach (var inner in Panels(panel))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The query without its label matchers and grouping clauses, whose label names (<c>http_route</c>) are not series.</summary>
    private static string WithoutLabels(string expr) => Grouping().Replace(Matchers().Replace(expr, ""), "");

    [GeneratedRegex(@"\{(?:[^}""]|""(?:[^""\\]|\\.)*"")*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    // The series a query names: Parley's and those of the ASP.NET Core, Kestrel and runtime meters.
    [GeneratedRegex(@"\b(?:parley|http|kestrel|aspnetcore|dotnet)_[a-z0-9_]+")]
    private static partial Regex MetricName();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Parley.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds Parley.slnx.");
    }
}
