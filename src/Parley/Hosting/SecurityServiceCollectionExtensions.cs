namespace Parley.Hosting;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Security headers on every answer and the settings of <c>Parley:Security</c>; the pipeline's part is
    /// <c>UseCrossSiteRefusal</c>.
    /// </summary>
    public static IServiceCollection AddWebSecurity(this IServiceCollection services)
    {
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // First of all startup filters, so ahead of ASP.NET Core's host filtering (see SecurityHeaders.AheadOfEverything).
        services.Insert(0, ServiceDescriptor.Transient<IStartupFilter, SecurityHeaders.AheadOfEverything>());
        return services;
    }
}
