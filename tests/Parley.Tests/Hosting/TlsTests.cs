using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Authentication;
using System.Text.Json;
using Parley.Tests.Api;
using Parley.Tests.Infrastructure;
using Parley.Tests.Seed;

namespace Parley.Tests.Hosting;

/// <summary>
/// TLS and HTTP/2 come from Kestrel's configuration alone: an HTTPS endpoint with a certificate, HTTP/2 negotiated by
/// ALPN. Each test makes its own self-signed certificate, starts the real server with configuration keys only, and talks
/// to it with a client that trusts that certificate and nothing else.
/// </summary>
public sealed class TlsTests : IDisposable
{
    // Headers that name the connection rather than the message: RFC 9113 section 8.2.2 makes a response carrying one
    // malformed, and a browser drops the stream.
    private static readonly string[] ConnectionSpecific = ["Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade"];

    private readonly TestCertificate _certificate = TestCertificate.Create();

    [Fact]
    public async Task A_json_stream_and_a_seed_stream_over_http2_receive_broadcasts_sent_over_http2()
    {
        await using var server = await ParleyServer.StartAsync(TlsClient.Endpoint(_certificate));
        using var client = TlsClient.Create(server, _certificate, HttpVersion.Version20);
        await using var json = await ApiClient.LoginAsync(client, "john");
        await using var seed = await SeedClient.LoginAsync(client, "paul");

        await ApiClient.SendAsync(client, "mary", "all", "hello over h2");
        using var seedSend = await GetAsync(client, "/msg/ann/all%20and%20by%20the%20seed");

        Assert.Equal((HttpVersion.Version20, HttpVersion.Version20), (json.Response.Version, seed.Response.Version));
        Assert.Equal((HttpStatusCode.NoContent, HttpVersion.Version20), (seedSend.StatusCode, seedSend.Version));
        Assert.Equal(("mary", "hello over h2"), await NextMessageAsync(json));
        Assert.Equal(("ann", "and by the seed"), await NextMessageAsync(json));
        Assert.Equal(["mary to all: hello over h2", "ann to all: and by the seed"], await seed.NextDataAsync(2));
    }

