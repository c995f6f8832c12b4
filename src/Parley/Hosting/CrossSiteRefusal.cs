using Microsoft.Extensions.Options;

namespace Parley.Hosting;

/// <summary>How a route answers a cross-site request it refuses: as the seed's routes answer (plain text) or as the API's (problem+json).</summary>
public enum RefusalFormat
{
    Problem,
    PlainText,
}

/// <summary>Marks a route that acts for a nick (sends, opens a stream, logs in): no other site's page may call it.</summary>
public sealed record CrossSiteRefusalMetadata(RefusalFormat Format);

/// <summary>
/// Refuses with 403 a request that a page of another site made a browser send to a marked route: an
/// <c>&lt;img src="/msg/…"&gt;</c> sending as anyone, an EventSource draining someone's mailbox, a form posting as a
/// logged-in user. It runs after routing (it needs the route's mark) and before the route's handler, so the refusal comes
/// before any other answer, a 415 for a <c>text/plain</c> body included.
/// </summary>
public static class CrossSiteRefusal
{
    /// <summary>Refuses requests from other sites' pages on this route or group.</summary>
    public static TBuilder RefuseCrossSite<TBuilder>(this TBuilder builder, RefusalFormat format = RefusalFormat.Problem)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new CrossSiteRefusalMetadata(format));

    public static IApplicationBuilder UseCrossSiteRefusal(this IApplicationBuilder app)
    {
        var allowed = app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedOrigins
            .Select(origin => Origins.Normalize(origin)!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<CrossSiteRefusalMetadata>() is not { } mark
                || CrossSiteRequests.ReasonToRefuse(context.Request, allowed) is not { } reason)
            {
                return next(context);
            }

            return CrossSiteRequests.Refusal(mark.Format, reason).ExecuteAsync(context);
        });
    }
}
