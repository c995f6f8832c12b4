using System.Net;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Diagnostics;

/// <summary>Reads a server's <c>GET /metrics</c> as Prometheus does.</summary>
internal static class MetricsScrape
{
    public static async Task<PrometheusText> ScrapeAsync(Uri server)
    {
        using var client = new HttpClient { BaseAddress = server };
        using var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /metrics answered {(int)response.StatusCode}: {text}");
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return PrometheusText.Parse(text);
    }

    /// <summary>
    /// Scrapes until <paramref name="settled"/> holds: a stream counts what it delivered once its flush completed, a moment
    /// after its reader may already have the bytes.
    /// </summary>
    public static async Task<PrometheusText> ScrapeUntilAsync(Uri server, Func<PrometheusText, bool> settled, string what)
    {
        var scrape = await ScrapeAsync(server);
        var deadline = DateTime.UtcNow + Timeouts.Default;
        while (!settled(scrape))
        {
            Assert.True(DateTime.UtcNow < deadline, $"/metrics never showed {what}:\n{scrape.Text}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
            scrape = await ScrapeAsync(server);
        }

        return scrape;
    }
}
