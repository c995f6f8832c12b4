using Microsoft.AspNetCore.Http.Features;

namespace Parley.Hosting;

internal static class ProblemDefaults
{
    /// <summary>Gives the framework's bare 404 and 405 a reason a person can act on.</summary>
    public static void Describe(ProblemDetailsOptions options) => options.CustomizeProblemDetails = problem =>
    {
        var request = problem.HttpContext.Request;
        problem.ProblemDetails.Detail ??= problem.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound =>
                $"no route for {request.Method} {request.Path}: the page is GET /, streams are GET /{{nick}} and GET /api/events?nick=, sends are GET /msg/{{from}}/{{to}}%20{{text}} and POST /api/messages",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not take {request.Method}",
            _ => null,
        };
    };
}
