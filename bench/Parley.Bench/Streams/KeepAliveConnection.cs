using System.Net.Sockets;
using System.Text;

namespace Parley.Bench.Streams;

/// <summary>
/// One HTTP/1.1 connection kept open across requests, one request at a time, over a bare socket: a
/// publisher's send costs a write and a read, not a connection, and its bytes are exactly what was built.
/// With <paramref name="closeAfterEachAnswer"/> every request gets a connection of its own instead, as a
/// client without keep-alive sends.
/// </summary>
internal sealed class KeepAliveConnection(StreamTarget target, bool closeAfterEachAnswer = false) : IDisposable
{
    private readonly byte[] _buffer = new byte[8192];
    private Socket? _socket;
    private bool _reused;

    // Bytes of the current answer received so far: a reused connection that ends before the first one was closed idle.
    private long _answerBytes;

    // Answer bytes at the start of the buffer not yet consumed.
    private int _held;

    /// <summary>Sends <paramref name="request"/> (a whole request, head and body) and reads the answer to its end.</summary>
    /// <returns>The head, and the start of the body when the status is not 2xx (for the error message).</returns>
    public async Task<(ResponseHead Head, string Refusal)> SendAsync(ReadOnlyMemory<byte> request, CancellationToken cancellation)
    {
        while (true)
        {
            var socket = await ConnectedAsync(cancellation);
            var retry = _reused;
            _reused = true;
            _answerBytes = 0;
            try
            {
                await socket.SendAsync(request, SocketFlags.None, cancellation);
                return await ReadAnswerAsync(socket, cancellation);
            }
            catch (Exception e) when (retry && _answerBytes == 0 && e is IOException or SocketException)
            {
                // The server had closed the idle connection before it read the request: send it again on a fresh one.
                Drop();
            }
        }
    }

    private async Task<Socket> ConnectedAsync(CancellationToken cancellation)
    {
        if (_socket is { } open)
        {
            return open;
        }

        var socket = new Socket(target.EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target.EndPoint, cancellation);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        _reused = false;
        return socket;
    }

    private async Task<(ResponseHead, string)> ReadAnswerAsync(Socket socket, CancellationToken cancellation)
    {
        int end;
        while ((end = _buffer.AsSpan(0, _held).IndexOf("\r\n\r\n"u8)) < 0)
        {
            await FillAsync(socket, cancellation);
        }

        var head = ResponseHead.Parse(_buffer.AsSpan(0, end));
        Consume(end + 4);
        var refusal = "";
        if (head.Status is < 200 or >= 300)
        {
            refusal = Encoding.UTF8.GetString(_buffer, 0, Math.Min(_held, 300)).Trim();
        }

        if (!head.HasBody)
        {
            // Nothing to read.
        }
        else if (head.Chunked)
        {
            await SkipChunkedAsync(socket, cancellation);
        }
        else if (head.ContentLength is { } length)
        {
            await SkipAsync(socket, length, cancellation);
        }
        else
        {
            head = head with { Close = true }; // the body runs to the end of the connection
        }

        if (head.Close || closeAfterEachAnswer)
        {
            Drop();
        }

        return (head, refusal);
    }

    private async Task SkipAsync(Socket socket, long length, CancellationToken cancellation)
    {
        while (true)
        {
            var take = (int)Math.Min(length, _held);
            Consume(take);
            length -= take;
            if (length == 0)
            {
                return;
            }

            await FillAsync(socket, cancellation);
        }
    }

    private async Task SkipChunkedAsync(Socket socket, CancellationToken cancellation)
    {
        var chunks = new ChunkedBodyDecoder();
        while (true)
        {
            // The decoded bytes are not needed, only how far the framing reaches: they land in what is consumed.
            chunks.DecodeInPlace(_buffer.AsSpan(0, _held), out var consumed);
            Consume(consumed);
            if (chunks.Ended)
            {
                return;
            }

            await FillAsync(socket, cancellation);
        }
    }

    private async Task FillAsync(Socket socket, CancellationToken cancellation)
    {
        if (_held == _buffer.Length)
        {
            throw new InvalidDataException($"an answer head is longer than {_buffer.Length} bytes");
        }

        var received = await socket.ReceiveAsync(_buffer.AsMemory(_held), SocketFlags.None, cancellation);
        if (received == 0)
        {
            throw new IOException("the server closed the connection before it answered");
        }

        _held += received;
        _answerBytes += received;
    }

    private void Consume(int count)
    {
        _buffer.AsSpan(count, _held - count).CopyTo(_buffer);
        _held -= count;
    }

    private void Drop()
    {
        _socket?.Dispose();
        _socket = null;
        _held = 0;
    }

    public void Dispose() => Drop();
}
