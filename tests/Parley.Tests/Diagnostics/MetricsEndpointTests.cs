using Parley.Tests.Infrastructure;

namespace Parley.Tests.Diagnostics;

/// <summary>
/// <c>GET /metrics</c> after real traffic over HTTP shows exactly what happened, under the names the Prometheus exporter
/// gives the instruments (dots as underscores, <c>_total</c> on counters, the unit as a suffix).
/// </summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Streams_of_both_protocols_and_the_nicks_online_are_counted()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?>(ChatTraffic.Settings));
        await using var traffic = await ChatTraffic.RunAsync(server);

        var scrape = await MetricsScrape.ScrapeAsync(server.BaseAddress);

        Assert.Equal(1, scrape.Value("parley_streams_open", ("format", "seed")));
        Assert.Equal(1, scrape.Value("parley_streams_open", ("format", "json")));
        Assert.Equal(2, scrape.Value("parley_nicks_online"));
        Assert.DoesNotContain("parley_streams_closed_total", scrape.Names);
    }

    [Fact]
    public async Task Messages_are_counted_as_accepted_by_kind_and_delivery_and_as_delivered_per_stream()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?>(ChatTraffic.Settings));
        await using var traffic = await ChatTraffic.RunAsync(server);

        var scrape = await MetricsScrape.ScrapeUntilAsync(
            server.BaseAddress, s => s.Value("parley_messages_delivered_total", ("kind", "direct")) == 3, "three direct deliveries");

        Assert.Equal(1, scrape.Value("parley_messages_accepted_total", ("kind", "all"), ("delivery", "online")));
        Assert.Equal(1, scrape.Value("parley_messages_accepted_total", ("kind", "direct"), ("delivery", "online")));
        Assert.Equal(1, scrape.Value("parley_messages_accepted_total", ("kind", "direct"), ("delivery", "stored")));
        Assert.Equal(2, scrape.Value("parley_messages_delivered_total", ("kind", "all"))); // ann's and bob's streams
        Assert.Equal(3, scrape.Value("parley_messages_delivered_total", ("kind", "direct"))); // ann and bob's copy; ann's offline notice
        Assert.Equal(1, scrape.Value("parley_messages_delivered_total", ("kind", "presence"))); // bob's arrival, to ann
    }

    [Fact]
    public async Task Each_commit_is_timed_and_its_batch_counted()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?>(ChatTraffic.Settings));
        await using var traffic = await ChatTraffic.RunAsync(server);

        var scrape = await MetricsScrape.ScrapeAsync(server.BaseAddress);

        // Three sends, each answered before the next was made: three commits of one message each. The refused send never reached the store.
        Assert.Equal(3, scrape.Value("parley_store_commit_duration_seconds_count"));
        Assert.Equal(3, scrape.Value("parley_store_commit_batch_size_count"));
        Assert.Equal(3, scrape.Value("parley_store_commit_batch_size_sum"));
        Assert.Equal(3, scrape.Value("parley_store_commit_batch_size_bucket", ("le", "1")));
        Assert.True(scrape.Value("parley_store_commit_duration_seconds_sum") > 0, "a commit takes some time");
    }

    [Fact]
    public async Task A_send_refused_by_a_send_limit_is_counted_under_send()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?>(ChatTraffic.Settings));
        await using var traffic = await ChatTraffic.RunAsync(server);

        var scrape = await MetricsScrape.ScrapeAsync(server.BaseAddress);

        Assert.Equal(1, scrape.Value("parley_limits_refused_total", ("limit", "send")));
        Assert.Single(scrape.Samples, sample => sample.Name == "parley_limits_refused_total");
    }

    [Fact]
    public async Task The_requests_and_the_runtime_are_measured_too_but_not_the_scrapes()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?>(ChatTraffic.Settings));
        await using var traffic = await ChatTraffic.RunAsync(server);
        await MetricsScrape.ScrapeAsync(server.BaseAddress);

        var scrape = await MetricsScrape.ScrapeAsync(server.BaseAddress);

        Assert.Equal(1, scrape.Value("http_server_request_duration_seconds_count", ("http_route", "/msg/{from}/{**rest}"), ("http_response_status_code", "429")));
        Assert.DoesNotContain(scrape.Samples, sample => sample.Name.StartsWith("http_server_", StringComparison.Ordinal)
            && sample.Labels.GetValueOrDefault("http_route") == "/metrics");
        Assert.Contains("dotnet_gc_collections_total", scrape.Names);
    }
}
