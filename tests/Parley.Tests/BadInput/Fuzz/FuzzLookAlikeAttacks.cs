using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>
/// Requests that try to take or speak for a bystander's nick through a look-alike of it, each with the one answer it
/// must get: the same nick in another case is taken (409 for a session, 403 on the seed routes, 401 for a wrong
/// password); a look-alike outside the nick rule is no nick (400); a session that names another nick is refused (403).
/// They carry the <see cref="FuzzNicks.Mimic"/> session, or none, so their answers do not depend on what the random
/// requests did before them.
/// </summary>
internal static class FuzzLookAlikeAttacks
{
    // A rate limiter (logins per nick and address, registrations per address) may refuse a login or registration
    // before the nick is looked at; what matters is that nothing is taken.
    private const int Limited = 429;

    private static readonly JsonSerializerOptions RawUtf8 = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static FuzzRequest Next(Random random, Uri server, int number, string mimicCookie)
    {
        var owner = random.OneIn(8) ? "all" : random.Pick(FuzzNicks.Bystanders);
        var lookAlike = owner == "all" ? FuzzLookAlikes.All(random)
            : random.OneIn(2) ? FuzzLookAlikes.SameNick(random, owner) : FuzzLookAlikes.Invalid(random, owner);
        var same = lookAlike.Kind == LookAlikeKind.SameNick;
        var cookie = random.OneIn(2) ? mimicCookie : null;

        // The seed routes are open to the seed bystander's nick by design (they carry no session): not attacked there.
        var seedRoutesProtect = owner != FuzzNicks.SeedBystander || !same;
        var attack = random.Next(seedRoutesProtect ? 8 : 5) switch
        {
            0 => new Attack("POST", "/api/session", Json(random, new { nick = lookAlike.Nick }), cookie, same ? [409] : [400], "start a guest session"),
            1 => new Attack("POST", "/api/accounts", Json(random, new { nick = lookAlike.Nick, password = Password(random) }), cookie, same ? [409, Limited] : [400, Limited], "register"),
            2 => new Attack("POST", "/api/messages", Json(random, new { from = lookAlike.Nick, to = "all", text = "it is me" }), mimicCookie, [403], "send as it from another session"),
            3 => new Attack("GET", random.Pick("/api/events", "/api/history") + "?nick=" + Uri.EscapeDataString(lookAlike.Nick), null, mimicCookie, [403], "read as it from another session"),
            // Rarer than the rest: each costs a password hash (the server hashes even for a nick with no account).
            4 when random.OneIn(3) => new Attack("POST", "/api/session", Json(random, new { nick = lookAlike.Nick, password = Password(random) }), cookie, same ? [401, Limited] : [400, Limited], "log in with a wrong password"),
            4 => new Attack("POST", "/api/session", Json(random, new { nick = lookAlike.Nick }), null, same ? [409] : [400], "start a guest session"),
            5 or 6 => new Attack("GET", "/" + FuzzLookAlikes.PercentEncoded(random, lookAlike.Nick, seedEscapes: false), null, null, same ? [403] : [400], "open its seed stream"),
            _ => new Attack("GET", $"/msg/{FuzzLookAlikes.PercentEncoded(random, lookAlike.Nick, seedEscapes: true)}/all%20it%20is%20me", null, null, same ? [403] : [400], "send as it on the seed route"),
        };

        var headers = new StringBuilder()
            .Append($"{attack.Method} {attack.Target} HTTP/1.1\r\nHost: {server.Authority}\r\nAccept: text/event-stream, application/json\r\n");
        if (attack.Cookie is not null)
        {
            headers.Append($"Cookie: {attack.Cookie}\r\n");
        }

        var body = attack.Body ?? [];
        if (attack.Body is not null)
        {
            headers.Append($"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n");
        }

        var claim = $"{attack.What} as '{Escaped(lookAlike.Nick)}' ({lookAlike.How} of '{owner}'){(attack.Cookie is null ? "" : " with the mimic's session")}";
        return new FuzzRequest(number, [.. Encoding.ASCII.GetBytes(headers.Append("\r\n").ToString()), .. body], false, attack.Expected, claim);
    }

    private static byte[] Json(Random random, object body) =>
        Encoding.UTF8.GetBytes(random.OneIn(2) ? JsonSerializer.Serialize(body) : JsonSerializer.Serialize(body, RawUtf8));

    private static string Password(Random random) => $"not the password {random.Next()}";

    /// <summary>The nick with everything outside printable ASCII as \uXXXX, so a failure message shows what was sent.</summary>
    private static string Escaped(string nick) => string.Concat(nick.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));

    private sealed record Attack(string Method, string Target, byte[]? Body, string? Cookie, int[] Expected, string What);
}
