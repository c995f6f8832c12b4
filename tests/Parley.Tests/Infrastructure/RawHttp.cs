using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Parley.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests whose target must reach the server byte for byte
/// (HttpClient's Uri would rewrite <c>%u20AC</c> or a lone <c>%</c>), and for reading headers exactly as sent.
/// </summary>
public static class RawHttp
{
    /// <summary>Sends <c>GET {target} HTTP/1.1</c> with the given extra header lines and reads the whole answer.</summary>
    public static Task<RawResponse> GetAsync(Uri server, string target, params string[] headers) =>
        SendAsync(server, "GET", target, headers);

    public static Task<RawResponse> SendAsync(Uri server, string method, string target, params string[] headers) =>
        ExchangeAsync(server, Encoding.Latin1.GetBytes(Head(server, method, target, headers)));

    /// <summary>
    /// The request head, <c>Connection: close</c> included (the server ends the connection after the answer, so
    /// the answer is read to the end), with the blank line that ends it: append a body as bytes.
    /// </summary>
    public static string Head(Uri server, string method, string target, params string[] headers)
    {
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {server.Authority}\r\n")
            .Append("Connection: close\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        return head.Append("\r\n").ToString();
    }

    /// <summary>
    /// Writes <paramref name="request"/> as it is and reads the whole answer. <paramref name="endAfterSending"/>
    /// closes the sending side, so a body shorter than announced ends instead of waiting for the rest.
    /// </summary>
    public static async Task<RawResponse> ExchangeAsync(Uri server, byte[] request, bool endAfterSending = false)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(Timeouts.Default);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, cancel.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request, cancel.Token);
        if (endAfterSending)
        {
            tcp.Client.Shutdown(SocketShutdown.Send);
        }

        using var received = new MemoryStream();
        await stream.CopyToAsync(received, cancel.Token);
        return RawResponse.Parse(received.ToArray());
    }
}

/// <summary>A response as it came over the wire: status, header lines in order, and the body (de-chunked).</summary>
public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The value of the one header named <paramref name="name"/>, or null; fails if it came more than once.</summary>
    public string? Header(string name) => Headers
        .Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
        .Select(header => header.Value)
        .SingleOrDefault();

    public static RawResponse Parse(byte[] wire)
    {
        var end = wire.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end >= 0, $"No complete response head in {wire.Length} bytes: {Encoding.Latin1.GetString(wire)}");
        var lines = Encoding.Latin1.GetString(wire, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .Select(parts => new KeyValuePair<string, string>(parts[0], parts[1].Trim()))
            .ToList();
        var body = wire[(end + 4)..];
        var chunked = headers.Any(h => string.Equals(h.Key, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
            && string.Equals(h.Value, "chunked", StringComparison.OrdinalIgnoreCase));
        return new RawResponse(status, headers, chunked ? Dechunk(body) : body);
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8);
            Assert.True(lineEnd >= 0, "A chunk size line is cut off.");
            var sizeText = Encoding.Latin1.GetString(chunked, at, lineEnd).Split(';')[0];
            var size = int.Parse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            at += lineEnd + 2;
            if (size == 0)
            {
                return body.ToArray();
            }

            body.Write(chunked, at, size);
            at += size + 2;
        }
    }
}
