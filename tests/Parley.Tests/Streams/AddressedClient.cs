using System.Net.Sockets;
using Parley.Tests.Infrastructure;

namespace Parley.Tests.Streams;

/// <summary>
/// An HttpClient for one stream whose connection's local address is known, so a test can expect the
/// server's log line for that stream word for word.
/// </summary>
internal sealed class AddressedClient : IDisposable
{
    private string? _localAddress;

    public AddressedClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            // Disposing a stream closes its connection at once instead of draining an endless body for 2 s.
            MaxResponseDrainSize = 0,
            UseCookies = false,
            ConnectCallback = async (context, cancel) =>
            {
                // IPv4 explicitly: a dual-mode socket would name itself [::ffff:127.0.0.1]:port.
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancel);
                    _localAddress = socket.LocalEndPoint!.ToString();
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        Http = new HttpClient(new Infrastructure.GuestSessions(handler)) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public HttpClient Http { get; }

    /// <summary>The client's end of its (latest) connection as the server logs it, e.g. <c>127.0.0.1:40312</c>.</summary>
    public string LocalAddress => _localAddress ?? throw new InvalidOperationException("The client has not connected yet.");

    public Task<SseReader> OpenAsync(string path) => SseReader.OpenAsync(Http, path);

    public void Dispose() => Http.Dispose();
}
