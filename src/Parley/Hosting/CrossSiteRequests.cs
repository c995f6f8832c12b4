using Microsoft.Extensions.Primitives;

namespace Parley.Hosting;

/// <summary>
/// Which requests came from another site's page. A browser says so two ways: <c>Origin</c> on every request a script
/// makes across origins (fetch, EventSource) and on every POST, and <c>Sec-Fetch-Site</c> on everything, an
/// <c>&lt;img&gt;</c> or a link included. A client that sends neither (curl, the seed's tools) is no browser and is not
/// refused: nothing a foreign page can make a browser do leaves both out, except in a browser too old to send
/// Sec-Fetch-Site (before Chrome 76, Firefox 90, Safari 16.4), whose cross-site <c>&lt;img&gt;</c> still gets through.
/// </summary>
internal static class CrossSiteRequests
{
    public const string AllowedOriginsSetting = "Parley:Security:AllowedOrigins";

    /// <summary>Why <paramref name="request"/> is refused, or null when it came from this server's page, an allowed origin or no browser.</summary>
    public static string? ReasonToRefuse(HttpRequest request, IReadOnlySet<string> allowedOrigins)
    {
        var headers = request.Headers;

        // The Origin decides when there is one: a page of an allowed origin on another site says cross-site too.
        // "null" (a sandboxed frame, a file:// page, a redirect across sites) is no one's origin.
        if (headers.Origin is { Count: > 0 } origin)
        {
            var own = Origins.OwnOf(request);
            return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || allowedOrigins.Contains(origin.ToString())
                ? null
                : $"a page of origin '{origin}' may not use this route: only this server's own page ({own}) and the origins of setting {AllowedOriginsSetting} may";
        }

        // same-site is refused as well: a sibling subdomain (or another port of this host) can be someone else's
        // pages, and SameSite cookies go along to it, so only an Origin check could tell it apart, and it sent none.
        var site = headers["Sec-Fetch-Site"];
        return IsForeign(site)
            ? $"a page of another site may not use this route (Sec-Fetch-Site: {site}): use this server's own page, or a client that is no browser"
            : null;
    }

    public static IResult Refusal(RefusalFormat format, string reason) => format == RefusalFormat.PlainText
        ? TypedResults.Text(reason + "\n", statusCode: StatusCodes.Status403Forbidden)
        : TypedResults.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused");

    private static bool IsForeign(StringValues site) =>
        site.Count > 0 && (string.Equals(site, "cross-site", StringComparison.OrdinalIgnoreCase) || string.Equals(site, "same-site", StringComparison.OrdinalIgnoreCase));
}
