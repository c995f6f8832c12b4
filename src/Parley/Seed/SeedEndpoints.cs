using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Parley.Accounts;
using Parley.Chat;
using Parley.Hosting;
using Parley.Protection;
using Parley.Streams;

namespace Parley.Seed;

/// <summary>
/// The seed's wire protocol, unchanged: <c>GET /{nick}</c> as an SSE stream and <c>GET /msg/{from}/{to}%20{text}</c>
/// to send. Refusals are plain text, as a curl user or a seed-era client reads them.
/// </summary>
public static class SeedEndpoints
{
    public static IServiceCollection AddSeedProtocol(this IServiceCollection services) =>
        services.AddSingleton<SeedEventEncoder>();

    public static IEndpointRouteBuilder MapSeedProtocol(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/msg/{from}/{**rest}", SendAsync).RefuseCrossSite(RefusalFormat.PlainText);
        routes.MapGet("/{nick}", OpenStream).RefuseCrossSite(RefusalFormat.PlainText);
        return routes;
    }

    private static async Task<IResult> SendAsync(HttpContext context, MessageIntake intake, NickClaims claims, IOptionsMonitor<AuthOptions> auth)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var (send, malformed) = SeedSend.Parse(rawTarget);
        if (malformed is not null)
        {
            return Refuse(malformed);
        }

        if (GuestOnly(send!.From, claims, auth.CurrentValue, "sending") is { } notGuest)
        {
            return Refuse(notGuest);
        }

        // Answered once the message is stored: a 204 the client saw survives a crash of the server.
        var result = await intake.SendAsync(send!.From, send.To, send.Text, context.Connection.RemoteIpAddress);
        if (result.Rejection is { } rejected)
        {
            RetryAfter.Apply(context.Response, rejected);
            return Refuse(rejected);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> OpenStream(
        HttpContext context, string nick, EventStreamHost streams, SeedEventEncoder encoder, NickClaims claims, IOptionsMonitor<AuthOptions> auth)
    {
        if (MessageRules.CheckNick(nick) is { } invalid)
        {
            return Refuse(invalid);
        }

        if (GuestOnly(nick, claims, auth.CurrentValue, "the seed stream") is { } notGuest)
        {
            return Refuse(notGuest);
        }

        if (!context.Request.AcceptsEventStream())
        {
            return TypedResults.Text(
                $"GET /{nick} opens an event stream: send it with 'Accept: text/event-stream' (as EventSource does). The chat page is at /.\n",
                statusCode: StatusCodes.Status406NotAcceptable);
        }

        // Browsers send back the id of the last message they saw when they reconnect; seed-era clients send nothing.
        if (!ResumePoint.TryRead(context.Request, out var resumeAfter))
        {
            return Refuse(ResumePoint.Invalid);
        }

        var admitted = () => claims.ClaimedSinceSeedStreamOpened(nick) is var taken && taken != NickTaken.None ? NickTakenReasons.ForSeed(nick, taken) : null;
        if (await streams.ServeAsync(context, nick, encoder, resumeAfter, admitted) is not { } refused)
        {
            return TypedResults.Empty;
        }

        RetryAfter.Apply(context.Response, refused);
        return Refuse(refused);
    }

    /// <summary>
    /// The seed routes carry no session, so they are for guests only: never for a registered nick or one a guest
    /// session holds, and not at all when guests are turned off.
    /// </summary>
    private static Rejection? GuestOnly(string nick, NickClaims claims, AuthOptions auth, string what)
    {
        if (!auth.AllowGuests)
        {
            return NickTakenReasons.GuestsOff($"{what} is for guests only");
        }

        var taken = claims.ClaimedAgainstSeed(nick);
        return taken == NickTaken.None ? null : NickTakenReasons.ForSeed(nick, taken);
    }

    private static ContentHttpResult Refuse(Rejection rejection) => TypedResults.Text(
        rejection.Reason + "\n",
        statusCode: rejection.Kind switch
        {
            RejectionKind.Invalid => StatusCodes.Status400BadRequest,
            RejectionKind.Unavailable or RejectionKind.Stopping => StatusCodes.Status503ServiceUnavailable,
            RejectionKind.Unauthenticated => StatusCodes.Status401Unauthorized,
            RejectionKind.Forbidden => StatusCodes.Status403Forbidden,
            RejectionKind.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status429TooManyRequests,
        });
}
