using Parley.Accounts;
using Parley.Api;
using Parley.Hosting;

namespace Parley.Moderation;

/// <summary>
/// Refuses every routed request (API and seed routes; the page and its files still load, so it can show the reason)
/// from a banned client address with 403, as problem+json or, on the seed's routes, plain text. An admin's session is let
/// through, so an admin behind a banned address can still lift the ban.
/// </summary>
internal static class BanGate
{
    public static IApplicationBuilder UseBanGate(this IApplicationBuilder app)
    {
        var bans = app.ApplicationServices.GetRequiredService<BanList>();
        var admins = app.ApplicationServices.GetRequiredService<Admins>();
        return app.Use((context, next) =>
        {
            if (context.GetEndpoint() is not { } endpoint
                || bans.Refusal(nick: null, context.Connection.RemoteIpAddress) is not { } banned
                || admins.IsAdmin(ChatSession.From(context.User)))
            {
                return next(context);
            }

            var plainText = endpoint.Metadata.GetMetadata<CrossSiteRefusalMetadata>() is { Format: RefusalFormat.PlainText };
            var refusal = plainText ? TypedResults.Text(banned.Reason + "\n", statusCode: StatusCodes.Status403Forbidden) : Problems.From(banned);
            return refusal.ExecuteAsync(context);
        });
    }
}
