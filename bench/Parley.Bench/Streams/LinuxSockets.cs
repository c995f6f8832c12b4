using System.Runtime.InteropServices;

namespace Parley.Bench.Streams;

/// <summary>
/// The few libc calls the stream poller needs: an epoll set of its own and a receive that never blocks. The
/// runtime's socket engine has an epoll thread too, but it wakes a task per receive; here one thread reads them all.
/// </summary>
internal static unsafe partial class LinuxSockets
{
    public const uint Readable = 0x001; // EPOLLIN
    public const uint PeerClosed = 0x2000; // EPOLLRDHUP

    /// <summary>What <see cref="Receive"/> returns when the socket has nothing to read yet.</summary>
    public const int WouldBlock = -2;

    private const int Cloexec = 0x80000; // EPOLL_CLOEXEC
    private const int Add = 1; // EPOLL_CTL_ADD
    private const int Delete = 2; // EPOLL_CTL_DEL
    private const int DontWait = 0x40; // MSG_DONTWAIT
    private const int Interrupted = 4; // EINTR
    private const int TryAgain = 11; // EAGAIN, also EWOULDBLOCK

    // struct epoll_event is packed on x86 (4-byte events, then 8-byte data at offset 4) and padded elsewhere.
    private static readonly bool Packed = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;

    public static int EventSize => Packed ? 12 : 16;

    private static int DataOffset => Packed ? 4 : 8;

    public static int CreateEpoll()
    {
        var epoll = EpollCreate(Cloexec);
        return epoll >= 0 ? epoll : throw new IOException($"epoll_create1 failed with errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Watches <paramref name="fd"/> (level-triggered) for reading; its events carry <paramref name="data"/>.</summary>
    public static void Watch(int epoll, int fd, uint events, ulong data)
    {
        var buffer = stackalloc byte[16];
        *(uint*)buffer = events;
        *(ulong*)(buffer + DataOffset) = data;
        if (EpollControl(epoll, Add, fd, buffer) != 0)
        {
            throw new IOException($"epoll_ctl(ADD) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Stops watching <paramref name="fd"/>; a file already closed has left the set by itself.</summary>
    public static void Forget(int epoll, int fd)
    {
        var buffer = stackalloc byte[16]; // kernels before 2.6.9 wanted one even for DEL
        _ = EpollControl(epoll, Delete, fd, buffer);
    }

    /// <summary>Waits for ready files and returns how many events were written to <paramref name="events"/> (0 on a signal).</summary>
    public static int Wait(int epoll, byte* events, int capacity, int timeoutMs)
    {
        var count = EpollWait(epoll, events, capacity, timeoutMs);
        if (count >= 0)
        {
            return count;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == Interrupted ? 0 : throw new IOException($"epoll_wait failed with errno {errno}");
    }

    public static ulong DataOf(byte* events, int index) => *(ulong*)(events + (index * EventSize) + DataOffset);

    /// <summary>One receive that does not block: bytes read, 0 at the end of the stream, <see cref="WouldBlock"/>, or -1 on an error.</summary>
    public static int Receive(nint fd, Span<byte> into)
    {
        fixed (byte* buffer = into)
        {
            var received = Recv((int)fd, buffer, (nuint)into.Length, DontWait);
            if (received >= 0)
            {
                return (int)received;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno is TryAgain or Interrupted ? WouldBlock : -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    private static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    private static partial int EpollControl(int epoll, int operation, int fd, byte* events);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    private static partial int EpollWait(int epoll, byte* events, int capacity, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    private static partial nint Recv(int fd, byte* buffer, nuint length, int flags);
}
