using Microsoft.Extensions.Options;
using Parley.Api;
using Parley.Chat;
using Parley.Hosting;
using Parley.Moderation;
using Parley.Protection;
using Parley.Storage;

namespace Parley.Accounts;

/// <summary>
/// <c>/api/session</c> (start a guest session, log in, see who you are, log out), <c>/api/accounts</c> (register) and
/// <c>/api/account/password</c>. Every refusal is problem+json; none says whether a nick has an account unless the
/// answer must (registering a taken nick, or a guest asking for a registered one).
/// </summary>
internal static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessions(this RouteGroupBuilder api)
    {
        // A banned nick's session is refused with the ban's end, so the page can say why it cannot chat.
        api.MapGet("/session", (HttpContext context, Admins admins, BanList bans) => ChatSession.From(context.User) is not { } session
            ? Problems.From(NickTakenReasons.NoSession)
            : bans.Refusal(session.Nick, address: null) is { } banned ? Problems.From(banned) : Results.Ok(Describe(session, admins)));
        // Every change to a session refuses another site's pages: a forged login would put the victim in the
        // attacker's session, a forged logout would end theirs.
        api.MapPost("/session", StartAsync).RefuseCrossSite();
        api.MapDelete("/session", EndAsync).RefuseCrossSite();
        api.MapPost("/accounts", RegisterAsync).RefuseCrossSite();
        api.MapPut("/account/password", ChangePasswordAsync).RefuseCrossSite();
        return api;
    }

    private static async Task<IResult> StartAsync(
        HttpContext context, NickClaims claims, Passwords passwords, LoginThrottle throttle, GuestStartLimiter starts, IOptionsMonitor<AuthOptions> auth, BanList bans, Admins admins)
    {
        var (request, refused) = await JsonBody.ReadOrRefuseAsync(context.Request, ApiJsonContext.Default.SessionRequest, "{ \"nick\", \"password\" }");
        if (refused is not null)
        {
            return refused;
        }

        if (MessageRules.CheckNick(request!.Nick) is { } badNick)
        {
            return Problems.From(badNick);
        }

        var nick = request.Nick!;
        if (bans.Refusal(nick, context.Connection.RemoteIpAddress) is { } banned)
        {
            return Problems.From(banned);
        }

        var current = ChatSession.From(context.User);
        return request.Password is null
            ? await StartGuestAsync(context, claims, starts, auth.CurrentValue, nick, current, admins)
            : await LogInAsync(context, claims, passwords, throttle, auth.CurrentValue, nick, request.Password, current, admins);
    }

    private static async Task<IResult> StartGuestAsync(
        HttpContext context, NickClaims claims, GuestStartLimiter starts, AuthOptions auth, string nick, ChatSession? current, Admins admins)
    {
        if (!auth.AllowGuests)
        {
            return Problems.From(NickTakenReasons.GuestsOff("a nick without a password is a guest"));
        }

        if (admins.ReservedFor(nick, context.Connection.RemoteIpAddress, registering: false) is { } reserved)
        {
            return Problems.From(reserved);
        }

        if (starts.TryStart(context.Connection.RemoteIpAddress) is { } tooMany)
        {
            return Refuse(context, tooMany);
        }

        var sessionId = current is { Kind: SessionKind.Guest } ? current.SessionId : ChatSession.NewId();
        var taken = await Store(() => claims.HoldForGuestAsync(nick, sessionId));
        if (taken.Refusal is { } unavailable)
        {
            return unavailable;
        }

        if (taken.Value != NickTaken.None)
        {
            return Problems.From(NickTakenReasons.ForSession(nick, taken.Value));
        }

        await LeaveAsync(claims, current, keep: nick);
        var session = new ChatSession(nick, SessionKind.Guest, sessionId, Stamp: "guest");
        await SessionCookie.SignInAsync(context, session);
        return Results.Ok(Describe(session, admins));
    }

    private static async Task<IResult> LogInAsync(
        HttpContext context, NickClaims claims, Passwords passwords, LoginThrottle throttle, AuthOptions auth, string nick, string password, ChatSession? current, Admins admins)
    {
        // Before anything else, the same for every nick: a lock says nothing about whether the nick has an account.
        var address = context.Connection.RemoteIpAddress;
        if (throttle.BeginAttempt(nick, address) is { } locked)
        {
            return Refuse(context, locked);
        }

        // Only the upper bound, which keeps hashing cheap; a short password simply does not match.
        if (password.Length > auth.MaxPasswordLength && PasswordRules.Check(password, auth, "password") is { } tooLong)
        {
            return Problems.From(tooLong);
        }

        var account = claims.Account(nick);
        var verified = await Store(() => passwords.VerifyAsync(account?.PasswordHash, password));
        if (verified.Refusal is { } busy)
        {
            return busy;
        }

        if (!verified.Value)
        {
            return Problems.From(WrongPassword);
        }

        throttle.Succeeded(nick, address);
        await LeaveAsync(claims, current, keep: null);
        var session = new ChatSession(account!.Nick, SessionKind.Registered, ChatSession.NewId(), account.Stamp);
        await SessionCookie.SignInAsync(context, session);
        return Results.Ok(Describe(session, admins));
    }

    private static async Task<IResult> EndAsync(HttpContext context, NickClaims claims)
    {
        // The cookie goes first: whatever the store says, this browser is logged out.
        await SessionCookie.SignOutAsync(context);
        var unavailable = (await Store(async () =>
        {
            await LeaveAsync(claims, ChatSession.From(context.User), keep: null);
            return true;
        })).Refusal;
        return unavailable ?? Results.NoContent();
    }

    private static async Task<IResult> RegisterAsync(
        HttpContext context, NickClaims claims, Passwords passwords, RegistrationLimiter registrations, IOptionsMonitor<AuthOptions> auth, BanList bans, Admins admins)
    {
        var (request, refused) = await JsonBody.ReadOrRefuseAsync(context.Request, ApiJsonContext.Default.AccountRequest, "{ \"nick\", \"password\" }");
        if (refused is not null)
        {
            return refused;
        }

        if (MessageRules.CheckNick(request!.Nick) is { } badNick)
        {
            return Problems.From(badNick);
        }

        if (PasswordRules.Check(request.Password, auth.CurrentValue, "password") is { } badPassword)
        {
            return Problems.From(badPassword);
        }

        if (bans.Refusal(request.Nick, context.Connection.RemoteIpAddress) is { } banned)
        {
            return Problems.From(banned);
        }

        // Whoever registers an admin nick first is the admin: only the operator on the machine may.
        if (admins.ReservedFor(request.Nick!, context.Connection.RemoteIpAddress, registering: true) is { } reserved)
        {
            return Problems.From(reserved);
        }

        // Counted per attempt that passed the rules, taken nicks included: trying nick after nick costs the same.
        if (!registrations.TryRegister(context.Connection.RemoteIpAddress, out var wait))
        {
            return Refuse(context, registrations.Refusal(wait));
        }

        var nick = request.Nick!;
        var current = ChatSession.From(context.User);

        // A guest may register the nick its session holds; its streams go on as the account's.
        var holder = current is { Kind: SessionKind.Guest } && Nick.SameNick(current.Nick, nick) ? current.SessionId : null;
        var registered = await Store(() => claims.RegisterAsync(nick, holder, () => passwords.HashAsync(request.Password!)));
        if (registered.Refusal is { } unavailable)
        {
            return unavailable;
        }

        if (registered.Value.Account is not { } account)
        {
            return Problems.From(NickTakenReasons.ForSession(nick, registered.Value.Taken));
        }

        await LeaveAsync(claims, current, keep: nick);
        var session = new ChatSession(account.Nick, SessionKind.Registered, ChatSession.NewId(), account.Stamp);
        await SessionCookie.SignInAsync(context, session);
        return Results.Created((string?)null, Describe(session, admins));
    }

    private static async Task<IResult> ChangePasswordAsync(
        HttpContext context, NickClaims claims, Passwords passwords, LoginThrottle throttle, IOptionsMonitor<AuthOptions> auth)
    {
        if (ChatSession.From(context.User) is not { Kind: SessionKind.Registered } session)
        {
            return Problems.From(new Rejection(RejectionKind.Unauthenticated, "session", "log in to an account to change its password; a guest session has none"));
        }

        var (request, refused) = await JsonBody.ReadOrRefuseAsync(context.Request, ApiJsonContext.Default.PasswordChangeRequest, "{ \"password\", \"newPassword\" }");
        if (refused is not null)
        {
            return refused;
        }

        if (PasswordRules.Check(request!.NewPassword, auth.CurrentValue, "newPassword") is { } badPassword)
        {
            return Problems.From(badPassword);
        }

        // A stolen session must not become a way around the login throttle to guess the password.
        var address = context.Connection.RemoteIpAddress;
        if (throttle.BeginAttempt(session.Nick, address) is { } locked)
        {
            return Refuse(context, locked);
        }

        var account = claims.Account(session.Nick);
        var verified = await Store(async () => account is not null && request.Password is not null && await passwords.VerifyAsync(account.PasswordHash, request.Password));
        if (verified.Refusal is { } busy)
        {
            return busy;
        }

        if (!verified.Value)
        {
            return Problems.From(new Rejection(RejectionKind.Unauthenticated, "password", "the current password is wrong"));
        }

        throttle.Succeeded(session.Nick, address);

        var changed = await Store(async () => await claims.ChangePasswordAsync(account!, await passwords.HashAsync(request.NewPassword!)));
        if (changed.Refusal is { } unavailable)
        {
            return unavailable;
        }

        // This session goes on with the new stamp; every other session of the account ends.
        await SessionCookie.SignInAsync(context, session with { Stamp = changed.Value!.Stamp });
        return Results.NoContent();
    }

    private static IResult Refuse(HttpContext context, Rejection rejection)
    {
        RetryAfter.Apply(context.Response, rejection);
        return Problems.From(rejection);
    }

    private static Rejection WrongPassword { get; } = new(RejectionKind.Unauthenticated, "password", "wrong nick or password");

    /// <summary>Ends the guest hold a session had on another nick when it becomes someone else.</summary>
    private static async Task LeaveAsync(NickClaims claims, ChatSession? current, string? keep)
    {
        if (current is { Kind: SessionKind.Guest } && (keep is null || !Nick.SameNick(current.Nick, keep)))
        {
            await claims.ReleaseAsync(current.Nick, current.SessionId);
        }
    }

    private static SessionResponse Describe(ChatSession session, Admins admins) =>
        new(session.Nick, session.Kind == SessionKind.Guest ? "guest" : "registered", admins.IsAdmin(session));

    /// <summary>Runs a change that goes through the store, turning a store that cannot take it into a 503.</summary>
    private static async Task<(T? Value, IResult? Refusal)> Store<T>(Func<Task<T>> change)
    {
        try
        {
            return (await change(), null);
        }
        catch (StoreUnavailableException unavailable)
        {
            return (default, Problems.From(new Rejection(RejectionKind.Unavailable, "store", unavailable.Message)));
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // A disk error on the store thread (full, I/O) is the store being unavailable too: 503, never a bare 500.
            return (default, Problems.From(new Rejection(RejectionKind.Unavailable, "store", $"the change could not be stored ({failure.Message}); try again")));
        }
    }
}
