using Microsoft.AspNetCore.Http.Features;

namespace Parley.Streams;

/// <summary>
/// What an open stream's request holds on to for the stream's whole life. The session cookie is read once, when the
/// stream opens; left in place, the header and its parsed copy stay for hours (some 2 KB a stream of a logged-in
/// page, measured with dotnet-gcdump: bench/findings.md).
/// </summary>
internal static class HeldRequest
{
    /// <summary>Drops the request's cookies: the <c>Cookie</c> header and the parsed collection made from it.</summary>
    public static void ForgetCookies(HttpContext context)
    {
        context.Request.Headers.Cookie = default;
        context.Features.Set<IRequestCookiesFeature>(null);
    }
}
