using System.Text.Json;
using Parley.Chat;
using Parley.Streams;

namespace Parley.Api;

/// <summary>
/// Parley's own protocol beside the seed's: a JSON event stream, a JSON send and the online list.
/// Refusals are problem+json naming the field and the limit.
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
        api.MapGet("/events", OpenStream);
        api.MapPost("/messages", SendAsync);
        api.MapGet("/users/online", (ChatHub hub) => TypedResults.Ok(hub.OnlineUsers()));
        api.MapGet("/history", HistoryEndpoint.GetAsync);
        api.MapHealthChecks("/health");
        return routes;
    }

    private static async Task<IResult> OpenStream(HttpContext context, string? nick, EventStreamHost streams, JsonEventEncoder encoder)
    {
        if (MessageRules.CheckNick(nick) is { } invalid)
        {
            return Problems.From(invalid);
        }

        if (!ResumePoint.TryRead(context.Request, out var resumeAfter))
        {
            return Problems.From(ResumePoint.Invalid);
        }

        return await streams.ServeAsync(context, nick!, encoder, resumeAfter) is { } refused ? Problems.From(refused) : TypedResults.Empty;
    }

    private static async Task<IResult> SendAsync(HttpContext context, MessageIntake intake)
    {
        if (JsonBody.RefusalOf(context.Request) is { } refused)
        {
            return refused;
        }

        SendMessageRequest? request;
        try
        {
            request = await JsonBody.ReadAsync(context.Request);
        }
        catch (JsonException malformed)
        {
            return Problems.MalformedJson(malformed);
        }

        if (request is null)
        {
            return Problems.MalformedJson(null);
        }

        var result = await intake.SendAsync(request.From, request.To, request.Text);
        if (result.Rejection is { } rejected)
        {
            return Problems.From(rejected);
        }

        var message = result.Message!;
        var delivery = result.Delivery == DeliveryState.Stored ? "stored" : "online";
        return TypedResults.Created((string?)null, new SendMessageResponse(message.Id, message.SentAt.UtcDateTime, delivery));
    }
}
