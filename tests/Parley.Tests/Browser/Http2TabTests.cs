using System.Net;
using Microsoft.Playwright;
using Parley.Tests.Api;
using Parley.Tests.Hosting;
using Parley.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Parley.Tests.Browser;

/// <summary>
/// Over HTTP/2 a browser multiplexes every request to a host on one connection, with no six-connection limit: each tab
/// opens its own stream and no tab relays for another. Over HTTP/1.1, with TLS as without, tabs still share one stream.
/// The server is configured for TLS through Kestrel's keys with a certificate the test makes; the browser context
/// accepts that certificate (Chromium's TLS errors ignored), the test's own client trusts only it.
/// </summary>
[Collection(SharedChromium.Name)]
[Trait("Category", "Slow")]
public sealed class Http2TabTests(Chromium chromium) : IDisposable
{
    private static readonly BrowserNewContextOptions TrustingContext = new() { IgnoreHTTPSErrors = true, ViewportSize = new() { Width = 1024, Height = 700 } };

    private readonly TestCertificate _certificate = TestCertificate.Create();

    [Fact]
    public async Task Over_http2_ten_tabs_each_open_their_own_stream_and_each_shows_a_broadcast_once()
    {
        await using var server = await ParleyServer.StartAsync(TlsClient.Endpoint(_certificate));
        using var client = TlsClient.Create(server, _certificate, HttpVersion.Version20);
        await using var browser = await Person.OpenAsync(chromium, server, TrustingContext);
        var tabs = await TabSharingTests.OpenTabsAsync(browser, server, "/", count: 10);

        await ApiClient.SendAsync(client, "mary", "all", "hello, all ten of you");

        foreach (var tab in tabs)
        {
            Assert.Equal("h2", await NavigationProtocolAsync(tab));
            await Expect(TabSharingTests.LinesWith(tab, "hello, all ten of you")).ToHaveCountAsync(1);
        }

        Assert.Equal("""[{"nick":"john","streams":10}]""", await TabSharingTests.OnlineJsonAsync(client));
    }

    [Fact]
    public async Task Over_http11_with_tls_three_tabs_still_share_one_stream()
    {
        await using var server = await ParleyServer.StartAsync(TlsClient.Endpoint(_certificate, protocols: "Http1"));
        using var client = TlsClient.Create(server, _certificate, HttpVersion.Version11);
        await using var browser = await Person.OpenAsync(chromium, server, TrustingContext);
        var tabs = await TabSharingTests.OpenTabsAsync(browser, server, "/", count: 3);

        await ApiClient.SendAsync(client, "mary", "all", "one for three");

        foreach (var tab in tabs)
        {
            Assert.Equal("http/1.1", await NavigationProtocolAsync(tab));
            await Expect(TabSharingTests.LinesWith(tab, "one for three")).ToHaveCountAsync(1);
        }

        Assert.Equal("""[{"nick":"john","streams":1}]""", await TabSharingTests.OnlineJsonAsync(client));
    }

    public void Dispose() => _certificate.Dispose();

    /// <summary>The protocol the tab's page came over, as the page itself reads it.</summary>
    private static Task<string> NavigationProtocolAsync(IPage tab) =>
        tab.EvaluateAsync<string>("performance.getEntriesByType('navigation')[0].nextHopProtocol");
}
