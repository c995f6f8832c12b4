using System.Net;
using System.Net.Sockets;
using Parley.Bench.Cli;

namespace Parley.Bench.Http;

/// <summary>
/// The server under load: its address, resolved once so no request pays for a lookup, and the
/// <c>Host</c> header every request carries.
/// </summary>
internal sealed record HttpTarget(IPEndPoint EndPoint, string HostHeader)
{
    public static async Task<HttpTarget> ResolveAsync(Uri url, CancellationToken cancellation)
    {
        if (!IPAddress.TryParse(url.IdnHost, out var address))
        {
            var addresses = await Dns.GetHostAddressesAsync(url.IdnHost, cancellation);
            address = Array.Find(addresses, a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? addresses.FirstOrDefault()
                ?? throw new BenchUsageException($"--url host '{url.Host}' has no address");
        }

        return new HttpTarget(new IPEndPoint(address, url.Port), url.Authority);
    }

    /// <summary>A connected TCP socket with Nagle off: requests are small and must leave at once.</summary>
    public async Task<Socket> ConnectAsync(CancellationToken cancellation)
    {
        var socket = new Socket(EndPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(EndPoint, cancellation);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
