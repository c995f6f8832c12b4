namespace Parley.Page;

/// <summary>
/// The headers every page file carries, whichever middleware serves it. The security headers (Content-Security-Policy,
/// nosniff, Referrer-Policy) are on every answer, the page's included: <c>Hosting/SecurityHeaders</c>.
/// </summary>
internal static class PageHeaders
{
    public const string HtmlContentType = "text/html; charset=UTF-8"; // the seed's exact header

    public static void Apply(IHeaderDictionary headers)
    {
        headers.CacheControl = "no-cache"; // revalidate with the ETag: a new release shows at once
    }
}
