using Parley.Accounts;
using Parley.Chat;
using Parley.Cluster;
using Parley.Health;
using Parley.Hosting;
using Parley.Protection;
using Parley.Storage;
using Parley.Streams;

namespace Parley.Api;

/// <summary>
/// Parley's own protocol beside the seed's: sessions, a JSON event stream, a JSON send, history and the online list.
/// The nick is always the session's, never the request's. Refusals are problem+json naming the field and the limit.
/// </summary>
public static class ApiEndpoints
{
    public static IServiceCollection AddChatApi(this IServiceCollection services)
    {
        services.AddSingleton<JsonEventEncoder>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        return services;
    }

    public static IEndpointRouteBuilder MapChatApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api");
        api.MapSessions();
        api.MapGet("/events", OpenStream).RefuseCrossSite();
        api.MapPost("/messages", SendAsync).RefuseCrossSite();
        api.MapGet("/users/online", OnlineUsersAsync);
        api.MapGet("/history", HistoryEndpoint.GetAsync);
        api.MapHealthChecks("/health", Probes.Liveness); // as before /healthz existed: the process answers
        return routes;
    }

    private static async Task<IResult> OnlineUsersAsync(IChatBackplane backplane, CancellationToken cancellation)
    {
        try
        {
            return TypedResults.Ok(await backplane.OnlineUsersAsync(cancellation));
        }
        catch (StoreUnavailableException unavailable)
        {
            return Problems.From(new Rejection(RejectionKind.Unavailable, "store", unavailable.Message));
        }
    }

    private static async Task<IResult> OpenStream(HttpContext context, string? nick, EventStreamHost streams, JsonEventEncoder encoder, NickClaims claims)
    {
        if (SessionOf(context, nick) is { Refusal: { } noSession })
        {
            return Problems.From(noSession);
        }

        if (!ResumePoint.TryRead(context.Request, out var resumeAfter))
        {
            return Problems.From(ResumePoint.Invalid);
        }

        var session = ChatSession.From(context.User)!;
        var refused = await streams.ServeAsync(context, session.Nick, encoder, resumeAfter);
        if (session.Kind == SessionKind.Guest)
        {
            claims.RenewAfterStream(session.Nick, session.SessionId);
        }

        if (refused is null)
        {
            return TypedResults.Empty;
        }

        RetryAfter.Apply(context.Response, refused);
        return Problems.From(refused);
    }

    private static async Task<IResult> SendAsync(HttpContext context, MessageIntake intake)
    {
        // Who first, then what: a request with no session is refused before its body is read.
        if (SessionOf(context, named: null).Refusal is { } noSession)
        {
            return Problems.From(noSession);
        }

        var (request, refused) = await JsonBody.ReadOrRefuseAsync(context.Request, ApiJsonContext.Default.SendMessageRequest, "{ \"to\", \"text\" }");
        if (refused is not null)
        {
            return refused;
        }

        var (session, notYours) = SessionOf(context, request!.From);
        if (notYours is not null)
        {
            return Problems.From(notYours);
        }

        var result = await intake.SendAsync(session!.Nick, request.To, request.Text, context.Connection.RemoteIpAddress);
        if (result.Rejection is { } rejected)
        {
            RetryAfter.Apply(context.Response, rejected);
            return Problems.From(rejected);
        }

        var message = result.Message!;
        var delivery = result.Delivery == DeliveryState.Stored ? "stored" : "online";
        return TypedResults.Created((string?)null, new SendMessageResponse(message.Id, message.SentAt.UtcDateTime, delivery));
    }

    /// <summary>
    /// The session a request speaks for. A nick the request names anyway (the <c>nick</c> of a stream, the <c>from</c> of
    /// a send, as before sessions) must be the session's own.
    /// </summary>
    internal static (ChatSession? Session, Rejection? Refusal) SessionOf(HttpContext context, string? named)
    {
        if (ChatSession.From(context.User) is not { } session)
        {
            return (null, NickTakenReasons.NoSession);
        }

        return !string.IsNullOrEmpty(named) && !Nick.SameNick(named, session.Nick)
            ? (null, NickTakenReasons.NotYours(session.Nick, named))
            : (session, null);
    }
}
