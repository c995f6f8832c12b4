using System.Net;
using System.Net.Http.Json;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Diagnostics;

/// <summary>Every refusal by an abuse limit is counted in <c>parley.limits.refused</c> under the limit's name.</summary>
public sealed class LimitMetricsTests
{
    [Fact]
    public async Task Refusals_by_the_stream_session_registration_and_login_limits_are_counted_by_limit()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?>
        {
            ["Parley:Chat:MaxStreamsPerNick"] = "1",
            ["Parley:Limits:MaxStreamsPerAddress"] = "2",
            ["Parley:Limits:GuestSessionsPerAddressPerMinute"] = "1",
            ["Parley:Limits:RegistrationsPerAddressPerHour"] = "1",
            ["Parley:Limits:LoginFailures"] = "1",
        });
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = server.BaseAddress };

        await using var ann = await SseReader.OpenAsync(client, "/ann");
        Assert.Equal(HttpStatusCode.TooManyRequests, await OpenStreamAsync(client, "/ann"));
        await using var bob = await SseReader.OpenAsync(client, "/bob");
        Assert.Equal(HttpStatusCode.TooManyRequests, await OpenStreamAsync(client, "/cid"));

        Assert.Equal(HttpStatusCode.OK, await PostAsync(client, "/api/session", new { nick = "dan" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(client, "/api/session", new { nick = "eve" }));

        Assert.Equal(HttpStatusCode.Created, await PostAsync(client, "/api/accounts", new { nick = "fay", password = "correct horse" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(client, "/api/accounts", new { nick = "gus", password = "correct horse" }));

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, "/api/session", new { nick = "fay", password = "wrong horse" }));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync(client, "/api/session", new { nick = "fay", password = "wrong horse" }));

        var scrape = await MetricsScrape.ScrapeAsync(server.BaseAddress);

        Assert.Equal(1, scrape.Value("parley_limits_refused_total", ("limit", "streams_per_nick")));
        Assert.Equal(1, scrape.Value("parley_limits_refused_total", ("limit", "streams_per_address")));
        Assert.Equal(1, scrape.Value("parley_limits_refused_total", ("limit", "guest_start")));
        Assert.Equal(1, scrape.Value("parley_limits_refused_total", ("limit", "registration")));
        Assert.Equal(1, scrape.Value("parley_limits_refused_total", ("limit", "login")));
        Assert.Equal(5, scrape.Sum("parley_limits_refused_total"));
    }

    [Fact]
    public async Task A_send_to_an_offline_nick_with_a_full_mailbox_is_counted_under_mailbox()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["Parley:Chat:MaxStoredPerNick"] = "1" });

        Assert.Null((await server.SendAsync("ann", "carl", "one")).Rejection);
        Assert.NotNull((await server.SendAsync("ann", "carl", "two")).Rejection);

        var scrape = await MetricsScrape.ScrapeAsync(server.BaseAddress);
        Assert.Equal(1, scrape.Value("parley_limits_refused_total", ("limit", "mailbox")));
    }

    private static async Task<HttpStatusCode> OpenStreamAsync(HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken)
            .WaitAsync(Timeouts.Default);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        return response.StatusCode;
    }
}
