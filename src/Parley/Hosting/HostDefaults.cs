using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;

namespace Parley.Hosting;

/// <summary>
/// <c>AllowedHosts</c> when it is not configured: the hosts of the addresses Parley listens on, so a page of another
/// name that its DNS points at this server (DNS rebinding: evil.example resolving to 127.0.0.1) is refused by ASP.NET
/// Core's host filtering with a 400. ASP.NET Core alone would allow any host. A listener on any address (<c>*</c>,
/// <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) leaves the name unknown, and so allows any host, saying so in the log.
/// </summary>
internal sealed class HostDefaults(IConfiguration configuration, ILoggerFactory loggers) : IConfigureOptions<HostFilteringOptions>
{
    private static readonly string[] Loopback = ["localhost", "127.0.0.1", "[::1]"];

    public void Configure(HostFilteringOptions options)
    {
        // Configured explicitly: ASP.NET Core's own fallback, which runs after this, reads it.
        if (!string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
        {
            return;
        }

        var urls = ListenUrls(configuration);
        var logger = loggers.CreateLogger<HostDefaults>();
        var hosts = urls.Select(HostsOf).ToList();
        if (hosts.Any(names => names is null))
        {
            options.AllowedHosts = ["*"];
            SecurityLog.AnyHostAllowed(logger, urls);
            return;
        }

        options.AllowedHosts = [.. hosts.SelectMany(names => names!).Distinct(StringComparer.OrdinalIgnoreCase)];
        SecurityLog.HostsAllowed(logger, options.AllowedHosts, urls);
    }

    /// <summary>Where Kestrel listens: <c>Urls</c>, or its own endpoints, which win over <c>Urls</c> when there are any.</summary>
    private static List<string> ListenUrls(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"]).OfType<string>().ToList();
        if (endpoints.Count > 0)
        {
            return endpoints;
        }

        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return urls.Count > 0 ? urls : ["*"]; // HTTP_PORTS and the like listen on every address
    }

    /// <summary>The Host names a listener answers to; null when it listens on any address, or where no name can be told.</summary>
    private static IEnumerable<string>? HostsOf(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return null; // Kestrel refuses it at start with the reason; host filtering need not guess
        }

        if (address.IsUnixPipe || address.IsNamedPipe || address.Host is "*" or "+" or "" or "0.0.0.0" or "[::]")
        {
            return null;
        }

        var host = address.Host;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)))
        {
            return Loopback; // a browser's "localhost" reaches 127.0.0.1 and [::1] alike
        }

        return [host];
    }
}
