using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.BadInput;

/// <summary>The two shapes of a refusal: plain text on seed routes, problem+json on API routes.</summary>
internal static partial class Refusal
{
    public const string NickRule = "a nick is 1 to 32 characters of letters, digits, '_', '-' and '.', and 'all' is reserved";

    /// <summary>A seed route's refusal: the status, <c>text/plain; charset=utf-8</c> and the reason on one line.</summary>
    public static void AssertSeed(RawResponse response, int status, string reason)
    {
        Assert.Equal((status, "text/plain; charset=utf-8", reason + "\n"), (response.Status, response.Header("Content-Type"), response.Text));
    }

    public static void AssertProblem(RawResponse response, int status, string problemJson) =>
        AssertProblem(status, response.Status, response.Header("Content-Type"), response.Text, problemJson);

    public static async Task AssertProblemAsync(HttpResponseMessage response, int status, string problemJson) => AssertProblem(
        status,
        (int)response.StatusCode,
        response.Content.Headers.ContentType?.ToString(),
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
        problemJson);

    /// <summary>A client's mistake is no server failure: nothing at Error or above, and no stack trace in any entry.</summary>
    public static void AssertNoFailureLogged(ParleyServer server)
    {
        var failures = server.LogEntries.Where(entry => entry.Level >= LogLevel.Error || entry.HadException).ToList();
        Assert.True(failures.Count == 0, "Logged as a failure: " + string.Join(" | ", failures));
    }

    /// <summary>The 401 of an API route that needs a session, to a request with none.</summary>
    public const string NoSession =
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.2","title":"Not logged in","status":401,"detail":"this needs a session: start one with POST /api/session (a nick alone for a guest, or a nick and password to log in)"}""";

    /// <summary>The exact problem+json of a 400 for one field, as ValidationProblem writes it.</summary>
    public static string Invalid(string field, string reason) =>
        $$$"""{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Invalid {{{field}}}","status":400,"detail":"{{{reason}}}","errors":{"{{{field}}}":["{{{reason}}}"]}}""";

    /// <summary>
    /// The trace id differs per request; everything else is compared exactly. It is Kestrel's request id (connection id,
    /// colon, request number): Parley makes no Activity per request (see ParleyDefaults).
    /// </summary>
    private static void AssertProblem(int status, int actualStatus, string? contentType, string body, string problemJson)
    {
        var withoutTrace = TraceId().Replace(body, "");
        Assert.Equal((status, "application/problem+json", problemJson), (actualStatus, contentType, withoutTrace));
    }

    [GeneratedRegex(""","traceId":"[0-9A-Z]{13}:[0-9A-F]{8}"(?=}$)""")]
    private static partial Regex TraceId();
}
