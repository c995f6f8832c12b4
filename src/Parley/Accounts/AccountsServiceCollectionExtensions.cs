using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Parley.Redis;
using Parley.Storage;

namespace Parley.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Accounts, guest holds and session cookies; after <c>AddMessageStore</c>, whose thread loads them.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RegisteredAccounts>();
        services.Replace(ServiceDescriptor.Singleton<IRegisteredNicks>(provider => provider.GetRequiredService<RegisteredAccounts>()));
        services.AddSingleton<NickClaims>();
        services.AddHostedService(provider => provider.GetRequiredService<NickClaims>());
        services.AddSingleton<Passwords>();

        // Before data protection's own hosted service, which loads the key ring at start: from Redis, that ring must be
        // read first, or each node would make a key of its own.
        services.AddSingleton<RedisKeyRing>();
        services.AddHostedService<SessionKeysInRedis>();
        services.AddDataProtection().SetApplicationName("Parley");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, SessionKeys>();
        services.AddHostedService<SessionKeysWarmUp>();

        services.AddAuthentication(SessionCookie.Scheme).AddCookie(SessionCookie.Scheme);
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, SessionCookie.Settings>();
        services.AddSingleton<SessionValidation>();
        return services;
    }
}
