using System.Text.Json;
using Parley.Chat;

namespace Parley.Api;

/// <summary>The API's refusals as problem+json: what is wrong, with which field, and which setting sets the limit.</summary>
internal static class Problems
{
    public static IResult From(Rejection rejection) => rejection.Kind switch
    {
        RejectionKind.Invalid => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [rejection.Field] = [rejection.Reason] },
            detail: rejection.Reason,
            title: $"Invalid {rejection.Field}"),
        RejectionKind.Unavailable => TypedResults.Problem(rejection.Reason, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Store unavailable"),
        RejectionKind.Stopping => TypedResults.Problem(rejection.Reason, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Server stopping"),
        RejectionKind.Unauthenticated => TypedResults.Problem(rejection.Reason, statusCode: StatusCodes.Status401Unauthorized, title: "Not logged in"),
        RejectionKind.Forbidden => TypedResults.Problem(rejection.Reason, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed"),
        RejectionKind.Conflict => TypedResults.Problem(rejection.Reason, statusCode: StatusCodes.Status409Conflict, title: "Nick taken"),
        _ => TypedResults.Problem(rejection.Reason, statusCode: StatusCodes.Status429TooManyRequests, title: "Limit reached"),
    };

    public static IResult UnsupportedMediaType(string? contentType) => TypedResults.Problem(
        $"send the message as JSON with 'Content-Type: application/json', not '{contentType ?? "(none)"}'",
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported content type");

    public static IResult UnsupportedCharset(string charset) => TypedResults.Problem(
        $"send the message as UTF-8 JSON ('Content-Type: application/json' or 'application/json; charset=utf-8'), not in charset '{charset}'",
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported charset");

    public static IResult MalformedJson(JsonException? error, string shape = "{ \"to\", \"text\" }") => TypedResults.Problem(
        error is null
            ? $"the body must be a JSON object {shape}"
            : $"the body is not valid JSON for {shape}: {error.Message}",
        statusCode: StatusCodes.Status400BadRequest,
        title: "Malformed JSON");
}
