using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Parley.Accounts;
using Parley.Api;
using Parley.Chat;
using Parley.Hosting;
using Parley.Protection;
using Parley.Storage;

namespace Parley.Moderation;

/// <summary>
/// <c>/api/admin</c>: who is online with their streams, kicks, bans and deleted messages, for admin sessions only (401
/// without a session, 403 for anyone else). Every change refuses other sites' pages, as every other change does.
/// </summary>
internal static class ModerationEndpoints
{
    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin").AddEndpointFilter(AdminsOnly);
        admin.MapGet("/online", Online);
        admin.MapPost("/kicks", KickAsync).RefuseCrossSite();
        admin.MapGet("/bans", (BanList bans) => TypedResults.Ok<IReadOnlyList<BanResponse>>([.. bans.Active().Select(Describe)]));
        admin.MapPost("/bans", BanAsync).RefuseCrossSite();
        admin.MapDelete("/bans/{id}", LiftAsync).RefuseCrossSite();
        admin.MapDelete("/messages/{id}", DeleteAsync).RefuseCrossSite();
        return routes;
    }

    private static async ValueTask<object?> AdminsOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var session = ChatSession.From(context.HttpContext.User);
        if (session is null)
        {
            return Problems.From(NickTakenReasons.NoSession);
        }

        if (!context.HttpContext.RequestServices.GetRequiredService<Admins>().IsAdmin(session))
        {
            return Problems.From(new Rejection(
                RejectionKind.Forbidden,
                "session",
                $"'{session.Nick}' is not an admin: only accounts named in Parley:Moderation:Admins, logged in with their password, are"));
        }

        return await next(context);
    }

    private static OnlineResponse Online(ChatHub hub) => new(
        [.. hub.StreamsHere().Select(online => new OnlineNick(online.Nick, [.. online.Streams.Select(stream => new StreamHere(
            stream.Encoder.Format == StreamFormat.Seed ? "seed" : "json",
            stream.AddressKey ?? "unknown",
            stream.OpenedAt.UtcDateTime))]))],
        hub.OnlineOnlyElsewhere());

    private static async Task<IResult> KickAsync(HttpContext context, Moderator moderator, ChatHub hub)
    {
        var (request, refused) = await JsonBody.ReadOrRefuseAsync(context.Request, ModerationJsonContext.Default.KickRequest, "{ \"nick\" }");
        if (refused is not null)
        {
            return refused;
        }

        if (MessageRules.CheckNick(request!.Nick) is { } badNick)
        {
            return Problems.From(badNick);
        }

        var nick = request.Nick!;
        if (!hub.IsOnline(nick))
        {
            return NotFound($"'{nick}' is not online on any node: there is no stream to close");
        }

        return TypedResults.Ok(new KickResponse(nick, moderator.Kick(nick, AdminOf(context))));
    }

    private static async Task<IResult> BanAsync(HttpContext context, Moderator moderator, IOptionsMonitor<ModerationOptions> options)
    {
        var (request, refused) = await JsonBody.ReadOrRefuseAsync(
            context.Request, ModerationJsonContext.Default.BanRequest, "{ \"nick\" or \"address\", \"minutes\" }");
        if (refused is not null)
        {
            return refused;
        }

        var admin = AdminOf(context);
        var maxMinutes = (int)Math.Min(int.MaxValue, options.CurrentValue.MaxBanDuration.TotalMinutes);
        if (request!.Minutes is not { } minutes || minutes < 1 || minutes > maxMinutes)
        {
            return Invalid("minutes", $"give how long the ban lasts in whole minutes, 1 to {maxMinutes} (setting Parley:Moderation:MaxBanDuration)");
        }

        if ((request.Nick is null) == (request.Address is null))
        {
            return Invalid("nick", "name exactly one of 'nick' and 'address'");
        }

        if (request.Nick is { } nick)
        {
            if (MessageRules.CheckNick(nick) is { } badNick)
            {
                return Problems.From(badNick);
            }

            if (Nick.SameNick(nick, admin))
            {
                return Invalid("nick", "an admin cannot ban their own nick");
            }
        }

        string? addressKey = null;
        if (request.Address is { } address && (addressKey = AddressKeyOf(address)) is null)
        {
            return Invalid("address", $"'{address}' is not an IP address (IPv4, or IPv6 whose /64 is banned, as '2001:db8::/64' too)");
        }

        var ban = await StoreAsync(() => moderator.BanAsync(
            addressKey is null ? BanKind.Nick : BanKind.Address, addressKey ?? request.Nick!, TimeSpan.FromMinutes(minutes), admin));
        return ban.Refusal ?? TypedResults.Created($"/api/admin/bans/{ban.Value!.Id}", Describe(ban.Value!));
    }

    private static async Task<IResult> LiftAsync(HttpContext context, string id, Moderator moderator)
    {
        if (IdOf(id) is not { } banId)
        {
            return Invalid("id", $"'{id}' is not a ban id: a whole number from 1");
        }

        var lifted = await StoreAsync(() => moderator.LiftAsync(banId, AdminOf(context)));
        return lifted.Refusal ?? (lifted.Value is null ? NotFound($"there is no ban {banId} in force") : TypedResults.NoContent());
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, Moderator moderator)
    {
        if (IdOf(id) is not { } messageId)
        {
            return Invalid("id", $"'{id}' is not a message id: a whole number from 1");
        }

        var deleted = await StoreAsync(() => moderator.DeleteAsync(messageId, AdminOf(context)));
        return deleted.Refusal ?? (deleted.Value is null ? NotFound($"there is no message {messageId} (never sent, deleted or removed by retention)") : TypedResults.NoContent());
    }

    /// <summary>An address as the per-address limits key it: an IPv4 address, or an IPv6 address or its /64.</summary>
    private static string? AddressKeyOf(string address)
    {
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        var text = slash < 0 ? address : address[..slash];

        // TryParse takes inet_aton's forms too ("010.1.1.1" is octal 8.1.1.1, "127.1", "1"): an admin means what they read.
        if (!IPAddress.TryParse(text, out var ip) || (ip.AddressFamily == AddressFamily.InterNetwork && text != ip.ToString()))
        {
            return null;
        }

        var v6 = ip.AddressFamily == AddressFamily.InterNetworkV6 && !ip.IsIPv4MappedToIPv6;
        return slash < 0 || (v6 && address[(slash + 1)..] == "64") ? ClientAddress.KeyOf(ip) : null;
    }

    private static long? IdOf(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static string AdminOf(HttpContext context) => ChatSession.From(context.User)!.Nick;

    private static BanResponse Describe(StoredBan ban) => new(
        ban.Id,
        ban.Kind == BanKind.Nick ? ban.Target : null,
        ban.Kind == BanKind.Address ? ban.Target : null,
        ban.Until.UtcDateTime,
        ban.By);

    private static IResult Invalid(string field, string reason) => Problems.From(new Rejection(RejectionKind.Invalid, field, reason));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string reason) => TypedResults.Problem(reason, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>Runs a change that goes through the store, turning a store that cannot take it into a 503.</summary>
    private static async Task<(T? Value, IResult? Refusal)> StoreAsync<T>(Func<Task<T>> change)
    {
        try
        {
            return (await change(), null);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            var reason = failure is StoreUnavailableException ? failure.Message : $"the change could not be stored ({failure.Message}); try again";
            return (default, Problems.From(new Rejection(RejectionKind.Unavailable, "store", reason)));
        }
    }
}
