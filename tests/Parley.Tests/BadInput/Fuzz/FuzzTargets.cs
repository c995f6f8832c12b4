using System.Text;

namespace Parley.Tests.BadInput.Fuzz;

/// <summary>Request targets built from every route, then bent: odd segments, escapes good and broken, unicode, great length.</summary>
internal static class FuzzTargets
{
    private static readonly string[] Fixed =
    [
        "/", "/api/messages", "/api/users/online", "/api/health", "/api/events", "/chat.js", "/chat.css", "/tab-share.js",
        "/favicon.svg", "/index.html", "/msg", "/msg/", "/api", "/api/", "*", "//", "/./", "/../", "/%2e%2e/api/health",
        "/api/session", "/api/accounts", "/api/account/password", "/api/history", "/api/account", "/api/accounts/ann", "/api/session/",
        "/API/SESSION", "/api/%73ession", "/api/account/%70assword", "/api/history?with=all", "/api/history?nick=ann&with=Bob&before=1&limit=200",
    ];

    /// <summary>The routes that take a session body, and the method each takes.</summary>
    public static readonly (string Path, string Method)[] SessionRoutes =
        [("/api/session", "POST"), ("/api/accounts", "POST"), ("/api/account/password", "PUT"), ("/api/session", "DELETE"), ("/api/session", "GET")];

    private static readonly string[] SegmentPieces =
    [
        "a", "Z", "0", "-", ".", "_", "~", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", ":", "@", "%41", "%2F", "%2f",
        "%00", "%20", "%C3%A9", "%E2%82%AC", "%FF", "%zz", "%", "%u20AC", "%uD800", "%uzzzz",
    ];

    // Kestrel refuses these in a request line before any route sees it: used now and then, not in every segment.
    private static readonly string[] RawPieces = ["é", "€", "😀", "[", "]", "{", "|", " ", "\"", "\u0001"];

    public static string Next(Random random)
    {
        var target = random.Next(16) switch
        {
            > 11 => random.Pick(SessionRoutes).Path,
            0 => random.Pick(Fixed),
            1 or 2 => "/" + Nick(random),
            3 or 4 => $"/msg/{Nick(random)}/{To(random)}%20{FuzzTexts.Encoded(random, FuzzTexts.Next(random))}",
            5 => $"/msg/{Nick(random)}/{RandomSegment(random)}",
            6 or 7 => "/api/events?nick=" + Nick(random) + (random.OneIn(3) ? "&lastEventId=" + RandomSegment(random) : ""),
            8 => "/" + string.Join('/', Enumerable.Range(0, random.Next(1, 5)).Select(_ => RandomSegment(random))),
            9 => VeryLong(random),
            10 => "/api/history?nick=" + Nick(random) + "&with=" + To(random) + "&before=" + RandomSegment(random) + "&limit=" + RandomSegment(random),
            _ => random.Pick("/api/messages", "/api/messages", "/api/health", "/api/users/online"),
        };

        return random.Next(8) switch
        {
            0 => target + "?" + RandomSegment(random) + "=" + RandomSegment(random),
            1 => target + random.Pick("/", "//", "/..", "#x", "?", "%", "/extra"),
            _ => target,
        };
    }

    public static string RandomSegment(Random random)
    {
        var segment = new StringBuilder();
        for (var count = random.Next(1, 8); count > 0; count--)
        {
            segment.Append(random.OneIn(30) ? random.Pick(RawPieces) : random.Pick(SegmentPieces));
        }

        var text = segment.ToString();
        return FuzzNicks.IsReserved(text) ? "z" : text;
    }

    private static string Nick(Random random)
    {
        var nick = FuzzNicks.Next(random);
        return random.OneIn(4) ? Uri.EscapeDataString(nick) : nick; // raw: a space or 'ü' reaches Kestrel as it is
    }

    private static string To(Random random) => random.OneIn(2) ? random.Pick("all", "ALL", "All") : Nick(random);

    // Past Kestrel's request-line limit (raised to about 37 KB for a 4000-character text), and just under it.
    private static string VeryLong(Random random) => random.Next(3) switch
    {
        0 => "/" + new string('a', random.Pick(33, 2000, 40_000)),
        1 => "/msg/ann/all%20" + string.Concat(Enumerable.Repeat("%E2%82%AC", random.Pick(3999, 4000, 4001, 5000))),
        _ => "/api/events?nick=" + new string('n', random.Pick(32, 33, 50_000)),
    };
}
