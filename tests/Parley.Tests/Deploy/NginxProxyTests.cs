using System.Net;
using Parley.Chat;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Protection;
using Parley.Tests.Security;

namespace Parley.Tests.Deploy;

/// <summary>
/// Parley behind nginx with deploy/nginx/parley.conf, Parley believing the proxy at 127.0.0.1 only
/// (<c>Parley:Security:KnownProxies</c>). Clients connect from 127.0.0.2, so the proxy's address and theirs differ, as
/// they do on a real network.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NginxProxyTests : IAsyncLifetime
{
    private const string Client = "127.0.0.2";

    // Buffered, an event would wait in nginx until 4-8 KB had gathered: in this test, never.
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(2);

    private AddressEchoServer? _parley;
    private NginxProxy? _proxy;
    private HttpClient? _client;

    private AddressEchoServer Parley => _parley!;

    private NginxProxy Proxy => _proxy!;

    private HttpClient ThroughProxy => _client!;

    public async ValueTask InitializeAsync()
    {
        NginxProxy.Require();
        _parley = await AddressEchoServer.StartAsync(new()
        {
            ["Parley:Security:KnownProxies:0"] = "127.0.0.1",
            ["Parley:Streams:HeartbeatInterval"] = "00:00:01",
        });
        _proxy = await NginxProxy.StartAsync(Parley.BaseAddress);
        _client = LoopbackClient.Create(Proxy.BaseAddress, Client);
    }

    [Fact]
    public async Task A_message_reaches_an_open_seed_stream_through_the_proxy_at_once()
    {
        await using var john = await SseReader.OpenAsync(ThroughProxy, "/john");
        Assert.Equal(["Welcome john!", "now online: "], await john.NextDataAsync(2));

        using var send = await ThroughProxy.GetAsync("/msg/mary/john%20hello", TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, send.StatusCode);
        Assert.Equal("mary: hello", await john.NextDataAsync(Promptly));
    }

    [Fact]
    public async Task A_message_reaches_an_open_json_stream_through_the_proxy_at_once()
    {
        await using var john = await ApiClient.LoginAsync(ThroughProxy, "john");

        var id = await ApiClient.SendAsync(ThroughProxy, "mary", "john", "hello");

        var message = await john.NextEventAsync(Promptly);
        Assert.Equal("message", SseReader.FieldOf(message, "event"));
        Assert.Equal($"{id}", SseReader.FieldOf(message, "id"));
    }

    [Fact]
    public async Task A_seed_send_of_the_longest_text_passes_through_the_proxy()
    {
        // 4000 euro signs, %E2%82%AC each (encodeURIComponent): a 36,000-byte request line, the longest a seed send of
        // Parley's longest text can be; nginx's default 8k header buffers would answer it with 414.
        await using var john = await SseReader.OpenAsync(ThroughProxy, "/john");
        await john.NextDataAsync(2); // the welcome and the online list
        var text = new string('€', new ChatOptions().MaxTextLength);

        using var send = await ThroughProxy.GetAsync("/msg/mary/john%20" + Uri.EscapeDataString(text), TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, send.StatusCode);
        Assert.Equal("mary: " + text, await john.NextDataAsync(Promptly));
    }

    [Fact]
    public async Task Nginx_refuses_the_percent_u_form_of_escape_that_parley_accepts()
    {
        // escape() writes characters past Latin-1 as %uXXXX; nginx's URI parser answers 400 to it, whatever this file
        // says, before Parley sees the request. Behind nginx seed clients send UTF-8 (the README says so).
        const string Send = "/msg/mary/john%20%u20AC";
        // Raw request lines: HttpClient would escape the % of %u to %25.
        using var direct = LoopbackClient.Create(Parley.BaseAddress, Client);
        await using var john = await SseReader.OpenAsync(direct, "/john");
        await john.NextDataAsync(2); // the welcome and the online list
        var straight = await RawHttp.GetAsync(Parley.BaseAddress, Send).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);
        Assert.Equal((204, "mary: €"), (straight.Status, await john.NextDataAsync()));

        var proxied = await RawHttp.GetAsync(Proxy.BaseAddress, Send).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal(400, proxied.Status);
    }

    [Fact]
    public async Task Metrics_are_not_served_through_the_proxy()
    {
        using var direct = LoopbackClient.Create(Parley.BaseAddress, Client);
        using var scrape = await direct.GetAsync("/metrics", TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

        using var proxied = await ThroughProxy.GetAsync("/metrics", TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (scrape.StatusCode, proxied.StatusCode));
    }

    [Fact]
    public async Task A_quiet_streams_heartbeat_passes_through_the_proxy()
    {
        await using var john = await SseReader.OpenAsync(ThroughProxy, "/john");
        await john.NextDataAsync(2); // the welcome and the online list

        Assert.Equal(":", await john.NextBlockAsync(Promptly + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Through_the_proxy_parley_sees_the_clients_address()
    {
        Assert.Equal(Client, await AddressSeenAsync(ThroughProxy));
    }

    [Fact]
    public async Task An_address_the_client_wrote_itself_is_not_believed_through_the_proxy()
    {
        Assert.Equal(Client, await AddressSeenAsync(ThroughProxy, "203.0.113.9"));
    }

    [Fact]
    public async Task A_forwarded_address_sent_straight_to_parley_is_not_believed()
    {
        using var direct = LoopbackClient.Create(Parley.BaseAddress, Client);

        Assert.Equal(Client, await AddressSeenAsync(direct, "203.0.113.9"));
    }

    [Fact]
    public async Task The_pages_own_origin_is_accepted_through_the_proxy()
    {
        // Parley compares Origin with the scheme and Host it sees: the proxy must pass the browser's Host, port included.
        ThroughProxy.DefaultRequestHeaders.Add("Origin", Proxy.BaseAddress.GetLeftPart(UriPartial.Authority));
        ThroughProxy.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");

        await using var john = await SseReader.OpenAsync(ThroughProxy, "/john");

        Assert.Equal("Welcome john!", await john.NextDataAsync());
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_parley is not null)
        {
            await _parley.DisposeAsync();
        }
    }

    private static async Task<string> AddressSeenAsync(HttpClient client, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, AddressEchoServer.Path);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
