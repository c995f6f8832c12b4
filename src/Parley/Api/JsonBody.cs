using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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
    public static ValueTask<T?> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> shape) =>
        JsonSerializer.DeserializeAsync(request.Body, shape, request.HttpContext.RequestAborted);

    /// <summary>
    /// Reads a JSON body of <paramref name="shape"/>, or returns the refusal: 415 for one not declared as UTF-8 JSON,
    /// 400 for one that is not that JSON object.
    /// </summary>
    public static async Task<(T? Body, IResult? Refusal)> ReadOrRefuseAsync<T>(HttpRequest request, JsonTypeInfo<T> shape, string described)
        where T : class
    {
        if (RefusalOf(request) is { } refused)
        {
            return (null, refused);
        }

        try
        {
            return await ReadAsync(request, shape) is { } body ? (body, null) : (null, Problems.MalformedJson(null, described));
        }
        catch (JsonException malformed)
        {
            return (null, Problems.MalformedJson(malformed, described));
        }
    }
}
