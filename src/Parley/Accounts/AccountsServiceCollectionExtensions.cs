using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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

        services.AddDataProtection().SetApplicationName("Parley");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>, SessionKeys>();
        services.AddHostedService<SessionKeysWarmUp>();

        services.AddAuthentication(SessionCookie.Scheme).AddCookie(SessionCookie.Scheme);
        services.AddSingleton<IConfigureOptions<CookieAuthenticationOptions>, SessionCookie.Settings>();
        services.AddSingleton<SessionValidation>();
        return services;
    }
}
