using Microsoft.AspNetCore.Http.Features;
using Parley.Diagnostics;

namespace Parley.Hosting;

/// <summary>
/// Kestrel refuses a body it cannot take (a bad chunk: 400, arriving too slowly: 408, too large: 413) by throwing
/// <see cref="BadHttpRequestException"/> from the endpoint's read (and, for one kind of bad chunk, an IOException). Left to Kestrel, that is an answer without a
/// body and a <c>fail:</c> line with a stack trace for what is the client's mistake; here it is problem+json
/// with Kestrel's status and one line at Information.
/// </summary>
internal static class BodyRefusals
{
    public static IApplicationBuilder UseBodyRefusals(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BodyRefusals).FullName!);
        return app.Use((context, next) =>
            context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false
                ? next(context) // no body to refuse: no frame to keep for as long as the request lives (a stream's whole life)
                : RefusingAsync(context, next));

        async Task RefusingAsync(HttpContext context, RequestDelegate next)
        {
            try
            {
                await next(context);
            }
            catch (Exception refused) when (!context.Response.HasStarted && StatusOf(refused) is { } status)
            {
                string path = context.Request.Path;
                var remote = context.RemoteAddressForLog();
                RequestLog.BodyRefused(logger, context.Request.Method, path, remote, status, refused.Message);
                context.Response.Clear();
                await BodyRefusalProblems.For(context, status, refused.Message).ExecuteAsync(context);
            }
        }
    }

    /// <summary>
    /// Kestrel's status for a refusal; null for anything else. A chunk size too large for an int is the one refusal
    /// Kestrel throws as a plain IOException ("Bad chunk size data." around an OverflowException), which would
    /// otherwise be a 500: it is the same client mistake as any other bad chunk size.
    /// </summary>
    private static int? StatusOf(Exception exception) => exception switch
    {
        BadHttpRequestException refused => refused.StatusCode,
        IOException { InnerException: OverflowException } => StatusCodes.Status400BadRequest,
        _ => null,
    };
}
