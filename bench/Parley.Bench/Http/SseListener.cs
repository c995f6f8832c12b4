using System.Net.Sockets;

namespace Parley.Bench.Http;

/// <summary>
/// The one event-stream reader of <c>send</c>: <c>GET {path}</c> with <c>Accept: text/event-stream</c> over a
/// bare socket, handing each <c>data:</c> line's value to a handler on its receive loop. It reads as fast as the
/// socket delivers, so it never becomes the slow consumer a server cuts off.
/// </summary>
internal sealed class SseListener : IAsyncDisposable
{
    private const int ReceiveBufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly string _path;
    private readonly CancellationTokenSource _stop;
    private readonly Task _receiving;
    private bool _disposed;

    private SseListener(Socket socket, string path, SseDataHandler onData, CancellationToken cancellation)
    {
        _socket = socket;
        _path = path;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var lines = new SseLineSplitter(onData);
        _receiving = Task.Run(() => ReceiveAsync(lines, _stop.Token), CancellationToken.None);
    }

    /// <summary>Ends when the server ends the stream; faults when the server answers other than 200 or breaks HTTP.</summary>
    public Task Completion => _receiving;

    /// <summary>Connects and sends the request; <paramref name="onData"/> then runs for every data line until disposal.</summary>
    public static async Task<SseListener> OpenAsync(HttpTarget target, string path, SseDataHandler onData, CancellationToken cancellation)
    {
        var socket = await target.ConnectAsync(cancellation);
        try
        {
            var request = HttpRequestBytes.Get(target, path, keepAlive: true, "Accept: text/event-stream", "Cache-Control: no-cache");
            for (var sent = 0; sent < request.Length;)
            {
                sent += await socket.SendAsync(request.AsMemory(sent), SocketFlags.None, cancellation);
            }

            return new SseListener(socket, path, onData, cancellation);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _receiving;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException or InvalidDataException)
        {
            // Stopping is what was asked; a fault before it was for the caller to see through Completion.
        }

        _stop.Dispose();
    }

    private async Task ReceiveAsync(SseLineSplitter lines, CancellationToken cancellation)
    {
        var buffer = new byte[ReceiveBufferSize];
        var parser = new HttpResponseParser();
        parser.Reset();
        while (true)
        {
            var read = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellation);
            if (read == 0)
            {
                parser.EndOfStream();
                return;
            }

            if (Feed(parser, lines, buffer.AsSpan(0, read)))
            {
                return;
            }
        }
    }

    /// <summary>Parses what arrived and passes the body on; true once the server has ended the response.</summary>
    private bool Feed(HttpResponseParser parser, SseLineSplitter lines, ReadOnlySpan<byte> received)
    {
        while (!received.IsEmpty && !parser.IsComplete)
        {
            var headBefore = parser.HeadComplete;
            var part = parser.Advance(received);
            if (!headBefore && parser.HeadComplete && parser.Status != 200)
            {
                throw new InvalidDataException($"GET {_path} answered {parser.Status}, not 200");
            }

            lines.Append(received.Slice(part.BodyOffset, part.BodyCount));
            received = received[part.Consumed..];
        }

        return parser.IsComplete;
    }
}
