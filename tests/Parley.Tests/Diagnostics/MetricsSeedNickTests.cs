using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Diagnostics;

/// <summary><c>metrics</c> is a nick like any other: an event-stream request for <c>/metrics</c> is the seed's.</summary>
public sealed class MetricsSeedNickTests
{
    [Fact]
    public async Task A_seed_stream_for_the_nick_metrics_opens_where_metrics_are_served()
    {
        await using var server = await ParleyServer.StartAsync();
        using var client = server.CreateClient();

        await using var stream = await SeedClient.LoginAsync(client, "metrics");
        var scrape = await MetricsScrape.ScrapeAsync(server.BaseAddress);

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.ToString());
        Assert.Equal(1, scrape.Value("parley_streams_open", ("format", "seed")));
    }

    [Fact]
    public async Task A_seed_stream_for_the_nick_metrics_opens_on_the_metrics_port_too()
    {
        var metrics = ParleyServer.FreeLoopbackUrl();
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:0;{metrics.GetLeftPart(UriPartial.Authority)}",
            ["Parley:Metrics:Port"] = metrics.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = server.CreateClient();
        client.BaseAddress = server.Addresses[1];

        await using var stream = await SeedClient.LoginAsync(client, "metrics");

        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.ToString());
    }
}
