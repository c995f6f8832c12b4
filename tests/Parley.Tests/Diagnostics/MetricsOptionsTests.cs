using System.Net;
using Microsoft.Extensions.Options;
using Parley.Diagnostics;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Diagnostics;

/// <summary><c>Parley:Metrics</c>: whether <c>/metrics</c> is served, and on which port.</summary>
public sealed class MetricsOptionsTests
{
    [Fact]
    public async Task With_metrics_turned_off_there_is_no_scrape_at_metrics()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Metrics:Enabled"] = "false" });

        var (status, body) = await GetMetricsAsync(server.BaseAddress, host: null);

        Assert.NotEqual(HttpStatusCode.OK, status); // /metrics is then just a path, which the seed's /{nick} refuses without an SSE accept
        Assert.DoesNotContain("parley_", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_answer_on_the_port_named_in_Parley_Metrics_Port_and_not_on_the_public_one()
    {
        await using var server = await StartWithMetricsPortAsync();
        var (publicPort, metricsPort) = (server.Addresses[0], server.Addresses[1]);

        var (elsewhere, _) = await GetMetricsAsync(publicPort, host: null);
        var (named, body) = await GetMetricsAsync(metricsPort, host: null);

        Assert.Equal(HttpStatusCode.NotAcceptable, elsewhere); // the seed's /{nick} without an SSE accept
        Assert.Equal(HttpStatusCode.OK, named);
        Assert.Contains("parley_streams_queued_bytes", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Host_header_naming_the_metrics_port_sent_to_the_public_port_gets_no_metrics()
    {
        await using var server = await StartWithMetricsPortAsync();
        var (publicPort, metricsPort) = (server.Addresses[0], server.Addresses[1]);

        var (status, body) = await GetMetricsAsync(publicPort, host: $"x:{metricsPort.Port}");
        var (sameHostOnItsPort, _) = await GetMetricsAsync(metricsPort, host: $"x:{metricsPort.Port}");

        Assert.Equal(HttpStatusCode.NotAcceptable, status);
        Assert.DoesNotContain("parley_", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sameHostOnItsPort);
    }

    [Fact]
    public async Task A_metrics_port_out_of_range_stops_the_server_from_starting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ParleyServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Metrics:Port"] = "70000",
        }));

        Assert.Equal(typeof(MetricsOptions), failure.OptionsType);
    }

    private static Task<ParleyServer> StartWithMetricsPortAsync()
    {
        var metrics = ParleyServer.FreeLoopbackUrl();
        return ParleyServer.StartAsync(new Dictionary<string, string?>
        {
            ["Urls"] = $"http://127.0.0.1:0;{metrics.GetLeftPart(UriPartial.Authority)}",
            ["Parley:Metrics:Port"] = metrics.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AllowedHosts"] = "*", // so that only the port can keep the request from /metrics
        });
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetMetricsAsync(Uri server, string? host)
    {
        using var client = new HttpClient { BaseAddress = server };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
