using System.Text;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Parley.Hosting;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

/// <summary>
/// A request naming a Host the server does not answer to is refused with 400, so a DNS-rebinding page (evil.example
/// resolving to 127.0.0.1) cannot talk to a Parley on this machine. By default the hosts are those of the listen addresses.
/// </summary>
public sealed class HostFilteringTests
{
    // ASP.NET Core's host filtering answers with its own fixed page, the same as Http.Sys's.
    private const string InvalidHostname = "<h2>Bad Request - Invalid Hostname</h2>";

    [Fact]
    public async Task A_foreign_host_is_refused_with_400()
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await WithHostAsync(server, "evil.example");

        Assert.Equal((400, "text/html"), (response.Status, response.Header("Content-Type")));
        Assert.Contains(InvalidHostname, response.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("[::1]")]
    public async Task A_loopback_name_is_answered_on_a_loopback_listener(string host)
    {
        await using var server = await ParleyServer.StartAsync();

        var response = await WithHostAsync(server, $"{host}:{server.BaseAddress.Port}");

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Configured_allowed_hosts_replace_the_listen_addresses()
    {
        await using var server = await ParleyServer.StartAsync(new Dictionary<string, string?> { ["AllowedHosts"] = "chat.example.com" });

        var named = await WithHostAsync(server, "chat.example.com");
        var loopback = await WithHostAsync(server, server.BaseAddress.Authority);

        Assert.Equal((200, 400), (named.Status, loopback.Status));
    }

    [Theory]
    [InlineData("http://localhost:8000", "localhost;127.0.0.1;[::1]")]
    [InlineData("http://127.0.0.1:0", "localhost;127.0.0.1;[::1]")]
    [InlineData("http://[::1]:8000", "localhost;127.0.0.1;[::1]")]
    [InlineData("http://chat.example.com:8000;https://chat.example.com:8443", "chat.example.com")]
    [InlineData("http://192.0.2.7:8000;http://localhost:8000", "192.0.2.7;localhost;127.0.0.1;[::1]")]
    [InlineData("http://0.0.0.0:8000", "*")]
    [InlineData("http://[::]:8000", "*")]
    [InlineData("http://*:8000", "*")]
    [InlineData("http://+:8000", "*")]
    [InlineData("http://localhost:8000;http://0.0.0.0:9000", "*")]
    public void The_allowed_hosts_default_to_the_hosts_of_the_listen_addresses(string urls, string allowedHosts)
    {
        Assert.Equal(allowedHosts, string.Join(";", AllowedHostsFor(new() { ["urls"] = urls })));
    }

    [Fact]
    public void Kestrels_own_endpoints_win_over_urls()
    {
        var hosts = AllowedHostsFor(new() { ["urls"] = "http://0.0.0.0:8000", ["Kestrel:Endpoints:Chat:Url"] = "https://chat.example.com:8443" });

        Assert.Equal(["chat.example.com"], hosts);
    }

    private static IList<string> AllowedHostsFor(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new HostFilteringOptions();
        new HostDefaults(configuration, NullLoggerFactory.Instance).Configure(options);
        return options.AllowedHosts;
    }

    private static Task<RawResponse> WithHostAsync(ParleyServer server, string host) => RawHttp.ExchangeAsync(
        server.BaseAddress, Encoding.Latin1.GetBytes($"GET /api/health HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
}
