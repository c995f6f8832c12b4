using System.Net;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Diagnostics;

/// <summary><c>Parley:Metrics</c>: whether <c>/metrics</c> is served, and on which hosts.</summary>
public sealed class MetricsOptionsTests
{
    [Fact]
    public async Task With_metrics_turned_off_there_is_no_scrape_at_metrics()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Metrics:Enabled"] = "false" });

        var (status, body) = await GetMetricsAsync(server, host: null);

        Assert.NotEqual(HttpStatusCode.OK, status); // /metrics is then just a path, which the seed's /{nick} refuses without an SSE accept
        Assert.DoesNotContain("parley_", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_answer_only_on_the_hosts_named_in_Parley_Metrics_Hosts()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Metrics:Hosts:0"] = "metrics.internal",
            ["AllowedHosts"] = "*",
        });

        var (elsewhere, _) = await GetMetricsAsync(server, host: null);
        var (named, body) = await GetMetricsAsync(server, host: "metrics.internal");

        Assert.NotEqual(HttpStatusCode.OK, elsewhere);
        Assert.Equal(HttpStatusCode.OK, named);
        Assert.Contains("parley_streams_queued_bytes", body, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetMetricsAsync(ParleyServer server, string? host)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (host is not null)
        {
            request.Headers.Host = $"{host}:{server.BaseAddress.Port}";
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
