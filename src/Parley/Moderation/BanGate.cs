using Parley.Accounts;
using Parley.Api;
using Parley.Hosting;

namespace Parley.Moderation;

/// <summary>
/// Refuses every routed request (API and seed routes; the page and its files still load, so it can show the reason)
/// from a banned client address, or carrying the session of a banned nick, with 403, as problem+json or, on the seed's
/// routes, plain text. An admin's session passes an address ban, so an admin behind a banned address can still lift it,
/// and reaches <c>/api/admin</c> whatever the ban. <c>/api/session</c> checks the nicks it acts on itself, so a banned
/// session can still read why (GET answers the ban), log out, or become someone else.
/// </summary>
internal static class BanGate
{
    public static IApplicationBuilder UseBanGate(this IApplicationBuilder app)
    {
        var bans = app.ApplicationServices.GetRequiredService<BanList>();
        var admins = app.ApplicationServices.GetRequiredService<Admins>();
        return app.Use((context, next) =>
        {
            if (context.GetEndpoint() is not { } endpoint)
            {
                return next(context);
            }

            var session = ChatSession.Of(context);
            var admin = admins.IsAdmin(session);
            var nick = session is null || context.Request.Path.StartsWithSegments("/api/session")
                || (admin && context.Request.Path.StartsWithSegments("/api/admin"))
                ? null
                : session.Nick;
            if (bans.Refusal(nick, admin ? null : context.Connection.RemoteIpAddress) is not { } banned)
            {
                return next(context);
            }

            var plainText = endpoint.Metadata.GetMetadata<CrossSiteRefusalMetadata>() is { Format: RefusalFormat.PlainText };
            var refusal = plainText ? TypedResults.Text(banned.Reason + "\n", statusCode: StatusCodes.Status403Forbidden) : Problems.From(banned);
            return refusal.ExecuteAsync(context);
        });
    }
}
