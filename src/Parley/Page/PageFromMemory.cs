using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Parley.Streams;

namespace Parley.Page;

/// <summary>
/// Answers <c>GET /</c> from bytes read once at start-up, ahead of every other middleware, as the seed
/// answered it "from memory". It is the hottest route of the seed's first benchmark; the static file
/// middleware would look the file up, build its headers and copy it from the resource stream each time.
/// </summary>
internal sealed class PageFromMemory
{
    private readonly byte[] _body;
    private readonly StringValues _etag;
    private readonly StringValues _lastModified;

    public PageFromMemory(IFileInfo page)
    {
        using var stream = page.CreateReadStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        _body = copy.ToArray();

        // The static file middleware's validators, so / and /index.html revalidate alike.
        var lastModified = page.LastModified.ToUniversalTime();
        lastModified = new DateTimeOffset(lastModified.Year, lastModified.Month, lastModified.Day, lastModified.Hour, lastModified.Minute, lastModified.Second, TimeSpan.Zero);
        _etag = new EntityTagHeaderValue($"\"{(lastModified.ToFileTime() ^ _body.Length):x}\"").ToString();
        _lastModified = HeaderUtilities.FormatDate(lastModified);
    }

    public static bool Handles(HttpRequest request) =>
        request.Path.Value == "/" && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.AcceptsEventStream();

    public Task ServeAsync(HttpContext context)
    {
        var response = context.Response;
        var headers = response.Headers;
        PageHeaders.Apply(headers);
        headers.ETag = _etag;
        headers.LastModified = _lastModified;
        if (context.Request.Headers.IfNoneMatch == _etag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        headers.ContentType = PageHeaders.HtmlContentType;
        headers.ContentLength = _body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(_body).AsTask();
    }
}
