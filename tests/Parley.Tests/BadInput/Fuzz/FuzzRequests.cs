using System.Text;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>
/// Draws whole requests: a method, a target from <see cref="FuzzTargets"/>, headers (a session cookie among them), and a
/// framed body; about one in <see cref="AttackEvery"/> is instead a look-alike of a bystander's nick trying to take it.
/// </summary>
internal static class FuzzRequests
{
    // The first four are what the API takes.
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/json; charset=\"utf-8\"", "application/json; charset=UTF-8",
        "application/json; charset=foo", "application/json; charset=utf-7", "application/json; charset=utf-16", "application/json; charset=\"\"",
        "application/json; charset=", "application/json;", "application/json; charset", "application/json; charset=utf-8; charset=foo",
        "application/json; charset=\"utf-8", "application/json; =utf-8", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz", "application/problem+json", "*/*", "json", "", ";;;", "application/json; charset=é",
    ];

    private const int AttackEvery = 6;

    public static IReadOnlyList<FuzzRequest> Draw(Random random, Uri server, int count, FuzzCookies cookies, string mimicCookie) =>
        [.. Enumerable.Range(0, count).Select(number => random.OneIn(AttackEvery)
            ? FuzzLookAlikeAttacks.Next(random, server, number, mimicCookie)
            : Next(random, server, number, cookies))];

    private static FuzzRequest Next(Random random, Uri server, int number, FuzzCookies cookies)
    {
        // Each route mostly gets the method it takes, so requests reach the handlers and not only routing's 405.
        var target = FuzzTargets.Next(random);
        var method = random.Next(20) switch
        {
            < 12 => MethodOf(random, target),
            12 or 13 => "POST",
            14 => "GET",
            15 => random.Pick("PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"),
            16 => random.Pick("get", "M-SEARCH", "PROPFIND", "BREW", "CONNECT", "TRACE"),
            17 => "HEAD",
            _ => random.Pick("G(T", "GET GET", "", "P\u00d6ST"), // not a token
        };
        var headers = new List<string>();
        if (!random.OneIn(50))
        {
            headers.Add($"Host: {server.Authority}");
        }

        if (random.OneIn(2))
        {
            headers.Add("Accept: " + (random.OneIn(2) ? "text/event-stream" : random.Pick("text/html", "*/*", "application/json", "text/event-stream;q=0", "junk;;", "")));
        }

        if (cookies.Next(random) is { } cookie)
        {
            headers.Add(cookie);
        }

        var hasBody = method is "POST" or "PUT" or "PATCH" ? !random.OneIn(10) : random.OneIn(7);
        if (hasBody || random.OneIn(5))
        {
            headers.Add("Content-Type: " + (random.OneIn(2) ? random.Pick(ContentTypes[..4]) : random.Pick(ContentTypes)));
        }

        if (random.OneIn(5))
        {
            headers.Add("Last-Event-ID: " + random.Pick("1", "0", "-1", "99999999999999999999", "abc", "", " 5", "1.5", "٣"));
        }

        if (random.OneIn(10))
        {
            headers.Add(random.Pick(
                "Expect: 100-continue", "Connection: keep-alive", "Connection: close", "Upgrade: websocket\r\nConnection: Upgrade",
                "Cookie: a=b", "Range: bytes=0-10", "If-None-Match: *", "Accept-Encoding: gzip, br", "Content-Encoding: gzip",
                "X-Junk: \u00ff\u00fe", "Origin: null", "Accept-Charset: utf-7", "Bad Header: x", ": empty name",
                "Origin: http://evil.example", "Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-origin", "X-Forwarded-For: 10.0.0.1",
                "Authorization: Bearer x", "Host: evil.example"));
        }

        var framing = hasBody ? FuzzFraming.Of(random, BodyFor(random, target)) : new FuzzFraming([], [], false);
        var head = $"{method} {target} HTTP/1.1\r\n" + string.Concat(headers.Concat(framing.Headers).Select(header => header + "\r\n")) + "\r\n";
        return new FuzzRequest(number, [.. Encoding.UTF8.GetBytes(head), .. framing.Wire], framing.EndAfterSending);
    }

    private static byte[] BodyFor(Random random, string target) =>
        target.StartsWith("/api/session", StringComparison.Ordinal) || target.StartsWith("/api/account", StringComparison.Ordinal)
            ? FuzzSessionBodies.Next(random)
            : FuzzBodies.Next(random);

    private static string MethodOf(Random random, string target) => target switch
    {
        _ when target.StartsWith("/api/messages", StringComparison.Ordinal) => "POST",
        "/api/session" => random.Pick("POST", "POST", "POST", "DELETE", "GET"),
        "/api/accounts" => "POST",
        "/api/account/password" => "PUT",
        _ => "GET",
    };
}
