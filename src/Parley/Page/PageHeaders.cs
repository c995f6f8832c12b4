namespace Parley.Page;

/// <summary>The headers every page file carries, whichever middleware serves it.</summary>
internal static class PageHeaders
{
    public const string HtmlContentType = "text/html; charset=UTF-8"; // the seed's exact header

    // No inline script or style anywhere in the page, so the policy can forbid both.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache"; // revalidate with the ETag: a new release shows at once
    }
}
