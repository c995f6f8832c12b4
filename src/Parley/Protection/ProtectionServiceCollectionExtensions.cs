namespace Parley.Protection;

public static class ProtectionServiceCollectionExtensions
{
    /// <summary>The abuse limits (<see cref="LimitOptions"/>, checked at start) and the limiters that apply them.</summary>
    public static IServiceCollection AddProtection(this IServiceCollection services)
    {
        services.AddOptions<LimitOptions>().BindConfiguration(LimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SendLimiter>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<RegistrationLimiter>();
        services.AddSingleton<GuestStartLimiter>();
        return services;
    }
}
