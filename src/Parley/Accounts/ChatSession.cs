using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace Parley.Accounts;

public enum SessionKind
{
    /// <summary>Holds a free, unregistered nick with no password, while the session lasts.</summary>
    Guest,

    /// <summary>Logged in to an account with its password.</summary>
    Registered,
}

/// <summary>
/// Who a request speaks for, as the session cookie carries it. The JSON protocol takes the nick from here and never
/// from the request. <paramref name="Stamp"/> is the account's stamp for a registered session (a password change
/// ends older sessions); a guest session is known by its <paramref name="SessionId"/>, which holds the nick.
/// </summary>
public sealed record ChatSession(string Nick, SessionKind Kind, string SessionId, string Stamp)
{
    private const string KindClaim = "parley:kind";
    private const string SessionClaim = "parley:session";
    private const string StampClaim = "parley:stamp";

    public ClaimsPrincipal ToPrincipal() => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.Name, Nick),
            new Claim(KindClaim, Kind == SessionKind.Guest ? "guest" : "registered"),
            new Claim(SessionClaim, SessionId),
            new Claim(StampClaim, Stamp),
        ],
        SessionCookie.Scheme));

    /// <summary>
    /// The request's session; null when it has none. Reads the user authentication set, if it ran: asking
    /// <c>HttpContext.User</c> of a request without a session cookie makes an empty principal that an open stream keeps.
    /// </summary>
    public static ChatSession? Of(HttpContext context) => From(context.Features.Get<IHttpAuthenticationFeature>()?.User);

    /// <summary>The session of an authenticated principal; null when the request has none.</summary>
    public static ChatSession? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var nick = user.FindFirstValue(ClaimTypes.Name);
        var kind = user.FindFirstValue(KindClaim);
        var session = user.FindFirstValue(SessionClaim);
        var stamp = user.FindFirstValue(StampClaim);
        if (nick is null || session is null || stamp is null || kind is not ("guest" or "registered"))
        {
            return null;
        }

        return new ChatSession(nick, kind == "guest" ? SessionKind.Guest : SessionKind.Registered, session, stamp);
    }

    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
