using System.Net.Sockets;

namespace Parley.Bench.Http;

/// <summary>
/// One client connection that sends prebuilt requests and reads each answer before the next (no pipelining),
/// keeping only what a load run counts: the status, the body length and whether the connection stays open.
/// </summary>
internal sealed class HttpConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly HttpResponseParser _parser = new();

    // Bytes read past the end of the last response; a server answering one request at a time sends none.
    private int _unreadStart;
    private int _unreadEnd;

    private HttpConnection(Socket socket) => _socket = socket;

    public static async Task<HttpConnection> OpenAsync(HttpTarget target, CancellationToken cancellation) =>
        new(await target.ConnectAsync(cancellation));

    /// <summary>Writes <paramref name="request"/> and reads the whole response to it.</summary>
    /// <exception cref="IOException">The server closed the connection before the response was whole.</exception>
    /// <exception cref="InvalidDataException">The response is not well-formed HTTP/1.x.</exception>
    public async ValueTask<ResponseSummary> ExchangeAsync(ReadOnlyMemory<byte> request, CancellationToken cancellation)
    {
        for (var sent = 0; sent < request.Length;)
        {
            sent += await _socket.SendAsync(request[sent..], SocketFlags.None, cancellation);
        }

        _parser.Reset();
        while (!ParseUnread())
        {
            var read = await _socket.ReceiveAsync(_buffer.AsMemory(), SocketFlags.None, cancellation);
            if (read == 0)
            {
                _parser.EndOfStream();
                break;
            }

            _unreadStart = 0;
            _unreadEnd = read;
        }

        return new ResponseSummary(_parser.Status, _parser.BodyLength, KeepsOpen: !_parser.ConnectionClose);
    }

    public void Dispose() => _socket.Dispose();

    /// <summary>Feeds the bytes not yet parsed to the parser; true once the response is complete.</summary>
    private bool ParseUnread()
    {
        while (_unreadStart < _unreadEnd && !_parser.IsComplete)
        {
            _unreadStart += _parser.Advance(_buffer.AsSpan(_unreadStart, _unreadEnd - _unreadStart)).Consumed;
        }

        return _parser.IsComplete;
    }
}

/// <summary>What a load run keeps of one response.</summary>
internal readonly record struct ResponseSummary(int Status, long BodyLength, bool KeepsOpen);
