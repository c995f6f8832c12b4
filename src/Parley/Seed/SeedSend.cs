using Parley.Chat;

namespace Parley.Seed;

/// <summary>A seed send, <c>GET /msg/{from}/{to}%20{text}</c>, read from the raw request target.</summary>
public sealed record SeedSend(string From, string To, string Text)
{
    private const string Prefix = "/msg/";

    public const string Form = "a seed send is GET /msg/{from}/{to}%20{text}";

    /// <summary>
    /// Parses the raw target, as the seed did, rather than the server's decoded path: the text may hold
    /// '/' (escape() leaves it as is) and percent-escapes the server would decode differently.
    /// </summary>
    public static (SeedSend? Send, Rejection? Rejection) Parse(string rawTarget)
    {
        var path = PathOf(rawTarget);
        var slash = path.IndexOf('/');
        if (slash < 0)
        {
            return Invalid("path", $"{Form}: the path ends after the sender");
        }

        var from = SeedPercentDecoder.Decode(path[..slash]);
        var rest = SeedPercentDecoder.Decode(path[(slash + 1)..]);
        if (from is null || rest is null)
        {
            return Invalid("path", "the path has a '%' that is not followed by two hex digits (or 'u' and four)");
        }

        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return Invalid("path", $"{Form}: the decoded part after the sender must be a target, a space and the text");
        }

        return (new SeedSend(from, rest[..space], rest[(space + 1)..]), null);
    }

    /// <summary>What follows <c>/msg/</c>, without the query; the target may also come in absolute form (<c>http://host/msg/…</c>).</summary>
    private static ReadOnlySpan<char> PathOf(string rawTarget)
    {
        var path = rawTarget.AsSpan();
        var query = path.IndexOf('?');
        if (query >= 0)
        {
            path = path[..query];
        }

        var start = path.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase); // routing matched /msg/ in any case
        return start < 0 ? [] : path[(start + Prefix.Length)..];
    }

    private static (SeedSend?, Rejection?) Invalid(string field, string reason) =>
        (null, new Rejection(RejectionKind.Invalid, field, reason));
}
