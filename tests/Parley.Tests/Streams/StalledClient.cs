using System.Net;
using System.Net.Sockets;
using System.Text;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// A stream client that sends its request and then never reads, like a frozen browser tab: what the server
/// writes backs up through a small receive window until its flush stays pending and its queue fills.
/// </summary>
internal sealed class StalledClient : IDisposable
{
    private readonly Socket _socket;

    private StalledClient(Socket socket) => _socket = socket;

    /// <summary>The client's end as the server logs it, e.g. <c>127.0.0.1:40312</c>.</summary>
    public string Address => _socket.LocalEndPoint!.ToString()!;

    public static async Task<StalledClient> OpenAsync(Uri server, string path)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
        {
            // Before connecting: the window is agreed in the handshake. Linux rounds this up to a couple of KB.
            ReceiveBufferSize = 1024,
        };
        try
        {
            var cancel = TestContext.Current.CancellationToken;
            await socket.ConnectAsync(IPAddress.Loopback, server.Port, cancel).AsTask().WaitAsync(Timeouts.Default, cancel);
            // A JSON stream is a session's: the nick in its path picks that nick's guest session.
            var nick = path.StartsWith("/api/events?nick=", StringComparison.Ordinal) ? path["/api/events?nick=".Length..] : null;
            var cookie = nick is null ? "" : $"Cookie: {await GuestSessions.CookieAsync(server, nick)}\r\n";
            var request = $"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\nAccept: text/event-stream\r\n{cookie}\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(request), cancel).AsTask().WaitAsync(Timeouts.Default, cancel);
            return new StalledClient(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Starts reading at last: the body of the response (chunked, as Kestrel sends a stream) until the server ends it.</summary>
    public async Task<string> ReadToEndAsync(TimeSpan timeout)
    {
        var cancel = TestContext.Current.CancellationToken;
        var received = new StringBuilder();
        var buffer = new byte[65_536];
        using (var within = CancellationTokenSource.CreateLinkedTokenSource(cancel))
        {
            within.CancelAfter(timeout);
            while (!received.ToString().EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal)) // the last chunk: the connection may stay open
            {
                var read = await _socket.ReceiveAsync(buffer, within.Token);
                if (read == 0)
                {
                    throw new EndOfStreamException("The server closed the connection before it ended the response.");
                }

                received.Append(Encoding.Latin1.GetString(buffer, 0, read)); // a char a byte, as the chunk sizes count
            }
        }

        var wire = received.ToString();
        var body = new StringBuilder();
        var at = wire.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
        while (true)
        {
            var sizeEnd = wire.IndexOf("\r\n", at, StringComparison.Ordinal);
            var size = Convert.ToInt32(wire[at..sizeEnd], 16);
            if (size == 0)
            {
                return body.ToString();
            }

            body.Append(wire, sizeEnd + 2, size);
            at = sizeEnd + 2 + size + 2;
        }
    }

    public void Dispose() => _socket.Dispose();
}
