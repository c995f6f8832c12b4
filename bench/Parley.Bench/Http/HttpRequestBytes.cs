using System.Globalization;
using System.Text;

namespace Parley.Bench.Http;

/// <summary>
/// Whole HTTP/1.1 requests as bytes, built before the load starts so sending one is a single socket write.
/// The head carries only what the servers need: <c>Host</c>, <c>Connection: close</c> when each request
/// gets its own connection, and the headers of the caller.
/// </summary>
internal static class HttpRequestBytes
{
    public static byte[] Get(HttpTarget target, string pathAndQuery, bool keepAlive, params string[] headers) =>
        Build("GET", target, pathAndQuery, keepAlive, headers, body: []);

    /// <summary>A POST of <paramref name="text"/> as UTF-8 <c>text/plain</c>.</summary>
    public static byte[] PostText(HttpTarget target, string path, bool keepAlive, string text) =>
        Build("POST", target, path, keepAlive, ["Content-Type: text/plain; charset=utf-8"], Encoding.UTF8.GetBytes(text));

    private static byte[] Build(string method, HttpTarget target, string pathAndQuery, bool keepAlive, string[] headers, byte[] body)
    {
        if (!pathAndQuery.StartsWith('/') || pathAndQuery.Any(c => c <= ' ' || c > '~'))
        {
            throw new ArgumentException($"a request target must start with '/' and hold only visible ASCII, got '{pathAndQuery}'", nameof(pathAndQuery));
        }

        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {pathAndQuery} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {target.HostHeader}\r\n");
        if (!keepAlive)
        {
            head.Append("Connection: close\r\n");
        }

        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        if (body.Length > 0 || method == "POST")
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.ASCII.GetBytes(head.ToString()), .. body];
    }
}
