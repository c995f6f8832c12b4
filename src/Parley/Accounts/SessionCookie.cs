using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Parley.Accounts;

/// <summary>
/// The session is ASP.NET Core's cookie authentication: an HttpOnly, SameSite=Strict cookie (Secure when the request
/// came over HTTPS), sealed with data protection keys kept in the data folder so a restart logs nobody out.
/// </summary>
public static class SessionCookie
{
    public const string Scheme = "parley";
    public const string Name = "parley_session";

    public static Task SignInAsync(HttpContext context, ChatSession session) =>
        context.SignInAsync(Scheme, session.ToPrincipal(), new AuthenticationProperties { IsPersistent = true });

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>
    /// ASP.NET Core's authentication, for requests that carry a session cookie. Without one there is nobody to
    /// authenticate, and the middleware would still make a handler, a result and an empty identity that an open
    /// stream keeps for its whole life (about 1 KB per stream, measured with dotnet-gcdump: bench/findings.md).
    /// </summary>
    public static IApplicationBuilder UseSessionAuthentication(this IApplicationBuilder app)
    {
        app.UseWhen(context => context.Request.Cookies.ContainsKey(Name), branch => branch.UseAuthentication());

        // WebApplication adds authentication ahead of everything unless UseAuthentication marked the pipeline with this
        // key (AuthAppBuilderExtensions.AuthenticationMiddlewareSetKey, internal); the branch above marks only itself.
        app.Properties["__AuthenticationMiddlewareSet"] = true;
        return app;
    }

    internal sealed class Settings(IOptions<AuthOptions> auth) : IConfigureNamedOptions<CookieAuthenticationOptions>
    {
        public void Configure(string? name, CookieAuthenticationOptions options)
        {
            if (name != Scheme)
            {
                return;
            }

            options.Cookie.Name = Name;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = auth.Value.SessionLifetime;
            options.SlidingExpiration = true;
            options.EventsType = typeof(SessionValidation);
        }

        public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
    }
}
