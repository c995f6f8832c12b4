using System.Net;
using System.Net.Sockets;

namespace Parley.Tests.Protection;

/// <summary>
/// An HttpClient whose connections come from one loopback address of its own (127.0.0.2, 127.0.0.3, ...): to the
/// server, a client on another machine. Linux answers every 127.0.0.0/8 address on the loopback interface.
/// </summary>
internal static class LoopbackClient
{
    public static HttpClient Create(Uri server, string localAddress)
    {
        var local = IPAddress.Parse(localAddress);
        var handler = new SocketsHttpHandler
        {
            MaxResponseDrainSize = 0, // a disposed stream closes its connection at once
            UseCookies = false, // one guest session per nick it names (GuestSessions)
            ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(new Infrastructure.GuestSessions(handler)) { BaseAddress = server, Timeout = Timeout.InfiniteTimeSpan };
    }
}
