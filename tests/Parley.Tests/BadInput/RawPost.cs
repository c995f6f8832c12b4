using System.Text;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.BadInput;

/// <summary><c>POST /api/messages</c> over a bare socket, so the content type and the body framing reach the server exactly as written.</summary>
internal static class RawPost
{
    public static Task<RawResponse> JsonAsync(ParleyServer server, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return FramedAsync(server, bytes, endAfterSending: false, $"Content-Type: {contentType}", $"Content-Length: {bytes.Length}");
    }

    /// <summary>The body bytes as given after a head with the given framing headers (Content-Length, Transfer-Encoding), as mary in her guest session.</summary>
    public static async Task<RawResponse> FramedAsync(ParleyServer server, byte[] body, bool endAfterSending, params string[] headers)
    {
        var cookie = await server.GuestCookieAsync("mary");
        var head = Encoding.Latin1.GetBytes(RawHttp.Head(server.BaseAddress, "POST", "/api/messages", [$"Cookie: {cookie}", .. headers]));
        return await RawHttp.ExchangeAsync(server.BaseAddress, [.. head, .. body], endAfterSending);
    }
}
