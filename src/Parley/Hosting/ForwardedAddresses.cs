using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Parley.Hosting;

/// <summary>
/// A client's address and scheme from X-Forwarded-For and X-Forwarded-Proto, believed only when the request comes from a
/// configured proxy (<c>Parley:Security:KnownProxies</c>, <c>KnownNetworks</c>). With none configured the headers are
/// ignored, from anyone: every limit and log line keyed by address sees the connection's own.
/// </summary>
internal static class ForwardedAddresses
{
    /// <summary>The proxies are exactly the configured ones: ASP.NET Core's default trust in loopback goes.</summary>
    public sealed class FromKnownProxies(IOptions<SecurityOptions> security) : IConfigureOptions<ForwardedHeadersOptions>
    {
        public void Configure(ForwardedHeadersOptions options)
        {
            var trusted = security.Value;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();

            // Nothing configured: nothing forwarded is read, even where ASPNETCORE_FORWARDEDHEADERS_ENABLED would have
            // ASP.NET Core believe it from any client.
            options.ForwardedHeaders = trusted.TrustsProxies ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto : ForwardedHeaders.None;
            foreach (var proxy in trusted.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in trusted.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // Walk back through the forwarded addresses while they are known proxies: a chain of configured proxies works,
            // and the first address not on the lists is the client's, whatever the client wrote before it.
            options.ForwardLimit = null;
        }
    }

    /// <summary>Reads forwarded headers when proxies are configured; adds nothing to the pipeline otherwise.</summary>
    public static IApplicationBuilder UseForwardedAddresses(this IApplicationBuilder app)
    {
        var trusted = app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        if (!trusted.TrustsProxies)
        {
            return app;
        }

        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ForwardedAddresses).FullName!);
        SecurityLog.ProxiesTrusted(logger, trusted.KnownProxies, trusted.KnownNetworks);
        return app.UseForwardedHeaders();
    }
}
