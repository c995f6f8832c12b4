using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Parley.Hosting;

/// <summary>Kestrel's refusals of a request body as problem+json, naming the setting behind each limit; otherwise Kestrel's reason.</summary>
internal static class BodyRefusalProblems
{
    public static IResult For(HttpContext context, int status, string reason) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => TypedResults.Problem(
            $"the body is larger than the {context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes allowed (setting Kestrel:Limits:MaxRequestBodySize)",
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Body too large"),
        StatusCodes.Status408RequestTimeout when context.Features.Get<IHttpMinRequestBodyDataRateFeature>()?.MinDataRate is { } rate => TypedResults.Problem(
            $"the body arrived slower than {rate.BytesPerSecond} bytes per second after a grace period of {rate.GracePeriod.TotalSeconds} s (setting Kestrel:Limits:MinRequestBodyDataRate)",
            statusCode: StatusCodes.Status408RequestTimeout,
            title: "Body too slow"),
        _ => TypedResults.Problem(
            $"the body could not be read: {reason}",
            statusCode: status,
            title: "Unreadable body"),
    };
}
