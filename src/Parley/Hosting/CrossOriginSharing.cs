using Microsoft.Extensions.Options;

namespace Parley.Hosting;

/// <summary>
/// CORS on <c>/api</c> for the origins of <c>Parley:Security:AllowedOrigins</c> only, with credentials, since a session is a
/// cookie. Without an allow-list the middleware is not there at all: no answer carries a CORS header, so no other origin's
/// script can read one, and the browser's same-origin policy is the whole rule.
/// </summary>
internal static class CrossOriginSharing
{
    public static IApplicationBuilder UseCrossOriginSharing(this IApplicationBuilder app)
    {
        var origins = app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedOrigins
            .Select(origin => Origins.Normalize(origin)!)
            .ToArray();
        if (origins.Length == 0)
        {
            return app;
        }

        return app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api"),
            api => api.UseCors(policy => policy
                .WithOrigins(origins)
                .AllowCredentials()
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
                .WithHeaders("Content-Type", "Last-Event-ID")));
    }
}
