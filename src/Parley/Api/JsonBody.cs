using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Parley.Api;

/// <summary>
/// The body of <c>POST /api/messages</c>: declared as JSON and read as the UTF-8 bytes it is. JSON on the wire
/// is UTF-8 (RFC 8259, section 8.1), so utf-8 is the one charset taken, in any case, quoted or not. The
/// framework's <c>ReadFromJsonAsync</c> instead transcodes from any charset .NET knows and throws on the
/// rest, quoted utf-8 included, which the client saw as a bare 500.
/// </summary>
internal static class JsonBody
{
    /// <summary>The refusal of a body that is not declared as UTF-8 JSON; null for one that is.</summary>
    public static IResult? RefusalOf(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            return Problems.UnsupportedMediaType(request.ContentType);
        }

        var charset = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Charset);
        return charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? Problems.UnsupportedCharset(charset.Value!)
            : null;
    }

    /// <summary>
    /// Throws <see cref="JsonException"/> for a body that is not JSON, and Kestrel's
    /// <see cref="BadHttpRequestException"/> for one it cannot read (answered by <c>Hosting/BodyRefusals</c>).
    /// </summary>
    public static ValueTask<SendMessageRequest?> ReadAsync(HttpRequest request) =>
        JsonSerializer.DeserializeAsync(request.Body, ApiJsonContext.Default.SendMessageRequest, request.HttpContext.RequestAborted);
}
