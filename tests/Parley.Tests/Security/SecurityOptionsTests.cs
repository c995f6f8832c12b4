using Microsoft.Extensions.Options;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Security;

/// <summary>A security setting that cannot mean what it says stops the server at start, with the reason.</summary>
public sealed class SecurityOptionsTests
{
    [Theory]
    [InlineData("Parley:Security:AllowedOrigins:0", "https://chat.example.com/chat", "'https://chat.example.com/chat' is not an origin: write scheme, host and an optional port, as in https://chat.example.com")]
    [InlineData("Parley:Security:AllowedOrigins:0", "chat.example.com", "'chat.example.com' is not an origin: write scheme, host and an optional port, as in https://chat.example.com")]
    [InlineData("Parley:Security:KnownProxies:0", "proxy.local", "'proxy.local' is not an IP address")]
    [InlineData("Parley:Security:KnownNetworks:0", "10.0.0.0", "'10.0.0.0' is not a network in CIDR notation, as in 10.0.0.0/8")]
    public async Task A_malformed_security_setting_stops_the_server_with_the_reason(string key, string value, string reason)
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => ParleyServer.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.EndsWith($"with the error: '{reason}'.", Assert.Single(failure.Failures), StringComparison.Ordinal);
    }
}
