using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Bench.Streams;

/// <summary>
/// One event stream over a bare socket: no HttpClient, no stream wrapper, one buffer and one pending
/// receive at a time, so the tool can hold ten thousand of them next to the server it measures.
/// </summary>
internal sealed class EventStreamSubscriber : IDisposable
{
    // IP_BIND_ADDRESS_NO_PORT (linux/in.h): bind picks the address only and connect picks the port, per
    // destination, instead of bind reserving a port from the whole range for every socket.
    private const int IpProtocolLevel = 0;
    private const int BindAddressNoPort = 24;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly EventStreamReader _reader;
    private Task _receiving = Task.CompletedTask;
    private long _bytesReceived;

    public EventStreamSubscriber(IDataLineHandler handler, int bufferSize = EventStreamReader.DefaultBufferSize) =>
        _reader = new EventStreamReader(handler, bufferSize);

    /// <summary>Completes when the stream ends: the server closed it, or it was disposed. Faults on a broken answer.</summary>
    public Task Receiving => _receiving;

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the 200 head arrived; 0 before.</summary>
    public long OpenedAt { get; private set; }

    /// <summary>True from the 200 head until the stream ends.</summary>
    public bool IsOpen => OpenedAt != 0 && !_receiving.IsCompleted;

    /// <summary>Bytes received so far, head included: how the modes tell a busy stream from a stalled one.</summary>
    public long BytesReceived => Volatile.Read(ref _bytesReceived);

    public int LongLinesSkipped => _reader.LongLinesSkipped;

    /// <summary>A <c>Cookie</c> header value to send with the request (a session on Parley's JSON stream), or null for none.</summary>
    public string? Cookie { get; set; }

    /// <summary>Connects, sends <c>GET {path}</c> and returns once the head says 200; events are then read in the background.</summary>
    /// <param name="source">The local address to connect from, or null to let the system choose.</param>
    public async Task OpenAsync(StreamTarget target, string path, IPAddress? source, CancellationToken cancellation)
    {
        if (source is not null)
        {
            if (OperatingSystem.IsLinux())
            {
                _socket.SetRawSocketOption(IpProtocolLevel, BindAddressNoPort, BitConverter.GetBytes(1));
            }

            _socket.Bind(new IPEndPoint(source, 0));
        }

        await _socket.ConnectAsync(target.EndPoint, cancellation);
        var cookie = Cookie is null ? "" : $"Cookie: {Cookie}\r\n";
        var request = $"GET {path} HTTP/1.1\r\nHost: {target.Host}\r\nAccept: text/event-stream\r\n{cookie}\r\n";
        await _socket.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None, cancellation);
        while (_reader.Head is null)
        {
            var received = await _socket.ReceiveAsync(_reader.Free, SocketFlags.None, cancellation);
            if (received == 0)
            {
                throw new IOException($"GET {path}: the server closed the connection before it answered");
            }

            Take(received);
        }

        if (_reader.Head.Status != 200)
        {
            throw new IOException($"GET {path} answered '{_reader.Head.StatusLine}': {_reader.RefusalText}");
        }

        OpenedAt = Stopwatch.GetTimestamp();
        _receiving = ReceiveAsync();
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (!_reader.BodyEnded)
            {
                // No cancellation token: registering one per receive costs more than the receive; Dispose ends the loop.
                var received = await _socket.ReceiveAsync(_reader.Free, SocketFlags.None);
                if (received == 0)
                {
                    return;
                }

                Take(received);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The connection was reset, or this side closed it: either way the stream has ended.
        }
    }

    private void Take(int received)
    {
        Volatile.Write(ref _bytesReceived, _bytesReceived + received);
        _reader.Advance(received);
    }

    public void Dispose() => _socket.Dispose();
}
