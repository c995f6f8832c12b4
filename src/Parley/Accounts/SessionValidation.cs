using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Parley.Accounts;

/// <summary>
/// Checks every session cookie against <see cref="NickClaims"/>: a registered session whose account changed its password
/// since, or a guest session whose nick someone else now holds, is no session at all. Nothing here waits for the store.
/// The API answers for itself when there is no session (401 problem+json), so the cookie handler never redirects.
/// </summary>
internal sealed class SessionValidation(NickClaims claims, IOptionsMonitor<AuthOptions> auth) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var session = ChatSession.From(context.Principal);
        var valid = session switch
        {
            null => false,
            { Kind: SessionKind.Registered } => claims.StampMatches(session.Nick, session.Stamp),
            _ => auth.CurrentValue.AllowGuests && claims.StillHeldBy(session.Nick, session.SessionId),
        };

        if (!valid)
        {
            // Also drop the cookie, so the browser stops sending a session that can never work again.
            context.RejectPrincipal();
            await SessionCookie.SignOutAsync(context.HttpContext);
        }
    }

    public override Task RedirectToLogin(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
