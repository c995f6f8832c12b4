using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Parley.Bench.Streams;

/// <summary>
/// Reads every open event stream of the process on one thread: one epoll set, one receive per ready stream per
/// round. A receive loop per stream on the runtime's socket engine wakes a task for every event a server writes
/// on its own (Nchan writes each message to each subscriber as it is published), and on the two cores the tool
/// shares with the server that reading, not the server, was the limit (bench/findings.md, "Nchan at its best").
/// </summary>
internal sealed unsafe class StreamPoller
{
    private const int Capacity = 512;

    private static readonly Lazy<StreamPoller> Instance = new(() => new StreamPoller());

    private readonly int _epoll = LinuxSockets.CreateEpoll();
    private readonly ConcurrentDictionary<ulong, EventStreamSubscriber> _streams = new();
    private long _lastId;

    private StreamPoller()
    {
        // A background thread for the life of the process: an idle set costs one thread asleep in epoll_wait.
        new Thread(Poll) { IsBackground = true, Name = "bench stream poller" }.Start();
    }

    /// <summary>The process's one poller, started on first use.</summary>
    public static StreamPoller Shared => Instance.Value;

    /// <summary>Starts reading <paramref name="stream"/> whenever <paramref name="fd"/> is readable; returns the id to forget it by.</summary>
    public ulong Watch(int fd, EventStreamSubscriber stream)
    {
        var id = (ulong)Interlocked.Increment(ref _lastId);
        _streams[id] = stream;
        LinuxSockets.Watch(_epoll, fd, LinuxSockets.Readable | LinuxSockets.PeerClosed, id);
        return id;
    }

    /// <summary>Stops reading the stream: before its socket closes, so that no round reads a number reused since.</summary>
    public void Forget(ulong id, int fd)
    {
        if (_streams.TryRemove(id, out _))
        {
            LinuxSockets.Forget(_epoll, fd);
        }
    }

    private void Poll()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(Capacity * LinuxSockets.EventSize));
        while (true)
        {
            var ready = LinuxSockets.Wait(_epoll, events, Capacity, timeoutMs: -1);
            for (var i = 0; i < ready; i++)
            {
                // A stream forgotten after this round's wait returned is no longer here: its event is stale.
                if (_streams.TryGetValue(LinuxSockets.DataOf(events, i), out var stream))
                {
                    stream.ReceiveReady();
                }
            }
        }
    }
}
