using Microsoft.Extensions.Primitives;

namespace Parley.Hosting;

/// <summary>
/// The headers every answer carries, the page, the API, streams and every refusal alike, so none of them can be sniffed
/// into a script, framed, or leak its address to another site.
/// </summary>
internal static class SecurityHeaders
{
    // No inline script or style anywhere in the page, so the policy can forbid both. One policy for every answer: the
    // API's and the errors' need no more than the page's, and a static value costs nothing per request.
    public static readonly StringValues ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static readonly StringValues NoSniff = "nosniff";

    // The page links nowhere that needs to know where the reader came from, and a nick in a URL is nobody else's business.
    public static readonly StringValues NoReferrer = "no-referrer";

    private static readonly Func<object, Task> Apply = static state =>
    {
        var headers = ((HttpResponse)state).Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = NoSniff;
        headers["Referrer-Policy"] = NoReferrer;
        return Task.CompletedTask;
    };

    /// <summary>
    /// Sets the headers as the answer starts rather than now: a refusal that clears the response on its way
    /// (<c>Response.Clear()</c>, as <c>BodyRefusals</c> does) would otherwise lose them.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(Apply, context.Response);
        return next(context);
    });

    /// <summary>
    /// Puts the headers ahead of the whole pipeline, ahead of the host filtering that ASP.NET Core's defaults place
    /// in front of the app (a startup filter), so its refusal of a foreign Host carries them too.
    /// </summary>
    internal sealed class AheadOfEverything : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseSecurityHeaders();
            next(app);
        };
    }
}
