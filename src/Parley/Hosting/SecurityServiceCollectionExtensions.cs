namespace Parley.Hosting;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Security headers on every answer.</summary>
    public static IServiceCollection AddWebSecurity(this IServiceCollection services)
    {
        // First of all startup filters, so ahead of ASP.NET Core's host filtering (see SecurityHeaders.AheadOfEverything).
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, SecurityHeaders.AheadOfEverything>());
        return services;
    }
}