    [Fact]
    public async Task Twenty_streams_share_one_http2_connection_and_each_receives_a_broadcast()
    {
        await using var server = await ParleyServer.StartAsync(TlsClient.Endpoint(_certificate));
        var connections = 0;
        using var client = TlsClient.Create(server, _certificate, HttpVersion.Version20, () => Interlocked.Increment(ref connections));
        var streams = new List<SseReader>();
        try
        {
            streams.AddRange(await Task.WhenAll(Enumerable.Range(0, 20).Select(i => ApiClient.LoginAsync(client, $"tab{i}"))));

            await ApiClient.SendAsync(client, "mary", "all", "one connection");

            foreach (var stream in streams)
            {
                Assert.Equal(("mary", "one connection"), await NextMessageAsync(stream));
            }

            Assert.All(streams, stream => Assert.Equal(HttpVersion.Version20, stream.Response.Version));
            Assert.Equal(1, connections);
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_stream_cut_off_for_not_reading_over_http2_leaves_the_other_streams_on_its_connection_open()
    {
        // A 64 KB queue: frozen stops reading, HTTP/2's flow control holds back what the server writes to it, its queue
        // fills and the server cuts it off. On HTTP/2 that resets one stream, not the connection john reads on too.
        var settings = TlsClient.Endpoint(_certificate);
        settings["Parley:Streams:QueueBytes"] = "65536";
        await using var server = await ParleyServer.StartAsync(settings);
        var connections = 0;
        using var client = TlsClient.Create(server, _certificate, HttpVersion.Version20, () => Interlocked.Increment(ref connections));
        await using var john = await ApiClient.LoginAsync(client, "john");
        await using var frozen = await ApiClient.LoginAsync(client, "frozen");

        var text = new string('x', 4000);
        for (var sent = 0; sent < 100 && (await OnlineAsync(client)).Contains("frozen", StringComparison.Ordinal); sent++)
        {
            await ApiClient.SendAsync(client, "mary", "frozen", text);
        }

        await Timeouts.WaitUntilAsync(async () => !(await OnlineAsync(client)).Contains("frozen", StringComparison.Ordinal), "frozen's stream is cut off");
        await ApiClient.SendAsync(client, "mary", "all", "after the cut-off");

        Assert.Equal(("mary", "after the cut-off"), await NextMessageAsync(john));
        Assert.Equal("""[{"nick":"john","streams":1}]""", await OnlineAsync(client));
        Assert.Equal(1, connections);
    }

    [Fact]
    public async Task Http11_over_tls_still_serves_streams_and_sends()
    {
        await using var server = await ParleyServer.StartAsync(TlsClient.Endpoint(_certificate));
        using var client = TlsClient.Create(server, _certificate, HttpVersion.Version11);
        await using var json = await ApiClient.LoginAsync(client, "john");
        await using var seed = await SeedClient.LoginAsync(client, "paul");

        await ApiClient.SendAsync(client, "mary", "all", "hello over TLS");

        Assert.Equal((HttpVersion.Version11, HttpVersion.Version11), (json.Response.Version, seed.Response.Version));
        Assert.Equal(("mary", "hello over TLS"), await NextMessageAsync(json));
        Assert.Equal("mary to all: hello over TLS", await seed.NextDataAsync());
    }

    [Fact]
    public async Task An_endpoint_limited_to_http11_refuses_an_http2_only_client()
    {
        // The client offers only h2 by ALPN, the endpoint only http/1.1: the server ends the handshake before it shows
        // its certificate, so the client never gets as far as checking it.
        await using var server = await ParleyServer.StartAsync(TlsClient.Endpoint(_certificate, protocols: "Http1"));
        var http2Checks = new List<SslPolicyErrors>();
        using var http2 = TlsClient.Create(server, _certificate, HttpVersion.Version20, certificateChecked: http2Checks.Add);
        using var http11 = TlsClient.Create(server, _certificate, HttpVersion.Version11);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(http2, "/api/health"));
        using var health = await GetAsync(http11, "/api/health");

        Assert.Equal(HttpRequestError.SecureConnectionError, refused.HttpRequestError);
        Assert.IsType<AuthenticationException>(refused.InnerException);
        Assert.Empty(http2Checks);
        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version11), (health.StatusCode, health.Version));
    }

    [Fact]
    public async Task A_client_pinned_to_another_certificate_fails_the_handshake()
    {
        // The same name, addresses and usage, another key: only the pin tells the two certificates apart.
        using var other = TestCertificate.Create();
        await using var server = await ParleyServer.StartAsync(TlsClient.Endpoint(_certificate));
        var elsewhereChecks = new List<SslPolicyErrors>();
        using var pinnedElsewhere = TlsClient.Create(server, other, HttpVersion.Version20, certificateChecked: elsewhereChecks.Add);
        using var pinnedHere = TlsClient.Create(server, _certificate, HttpVersion.Version20);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => GetAsync(pinnedElsewhere, "/api/health"));
        using var health = await GetAsync(pinnedHere, "/api/health");

        Assert.Equal(HttpRequestError.SecureConnectionError, refused.HttpRequestError);
        Assert.IsType<AuthenticationException>(refused.InnerException);
        Assert.Equal([SslPolicyErrors.RemoteCertificateChainErrors], elsewhereChecks);
        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version20), (health.StatusCode, health.Version));
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_secure()
    {
        await using var server = await ParleyServer.StartAsync(TlsClient.Endpoint(_certificate));
        using var client = TlsClient.Create(server, _certificate, HttpVersion.Version20);

        using var response = await client.PostAsJsonAsync("/api/session", new { nick = "mary" }, TestContext.Current.CancellationToken)
            .WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("parley_session=", cookie, StringComparison.Ordinal);
        Assert.Equal(
            ["expires", "httponly", "path=/", "samesite=strict", "secure"],
            cookie.Split("; ").Skip(1).Select(attribute => attribute.Split('=')[0] == "expires" ? "expires" : attribute).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Streams_the_page_and_sends_over_http2_carry_no_connection_specific_headers()
    {
        await using var server = await ParleyServer.StartAsync(TlsClient.Endpoint(_certificate));
        using var client = TlsClient.Create(server, _certificate, HttpVersion.Version20);
        await using var json = await ApiClient.LoginAsync(client, "john");
        await using var seed = await SeedClient.LoginAsync(client, "paul");
        using var page = await GetAsync(client, "/");
        using var send = await ApiClient.PostAsync(client, "mary", "all", "hello");
        using var seedSend = await GetAsync(client, "/msg/ann/all%20hello");

        foreach (var response in new[] { json.Response, seed.Response, page, send, seedSend })
        {
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Equal([], ConnectionSpecific.Where(name => response.Headers.NonValidated.Contains(name) || response.Content.Headers.NonValidated.Contains(name)));
        }
    }

    [Fact]
    public async Task A_seed_send_of_the_longest_text_fits_in_an_http2_request()
    {
        // 4000 euro signs, each %E2%82%AC in the path: 36,000 bytes of :path, past HTTP/2's 16 KB default for one header.
        await using var server = await ParleyServer.StartAsync(TlsClient.Endpoint(_certificate));
        using var client = TlsClient.Create(server, _certificate, HttpVersion.Version20);
        await using var seed = await SeedClient.LoginAsync(client, "paul");
        var text = new string('€', 4000);

        using var send = await GetAsync(client, "/msg/ann/all%20" + Uri.EscapeDataString(text));

        Assert.Equal(HttpStatusCode.NoContent, send.StatusCode);
        Assert.Equal("ann to all: " + text, await seed.NextDataAsync());
    }

    [Fact]
    public async Task Urls_with_https_use_kestrels_default_certificate_from_a_pfx()
    {
        await using var server = await ParleyServer.StartAsync(
            new Dictionary<string, string?>
            {
                ["Kestrel:Certificates:Default:Path"] = _certificate.PfxPath,
                ["Kestrel:Certificates:Default:Password"] = TestCertificate.PfxPassword,
            },
            url: new Uri("https://127.0.0.1:0"));
        using var client = TlsClient.Create(server, _certificate, HttpVersion.Version20);

        using var health = await GetAsync(client, "/api/health");

        Assert.Equal(Uri.UriSchemeHttps, server.BaseAddress.Scheme);
        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version20, "Healthy"), (health.StatusCode, health.Version, await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    public void Dispose() => _certificate.Dispose();

    private static Task<string> OnlineAsync(HttpClient client) =>
        client.GetStringAsync("/api/users/online", TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path) =>
        client.GetAsync(path, TestContext.Current.CancellationToken).WaitAsync(Timeouts.Default, TestContext.Current.CancellationToken);

    /// <summary>The sender and text of the next message event, skipping joins and departures.</summary>
    private static async Task<(string From, string Text)> NextMessageAsync(SseReader stream)
    {
        while (true)
        {
            var block = await stream.NextEventAsync();
            if (SseReader.FieldOf(block, "event") == "message")
            {
                using var data = JsonDocument.Parse(SseReader.DataOf(block));
                return (data.RootElement.GetProperty("from").GetString()!, data.RootElement.GetProperty("text").GetString()!);
            }
        }
    }
}
