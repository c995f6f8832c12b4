using Parley.Diagnostics;

namespace Parley.Hosting;

/// <summary>
/// Kestrel refuses a body it cannot take (a bad chunk: 400, arriving too slowly: 408, too large: 413) by throwing
/// <see cref="BadHttpRequestException"/> from the endpoint's read. Left to Kestrel, that is an answer without a
/// body and a <c>fail:</c> line with a stack trace for what is the client's mistake; here it is problem+json
/// with Kestrel's status and one line at Information.
/// </summary>
internal static class BodyRefusals
{
    public static IApplicationBuilder UseBodyRefusals(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BodyRefusals).FullName!);
        return app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException refused) when (!context.Response.HasStarted)
            {
                string path = context.Request.Path;
                var remote = RemoteAddress(context);
                RequestLog.BodyRefused(logger, context.Request.Method, path, remote, refused.StatusCode, refused.Message);
                context.Response.Clear();
                await BodyRefusalProblems.For(context, refused).ExecuteAsync(context);
            }
        });
    }

    private static string RemoteAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } ip ? $"{ip}:{context.Connection.RemotePort}" : "unknown";
}
