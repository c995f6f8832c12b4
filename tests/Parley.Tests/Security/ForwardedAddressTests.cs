namespace Parley.Tests.Security;

/// <summary>
/// A client's address comes from X-Forwarded-For only when the request arrives from a configured proxy; otherwise any
/// client could pick the address every per-address limit and log line goes by.
/// </summary>
public sealed class ForwardedAddressTests
{
    [Fact]
    public async Task Without_known_proxies_a_clients_x_forwarded_for_is_ignored()
    {
        await using var server = await AddressEchoServer.StartAsync([]);

        Assert.Equal("127.0.0.1", await server.RemoteAddressSeenAsync("X-Forwarded-For: 203.0.113.9"));
    }

    [Fact]
    public async Task Loopback_is_no_known_proxy_unless_configured()
    {
        // ASP.NET Core's forwarded headers trust loopback by default; here the list is exactly what was configured.
        await using var server = await AddressEchoServer.StartAsync(new() { ["Parley:Security:KnownProxies:0"] = "192.0.2.1" });

        Assert.Equal("127.0.0.1", await server.RemoteAddressSeenAsync("X-Forwarded-For: 203.0.113.9"));
    }

    [Fact]
    public async Task From_a_known_proxy_the_forwarded_address_is_the_clients()
    {
        await using var server = await AddressEchoServer.StartAsync(new() { ["Parley:Security:KnownProxies:0"] = "127.0.0.1" });

        Assert.Equal("203.0.113.9", await server.RemoteAddressSeenAsync("X-Forwarded-For: 203.0.113.9"));
    }

    [Fact]
    public async Task From_a_known_network_the_forwarded_address_is_the_clients()
    {
        await using var server = await AddressEchoServer.StartAsync(new() { ["Parley:Security:KnownNetworks:0"] = "127.0.0.0/8" });

        Assert.Equal("203.0.113.9", await server.RemoteAddressSeenAsync("X-Forwarded-For: 203.0.113.9"));
    }

    [Fact]
    public async Task An_address_the_client_wrote_before_the_proxys_is_not_believed()
    {
        // The proxy appends the address it saw; what came before it is the client's own claim.
        await using var server = await AddressEchoServer.StartAsync(new() { ["Parley:Security:KnownProxies:0"] = "127.0.0.1" });

        Assert.Equal("203.0.113.9", await server.RemoteAddressSeenAsync("X-Forwarded-For: 198.51.100.66, 203.0.113.9"));
    }
}
