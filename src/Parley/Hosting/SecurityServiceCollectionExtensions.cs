using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Parley.Hosting;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Security headers on every answer, <c>AllowedHosts</c> from the listen addresses, forwarded headers from known
    /// proxies only, and CORS for configured origins; the pipeline's part is <c>UseForwardedAddresses</c>,
    /// <c>UseCrossOriginSharing</c> and <c>UseCrossSiteRefusal</c>.
    /// </summary>
    public static IServiceCollection AddWebSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // First of all startup filters, so ahead of ASP.NET Core's host filtering (see SecurityHeaders.AheadOfEverything).
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, SecurityHeaders.AheadOfEverything>());
        services.AddSingleton<IConfigureOptions<HostFilteringOptions>, HostDefaults>();
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ForwardedAddresses.FromKnownProxies>();
        services.AddCors();
        return services;
    }
}
