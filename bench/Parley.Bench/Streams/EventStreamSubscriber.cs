using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Parley.Bench.Streams;

/// <summary>
/// One event stream over a bare socket: no HttpClient, no stream wrapper, one buffer, so the tool can hold ten
/// thousand of them next to the server it measures. It opens with blocking calls on a thread of its own and is
/// then read by the <see cref="StreamPoller"/>: the runtime's socket engine never watches it, so an event costs
/// the tool one receive on the poller's thread and nothing else.
/// </summary>
internal sealed class EventStreamSubscriber : IDisposable
{
    // IP_BIND_ADDRESS_NO_PORT (linux/in.h): bind picks the address only and connect picks the port, per
    // destination, instead of bind reserving a port from the whole range for every socket.
    private const int IpProtocolLevel = 0;
    private const int BindAddressNoPort = 24;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly EventStreamReader _reader;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiving = Task.CompletedTask;
    private long _bytesReceived;
    private int _fd = -1;
    private ulong _pollId;
    private int _disposed;

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

    /// <summary>Connects, sends <c>GET {path}</c> and completes once the head says 200; events are then read by the poller.</summary>
    /// <param name="source">The local address to connect from, or null to let the system choose.</param>
    public Task OpenAsync(StreamTarget target, string path, IPAddress? source, CancellationToken cancellation) =>
        Task.Factory.StartNew(() => Open(target, path, source, cancellation), cancellation, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Open(StreamTarget target, string path, IPAddress? source, CancellationToken cancellation)
    {
        // Blocking calls abort when the socket is closed under them.
        using var abort = cancellation.UnsafeRegister(static socket => ((Socket)socket!).Dispose(), _socket);
        try
        {
            Connect(target, path, source);
        }
        catch (Exception e) when (cancellation.IsCancellationRequested && e is SocketException or ObjectDisposedException)
        {
            throw new OperationCanceledException(cancellation);
        }

        OpenedAt = Stopwatch.GetTimestamp();
        _receiving = _ended.Task;
        var held = false;
        try
        {
            // Held so that a Dispose racing this cannot close the number between watching and forgetting it.
            _socket.SafeHandle.DangerousAddRef(ref held);
            _fd = (int)_socket.SafeHandle.DangerousGetHandle();
            _pollId = StreamPoller.Shared.Watch(_fd, this);
            if (Volatile.Read(ref _disposed) == 1)
            {
                End();
            }
        }
        catch (ObjectDisposedException)
        {
            _ended.TrySetResult(); // disposed before it could be watched
        }
        finally
        {
            if (held)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
    }

    private void Connect(StreamTarget target, string path, IPAddress? source)
    {
        if (source is not null)
        {
            if (OperatingSystem.IsLinux())
            {
                _socket.SetRawSocketOption(IpProtocolLevel, BindAddressNoPort, BitConverter.GetBytes(1));
            }

            _socket.Bind(new IPEndPoint(source, 0));
        }

        _socket.Connect(target.EndPoint);
        var cookie = Cookie is null ? "" : $"Cookie: {Cookie}\r\n";
        _socket.Send(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {target.Host}\r\nAccept: text/event-stream\r\n{cookie}\r\n"));
        while (_reader.Head is null)
        {
            var received = _socket.Receive(_reader.Free.Span);
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
    }

    /// <summary>Called by the poller when the socket is readable: one receive, handed to the reader.</summary>
    internal void ReceiveReady()
    {
        var held = false;
        try
        {
            // Held for the receive, so that a Dispose on another thread cannot close the number under it.
            _socket.SafeHandle.DangerousAddRef(ref held);
            var received = LinuxSockets.Receive(_fd, _reader.Free.Span);
            if (received == LinuxSockets.WouldBlock)
            {
                return;
            }

            if (received > 0)
            {
                Take(received);
            }

            if (received <= 0 || _reader.BodyEnded)
            {
                End(); // the server closed the stream or reset the connection
            }
        }
        catch (ObjectDisposedException)
        {
            End();
        }
        catch (InvalidDataException e)
        {
            End(e);
        }
        finally
        {
            if (held)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
    }

    private void Take(int received)
    {
        Volatile.Write(ref _bytesReceived, _bytesReceived + received);
        _reader.Advance(received);
    }

    /// <summary>Stops the poller reading this stream and completes <see cref="Receiving"/>, faulted by <paramref name="broken"/> if given.</summary>
    private void End(InvalidDataException? broken = null)
    {
        if (_pollId != 0)
        {
            StreamPoller.Shared.Forget(_pollId, _fd);
        }

        if (broken is null)
        {
            _ended.TrySetResult();
        }
        else
        {
            _ended.TrySetException(broken);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            End();
            _socket.Dispose();
        }
    }
}
